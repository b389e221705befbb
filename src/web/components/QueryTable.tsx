/** A list page's body: the rows of a query as a table, its error with a retry, or cards on phones. */
import { Card, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useIsPhone } from '../lib/useIsPhone';
import { QueryError } from './QueryError';

/** The part of a TanStack query result the table needs to show a failure. */
export interface TQueryState {
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * The table (in a flush card) of a list page; when the query failed its Chinese message with
 * 重试 instead, and on phones `phoneView` instead when the page has one.
 */
export function QueryTable<T extends object>({ query, phoneView, ...table }: TableProps<T> & { query: TQueryState; phoneView?: ReactNode }) {
  const isPhone = useIsPhone();
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (isPhone && phoneView !== undefined) return <>{phoneView}</>;
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <Table<T> {...table} />
    </Card>
  );
}
