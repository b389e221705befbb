/**
 * 清零看板: open 创文 cases of the caller's scope by responsible unit and by age since found,
 * overdue, and what falls due today and this week. Every number opens the case list with
 * the matching filters (age buckets map to found-date ranges, 今日到期 / 本周到期 to deadline
 * ranges: today, Monday–Sunday of this week in the zone); the due lists are also shown below.
 */
import { Card, Col, Row, Statistic, Table, Typography, type TableProps } from 'antd';
import { Link } from 'react-router';
import type { TBoard } from '../../../shared/contracts/chuangwen';
import { OPEN_STATUSES } from '../../../shared/domain/case-machine';
import { useBoard } from '../../api/chuangwen';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { dayjs, formatDateTime, zoneToday } from '../../lib/format';
import { useIsPhone } from '../../lib/useIsPhone';
import { CaseBriefList } from './CaseBriefList';

type TRow = TBoard['byUnit'][number];
type TBucket = 'open' | 'overdue' | 'lt3' | 'd3to7' | 'd7to14' | 'gt14' | 'dueToday' | 'dueThisWeek';
/** The zone dates the links are built from: today and this week (Monday–Sunday). */
type TDays = { today: string; weekStart: string; weekEnd: string };

/** The zone dates of today and of this week's Monday and Sunday, from the board or the clock. */
function boardDays(b: TBoard | undefined): TDays {
  const today = zoneToday();
  const monday = today.subtract((today.day() + 6) % 7, 'day');
  return {
    today: b?.today ?? today.format('YYYY-MM-DD'),
    weekStart: b?.weekStart ?? monday.format('YYYY-MM-DD'),
    weekEnd: b?.weekEnd ?? monday.add(6, 'day').format('YYYY-MM-DD'),
  };
}

/** The case-list address for a unit (undefined = all; null = not yet assigned) and a bucket. */
function caseLink(days: TDays, unitId: number | null | undefined, bucket: TBucket): string {
  const { today } = days;
  const p = new URLSearchParams({ module: 'chuangwen' });
  if (unitId === null) p.set('status', 'pending_assign');
  else {
    p.set('status', OPEN_STATUSES.join(','));
    if (unitId !== undefined) p.set('unitId', String(unitId));
  }
  const day = (n: number) => dayjs(today).subtract(n, 'day').format('YYYY-MM-DD');
  if (bucket === 'overdue') p.set('overdue', 'true');
  if (bucket === 'lt3') p.set('from', day(2));
  if (bucket === 'd3to7') {
    p.set('from', day(6));
    p.set('to', day(3));
  }
  if (bucket === 'd7to14') {
    p.set('from', day(13));
    p.set('to', day(7));
  }
  if (bucket === 'gt14') p.set('to', day(14));
  if (bucket === 'dueToday') {
    p.set('dueFrom', today);
    p.set('dueTo', today);
  }
  if (bucket === 'dueThisWeek') {
    p.set('dueFrom', days.weekStart);
    p.set('dueTo', days.weekEnd);
  }
  return `/cases?${p.toString()}`;
}

function Num({ n, to, danger }: { n: number; to: string; danger?: boolean }) {
  if (!n) return <span style={{ color: 'rgba(0,0,0,0.25)' }}>0</span>;
  return (
    <Link to={to} className={danger ? 'zl-overdue' : undefined}>
      {n}
    </Link>
  );
}

/** 清零看板 page. */
export default function BoardPage() {
  const q = useBoard();
  const isPhone = useIsPhone();
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const b = q.data;
  const days = boardDays(b);

  const bucketCol = (title: string, key: TBucket, danger = false): NonNullable<TableProps<TRow>['columns']>[number] => ({
    title,
    dataIndex: key,
    align: 'right',
    width: 76,
    render: (n: number, r) => <Num n={n} to={caseLink(days, r.unitId, key)} danger={danger} />,
  });
  const columns: TableProps<TRow>['columns'] = [
    {
      title: '责任单位',
      dataIndex: 'unitName',
      fixed: 'left',
      width: isPhone ? 140 : undefined,
      ellipsis: true,
      render: (name: string, r) => (r.unitId === null ? <Typography.Text type="warning">{name}</Typography.Text> : name),
    },
    bucketCol('未办结', 'open'),
    bucketCol('已超期', 'overdue', true),
    bucketCol('3天内', 'lt3'),
    bucketCol('3–7天', 'd3to7'),
    bucketCol('7–14天', 'd7to14'),
    bucketCol('14天以上', 'gt14', true),
    bucketCol('今日到期', 'dueToday'),
    bucketCol('本周到期', 'dueThisWeek'),
  ];

  const stat = (title: string, value: number | undefined, to: string, color?: string) => (
    <Col xs={12} sm={6}>
      <Card size="small" className="zl-stat-card" loading={q.isPending}>
        <Link to={to} style={{ color: 'inherit', display: 'block' }}>
          <Statistic title={title} value={value ?? 0} valueStyle={color ? { color } : undefined} />
        </Link>
      </Card>
    </Col>
  );

  return (
    <>
      <PageHeader title="清零看板" subTitle={b ? `截至 ${formatDateTime(b.now)} · 本周 ${b.weekStart} 至 ${b.weekEnd}` : undefined} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {stat('未办结问题', b?.totals.open, caseLink(days, undefined, 'open'))}
        {stat('已超期', b?.totals.overdue, caseLink(days, undefined, 'overdue'), '#cf1322')}
        {stat('今日到期', b?.totals.dueToday, caseLink(days, undefined, 'dueToday'), '#d46b08')}
        {stat('本周到期', b?.totals.dueThisWeek, caseLink(days, undefined, 'dueThisWeek'))}
      </Row>
      <Card size="small" title="按问题发现时长" style={{ marginBottom: 12 }} loading={q.isPending}>
        <Row gutter={[8, 8]}>
          {(
            [
              ['lt3', '3天内'],
              ['d3to7', '3–7天'],
              ['d7to14', '7–14天'],
              ['gt14', '14天以上'],
            ] as const
          ).map(([k, label]) => (
            <Col xs={6} key={k} style={{ textAlign: 'center' }}>
              <div style={{ fontSize: 22, fontWeight: 500 }}>
                <Num n={b?.totals[k] ?? 0} to={caseLink(days, undefined, k)} danger={k === 'gt14'} />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {label}
              </Typography.Text>
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title="按责任单位" style={{ marginBottom: 12 }} styles={{ body: { padding: 0 } }}>
        <Table<TRow>
          rowKey={(r) => r.unitId ?? 0}
          size="small"
          columns={columns}
          dataSource={b?.byUnit}
          loading={q.isPending}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: '没有未办结的问题，已全部清零' }}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={`今日到期（${b?.totals.dueToday ?? 0}）`} id="due-today" loading={q.isPending}>
            <CaseBriefList items={b?.dueToday ?? []} empty="今天没有到期的问题" dateOf="deadline" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`本周到期（${b?.totals.dueThisWeek ?? 0}）`} id="due-week" loading={q.isPending}>
            <CaseBriefList items={b?.dueThisWeek ?? []} empty="本周没有到期的问题" dateOf="deadline" />
          </Card>
        </Col>
      </Row>
    </>
  );
}
