/** Picks a responsible unit (责任单位), searchable by name or area. */
import { Select } from 'antd';
import { useMemo } from 'react';
import { UNIT_TYPE_LABELS } from '../../shared/domain/units';
import { useUnits } from '../api/lookups';

/** Unit picker for forms and filters (value: unit id). */
export function UnitSelect(props: {
  id?: string;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const { data, isLoading } = useUnits();
  const options = useMemo(
    () =>
      (data ?? []).map((u) => ({
        value: u.id,
        label: u.name,
        search: `${u.name} ${u.areaName} ${UNIT_TYPE_LABELS[u.type] ?? ''}`,
        hint: `${UNIT_TYPE_LABELS[u.type] ?? ''} · ${u.areaName}`,
      })),
    [data],
  );
  return (
    <Select
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      options={options}
      loading={isLoading}
      showSearch
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? '选择责任单位'}
      filterOption={(input, option) => (option?.search ?? '').toLowerCase().includes(input.trim().toLowerCase())}
      optionRender={(o) => (
        <div style={{ lineHeight: 1.4, padding: '2px 0' }}>
          <div>{o.data.label}</div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{o.data.hint}</div>
        </div>
      )}
      style={{ width: '100%', ...props.style }}
      popupMatchSelectWidth={false}
      notFoundContent={isLoading ? '加载中…' : '无匹配单位'}
    />
  );
}
