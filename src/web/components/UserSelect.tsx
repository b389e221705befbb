/**
 * Picks a person inside the caller's area (e.g. 帮扶责任人), searched on the server as the
 * user types (GET /api/lookup/users, at most 50 answers). A value that is not among the
 * current answers still shows a name: the one last picked, or `valueLabel` from the page.
 */
import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ROLE_LABELS, type TRole } from '../../shared/domain/roles';
import { useLookupUsers } from '../api/lookups';

export function UserSelect(props: {
  id?: string;
  'aria-label'?: string;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  role?: TRole;
  /** The name of the current value when the page knows it (shown until the lookup answers). */
  valueLabel?: string | null;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(t);
  }, [input]);
  const [open, setOpen] = useState(false);
  // Fetch when the list is opened, or when a value from the address needs its name.
  const { data, isFetching } = useLookupUsers({ role: props.role, q: q || undefined }, { enabled: open || props.value != null });
  const picked = useRef(new Map<number, string>());

  const options = useMemo(() => {
    const opts = (data ?? []).map((u) => ({
      value: u.id,
      label: u.displayName,
      hint: [ROLE_LABELS[u.role], u.unitName ?? u.areaName].filter(Boolean).join(' · '),
    }));
    const v = props.value;
    if (v != null && !opts.some((o) => o.value === v)) {
      opts.unshift({ value: v, label: picked.current.get(v) ?? props.valueLabel ?? `#${v}`, hint: '' });
    }
    return opts;
  }, [data, props.value, props.valueLabel]);

  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      value={props.value ?? undefined}
      onChange={(v, option) => {
        const o = Array.isArray(option) ? undefined : option;
        if (v != null && o?.label) picked.current.set(v, String(o.label));
        setInput('');
        props.onChange?.(v ?? undefined);
      }}
      options={options}
      showSearch
      filterOption={false}
      searchValue={input}
      onSearch={setInput}
      onOpenChange={setOpen}
      loading={isFetching}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? '选择人员'}
      optionRender={(o) => (
        <div style={{ lineHeight: 1.4, padding: '2px 0' }}>
          <div>{o.data.label}</div>
          {o.data.hint && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{o.data.hint}</div>}
        </div>
      )}
      style={{ width: '100%', ...props.style }}
      notFoundContent={isFetching ? '加载中…' : q ? '没有匹配的人员' : '辖区内没有可选人员'}
    />
  );
}
