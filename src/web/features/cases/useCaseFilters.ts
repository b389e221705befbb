/** The case list's filters, paging and sort, kept in the URL so a list can be shared and reloaded. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TCaseListParams } from '../../api/cases';

export const FILTER_KEYS = ['module', 'status', 'source', 'areaId', 'unitId', 'overdue', 'from', 'to', 'dueFrom', 'dueTo', 'q'] as const;
export type TFilterKey = (typeof FILTER_KEYS)[number];

/** Reads and writes the list query in the address bar. */
export function useCaseFilters() {
  const [params, setParams] = useSearchParams();
  const query: TCaseListParams = useMemo(() => {
    const q: TCaseListParams = {};
    for (const key of FILTER_KEYS) {
      const v = params.get(key);
      if (v) q[key] = v;
    }
    q.page = Number(params.get('page') ?? 1) || 1;
    q.pageSize = Number(params.get('pageSize') ?? 20) || 20;
    q.sort = params.get('sort') ?? 'foundAt';
    q.order = params.get('order') === 'asc' ? 'asc' : 'desc';
    return q;
  }, [params]);

  const update = useCallback(
    (patch: Record<string, string | number | null | undefined>, opts: { resetPage?: boolean } = { resetPage: true }) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v == null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (opts.resetPage) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const activeCount = FILTER_KEYS.filter((k) => k !== 'q' && params.get(k)).length;
  return { query, params, update, clear, activeCount };
}
