/** 我的待办: the cases this user must act on now, nearest deadline first. */
import { Card, Empty, Pagination, Skeleton } from 'antd';
import { useState } from 'react';
import { useCaseList } from '../../api/cases';
import { CaseCardList } from '../../components/CaseCardList';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';

const PAGE_SIZE = 20;

/** My to-do page. */
export default function TodoPage() {
  const [page, setPage] = useState(1);
  const list = useCaseList({ mine: 'true', sort: 'deadline', order: 'asc', page, pageSize: PAGE_SIZE });
  const data = list.data;
  return (
    <div style={{ maxWidth: 960 }}>
      <PageHeader
        title="我的待办"
        subTitle={data ? `共 ${data.total}${data.totalCapped ? '+' : ''} 件，按整改期限排序` : undefined}
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : data!.items.length ? (
        <>
          <CaseCardList items={data!.items} />
          {data!.total > PAGE_SIZE && (
            <Pagination
              style={{ marginTop: 12, textAlign: 'center' }}
              simple
              current={page}
              pageSize={PAGE_SIZE}
              total={data!.total}
              onChange={setPage}
            />
          )}
        </>
      ) : (
        <Card>
          <Empty description="暂无待办事项" />
        </Card>
      )}
    </div>
  );
}
