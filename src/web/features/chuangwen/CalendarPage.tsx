/**
 * 工作日历: a year's official holidays and 调休 working days (the dates that differ from
 * Monday–Friday), which deadlines in working days follow. Admins edit and save the year.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Input, InputNumber, Segmented, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { TCalendarDayDto } from '../../../shared/contracts/chuangwen';
import { useCalendarYear, useSaveCalendarYear } from '../../api/chuangwen';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan } from '../../lib/abilities';
import { dayjs, zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 工作日历 page. */
export default function CalendarPage() {
  const canEdit = useCan('chuangwen', 'editCalendar');
  const [year, setYear] = useState(zoneToday().year());
  const q = useCalendarYear(year);
  const save = useSaveCalendarYear(year);
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [days, setDays] = useState<TCalendarDayDto[]>([]);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (q.data) {
      setDays(q.data.days);
      setDirty(false);
    }
  }, [q.data]);

  const change = (next: TCalendarDayDto[]) => {
    setDays([...next].sort((a, b) => a.day.localeCompare(b.day)));
    setDirty(true);
  };

  return (
    <div style={{ maxWidth: 860 }}>
      <PageHeader
        title="工作日历"
        subTitle="法定节假日与调休上班日；按工作日计算的整改期限以此为准"
        extra={
          <Space>
            <InputNumber aria-label="年份" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} addonAfter="年" style={{ width: 120 }} />
            {canEdit && (
              <Button
                type="primary"
                disabled={!dirty}
                loading={save.isPending}
                onClick={() =>
                  save.mutate(days, {
                    onSuccess: () => message.success(`${year} 年工作日历已保存`),
                    onError: (err) => onError(err),
                  })
                }
              >
                保存
              </Button>
            )}
          </Space>
        }
      />
      {!canEdit && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="工作日历由系统管理员维护。" />}
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<TCalendarDayDto>
            rowKey="day"
            size="small"
            loading={q.isPending}
            dataSource={days}
            pagination={false}
            locale={{ emptyText: `${year} 年尚未设置节假日，周一至周五均按工作日计算` }}
            columns={[
              {
                title: '日期',
                dataIndex: 'day',
                width: 150,
                render: (d: string) => `${d} ${WEEKDAYS[dayjs(d).day()]}`,
              },
              {
                title: '安排',
                dataIndex: 'isWorkday',
                width: 150,
                render: (w: boolean, r) =>
                  canEdit ? (
                    <Segmented
                      size="small"
                      value={w ? 'work' : 'off'}
                      options={[
                        { value: 'off', label: '放假' },
                        { value: 'work', label: '调休上班' },
                      ]}
                      onChange={(v) => change(days.map((x) => (x.day === r.day ? { ...x, isWorkday: v === 'work' } : x)))}
                    />
                  ) : (
                    <Tag color={w ? 'blue' : 'green'}>{w ? '调休上班' : '放假'}</Tag>
                  ),
              },
              {
                title: '说明',
                dataIndex: 'note',
                render: (n: string | null, r) =>
                  canEdit ? (
                    <Input
                      size="small"
                      value={n ?? ''}
                      maxLength={40}
                      placeholder="如：国庆节"
                      onChange={(e) => change(days.map((x) => (x.day === r.day ? { ...x, note: e.target.value || null } : x)))}
                    />
                  ) : (
                    n ?? '—'
                  ),
              },
              ...(canEdit
                ? [
                    {
                      title: '',
                      key: 'del',
                      width: 48,
                      render: (_: unknown, r: TCalendarDayDto) => (
                        <Button
                          type="text"
                          danger
                          aria-label={`删除 ${r.day}`}
                          icon={<DeleteOutlined />}
                          onClick={() => change(days.filter((x) => x.day !== r.day))}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {canEdit && (
            <div style={{ padding: 12 }}>
              <DatePicker
                inputReadOnly
                placeholder="添加日期"
                disabledDate={(d) => d.year() !== year || days.some((x) => x.day === d.format('YYYY-MM-DD'))}
                defaultPickerValue={dayjs(`${year}-01-01`)}
                onChange={(d: Dayjs | null) => {
                  if (!d) return;
                  const wk = d.day();
                  change([...days, { day: d.format('YYYY-MM-DD'), isWorkday: wk === 0 || wk === 6, note: null }]);
                }}
                suffixIcon={<PlusOutlined />}
              />
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
