/** The period picker of measures and 通报: this week, last week, this month, or a custom range (zone dates). */
import { DatePicker, Segmented, Space } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { dayjs, zoneToday } from '../../lib/format';

export type TPeriodPreset = 'thisWeek' | 'lastWeek' | 'thisMonth' | 'custom';
export interface TPeriod {
  preset: TPeriodPreset;
  from: string;
  to: string;
}

const FMT = 'YYYY-MM-DD';
const PRESET_LABELS: Record<TPeriodPreset, string> = { thisWeek: '本周', lastWeek: '上周', thisMonth: '本月', custom: '自定义' };

/** The dates of a preset, weeks running Monday to Sunday in the zone. */
export function presetRange(preset: Exclude<TPeriodPreset, 'custom'>): { from: string; to: string } {
  const today = zoneToday();
  const monday = today.subtract((today.day() + 6) % 7, 'day');
  if (preset === 'thisWeek') return { from: monday.format(FMT), to: monday.add(6, 'day').format(FMT) };
  if (preset === 'lastWeek') return { from: monday.subtract(7, 'day').format(FMT), to: monday.subtract(1, 'day').format(FMT) };
  return { from: today.startOf('month').format(FMT), to: today.endOf('month').format(FMT) };
}

/** The period kept in the URL (?period=lastWeek or ?from=…&to=…), this week by default. */
export function usePeriod(): [TPeriod, (p: TPeriod) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('period') as TPeriodPreset | null;
  const period = useMemo<TPeriod>(() => {
    const from = params.get('from');
    const to = params.get('to');
    if (raw === 'custom' && from && to) return { preset: 'custom', from, to };
    const preset = raw && raw !== 'custom' && raw in PRESET_LABELS ? raw : 'thisWeek';
    return { preset, ...presetRange(preset as Exclude<TPeriodPreset, 'custom'>) };
  }, [params, raw]);
  const set = useCallback(
    (p: TPeriod) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('period', p.preset);
          if (p.preset === 'custom') {
            next.set('from', p.from);
            next.set('to', p.to);
          } else {
            next.delete('from');
            next.delete('to');
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [period, set];
}

/** Preset buttons plus a date range for 自定义. */
export function PeriodPicker({ value, onChange }: { value: TPeriod; onChange: (p: TPeriod) => void }) {
  return (
    <Space wrap size={8}>
      <Segmented<TPeriodPreset>
        aria-label="统计周期"
        value={value.preset}
        options={(Object.keys(PRESET_LABELS) as TPeriodPreset[]).map((k) => ({ value: k, label: PRESET_LABELS[k] }))}
        onChange={(preset) =>
          onChange(preset === 'custom' ? { ...value, preset } : { preset, ...presetRange(preset) })
        }
      />
      {value.preset === 'custom' && (
        <DatePicker.RangePicker
          aria-label="自定义区间"
          inputReadOnly
          allowClear={false}
          value={[dayjs(value.from), dayjs(value.to)]}
          onChange={(r) => r?.[0] && r[1] && onChange({ preset: 'custom', from: r[0].format(FMT), to: r[1].format(FMT) })}
          disabledDate={(d) => d.isAfter(zoneToday().add(1, 'year'))}
        />
      )}
    </Space>
  );
}

/** "85.7%" or "—". */
export function pct(v: number | null | undefined): string {
  return v == null ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** Hours as "2.5 天" / "5.0 小时", or "—". */
export function hoursLabel(h: number | null | undefined): string {
  if (h == null) return '—';
  return h >= 48 ? `${(h / 24).toFixed(1)} 天` : `${h.toFixed(1)} 小时`;
}
