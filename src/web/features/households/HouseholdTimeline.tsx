/**
 * 时间线 on the household page: everything that happened to the household, newest first (建档,
 * 成员变动, 收入, 三保障, 风险提示 raised and cleared, 线索 and each step of 识别/消除 with who and
 * why, 帮扶措施 and 资金, 走访, 一户一档, 督办事项), filtered by kind, 30 at a time. Refreshed after
 * any change made on the page, since those changes are events too.
 */
import { useIsMutating } from '@tanstack/react-query';
import { Button, Card, Empty, Select, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { TIMELINE_KIND_LABELS, TIMELINE_KINDS, type TTimelineEvent, type TTimelineKind } from '../../../shared/contracts/households';
import { useHouseholdTimeline } from '../../api/households';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';

const TONE_COLOR: Record<TTimelineEvent['tone'], string> = { info: 'blue', success: 'green', warning: 'orange', danger: 'red' };

/** The 时间线 card of a household. */
export function HouseholdTimeline({ householdId }: { householdId: number }) {
  const [kinds, setKinds] = useState<TTimelineKind[]>([]);
  const q = useHouseholdTimeline(householdId, kinds);
  // A change saved on this page (a measure, a visit, a scan …) is a new event: refetch once it settles.
  const mutating = useIsMutating();
  const wasMutating = useRef(false);
  const { refetch } = q;
  useEffect(() => {
    if (mutating > 0) wasMutating.current = true;
    else if (wasMutating.current) {
      wasMutating.current = false;
      void refetch();
    }
  }, [mutating, refetch]);

  const events = q.data?.pages.flatMap((p) => p.items) ?? [];
  const total = q.data?.pages[0]?.total;
  return (
    <Card size="small" title={total == null ? '时间线' : `时间线（共 ${total} 条）`} style={{ marginTop: 12 }} data-testid="household-timeline">
      <Select
        mode="multiple"
        allowClear
        placeholder="全部类型"
        aria-label="事件类型"
        value={kinds}
        onChange={setKinds}
        options={TIMELINE_KINDS.map((k) => ({ value: k, label: TIMELINE_KIND_LABELS[k] }))}
        maxTagCount="responsive"
        style={{ width: '100%', maxWidth: 520, marginBottom: 16 }}
      />
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={kinds.length ? '没有该类记录' : '暂无记录'} />
      ) : (
        <Timeline items={events.map((e) => ({ key: e.id, color: TONE_COLOR[e.tone], children: <TimelineEvent e={e} /> }))} />
      )}
      {q.hasNextPage && (
        <Button block onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
          加载更早的记录
        </Button>
      )}
    </Card>
  );
}

function TimelineEvent({ e }: { e: TTimelineEvent }) {
  return (
    <div data-kind={e.kind} style={{ minWidth: 0 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
        <span>{e.on ?? formatDateTime(e.at)}</span>
        <Tag bordered={false} style={{ marginInlineEnd: 0, fontSize: 12 }}>
          {TIMELINE_KIND_LABELS[e.kind]}
        </Tag>
      </div>
      <Typography.Text strong style={{ display: 'block', marginTop: 2 }}>
        {e.title}
      </Typography.Text>
      {e.detail && <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13, overflowWrap: 'anywhere' }}>{e.detail}</div>}
      {(e.actorName || e.link) && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 2 }}>
          {e.actorName && <span>经办：{e.actorName}</span>}
          {e.link && <Link to={e.link.type === 'lead' ? `/household-leads/${e.link.id}` : `/cases/${e.link.id}`}>{e.link.type === 'lead' ? '查看线索' : '查看督办事项'}</Link>}
        </div>
      )}
    </div>
  );
}
