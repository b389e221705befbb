/** List filters kept in the URL, so a filtered list can be bookmarked and survives a reload. */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** A change to the URL's filters: an empty or missing value removes the key. */
export type TFilterPatch = Record<string, string | number | undefined>;

/**
 * The search params and a function that patches them in place (no new history entry); any
 * change that does not name `page` goes back to the first page.
 */
export function useUrlFilters(): [URLSearchParams, (patch: TFilterPatch) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: TFilterPatch) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) v == null || v === '' ? next.delete(k) : next.set(k, String(v));
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [params, update];
}
