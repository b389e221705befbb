/** 服务时长统计: volunteer hours and activities by team for a period. */
import { Card, DatePicker, Table, type TableProps } from 'antd';
import { useSearchParams } from 'react-router';
import { useTeamHours, type TTeamHours } from '../../api/volunteers';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { dayjs, zoneToday } from '../../lib/format';
import { useIsPhone } from '../../lib/useIsPhone';

const FMT = 'YYYY-MM-DD';

/** Hours-by-team report page. */
export default function HoursPage() {
  const [params, setParams] = useSearchParams();
  const isPhone = useIsPhone();
  const today = zoneToday();
  const from = params.get('from') ?? today.startOf('year').format(FMT);
  const to = params.get('to') ?? today.format(FMT);
  const hours = useTeamHours(from, to);
  const rows = hours.data ?? [];
  const total = rows.reduce((s, r) => s + r.hours, 0);
  const acts = rows.reduce((s, r) => s + r.activities, 0);

  const fmt = (h: number) => h.toLocaleString('zh-CN', { maximumFractionDigits: 1 });
  const columns: TableProps<TTeamHours>['columns'] = isPhone
    ? [
        {
          title: '志愿服务队',
          dataIndex: 'teamName',
          render: (n: string, r) => (
            <div>
              <div>{n}</div>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{r.areaName}</div>
            </div>
          ),
        },
        { title: '活动', dataIndex: 'activities', width: 64, align: 'right' },
        { title: '时长(h)', dataIndex: 'hours', width: 84, align: 'right', render: fmt },
      ]
    : [
        { title: '序号', key: 'n', width: 64, render: (_: unknown, _r, i) => i + 1 },
        { title: '志愿服务队', dataIndex: 'teamName' },
        { title: '所属区域', dataIndex: 'areaName', width: 180 },
        { title: '活动次数', dataIndex: 'activities', width: 110, align: 'right' },
        { title: '服务时长（小时）', dataIndex: 'hours', width: 150, align: 'right', render: fmt },
      ];
  const lead = isPhone ? 1 : 3;

  return (
    <>
      <PageHeader title="服务时长统计" subTitle={`${from} 至 ${to}`} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          aria-label="统计期间"
          allowClear={false}
          inputReadOnly
          value={[dayjs(from), dayjs(to)]}
          presets={[
            { label: '本月', value: [today.startOf('month'), today] },
            { label: '上月', value: [today.subtract(1, 'month').startOf('month'), today.subtract(1, 'month').endOf('month')] },
            { label: '今年', value: [today.startOf('year'), today] },
            { label: '近三个月', value: [today.subtract(3, 'month'), today] },
          ]}
          onChange={(v) => {
            if (!v?.[0] || !v[1]) return;
            setParams({ from: v[0].format(FMT), to: v[1].format(FMT) }, { replace: true });
          }}
        />
      </Card>
      <QueryTable<TTeamHours>
        query={hours}
        rowKey="teamId"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={hours.isFetching}
        pagination={false}
        locale={{ emptyText: '该期间没有志愿服务活动' }}
        summary={() =>
          rows.length ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={lead}>
                合计
              </Table.Summary.Cell>
              <Table.Summary.Cell index={lead} align="right">
                {acts}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={lead + 1} align="right">
                {fmt(total)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
