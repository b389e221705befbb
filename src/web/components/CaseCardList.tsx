/** Cases as tappable cards: the phone form of the case table, and the home page's 待办. */
import { Checkbox } from 'antd';
import { Link } from 'react-router';
import type { TCaseRow } from '../../shared/contracts/cases';
import { CASE_MODULE_LABELS } from '../../shared/domain/case-vocab';
import { DeadlineText, SeverityTag, StatusTag } from './CaseBits';

/** A list of case cards; with `selectedIds` each card gets a checkbox for bulk actions. */
export function CaseCardList(props: {
  items: readonly TCaseRow[];
  compact?: boolean;
  selectedIds?: readonly number[];
  onToggle?: (row: TCaseRow, checked: boolean) => void;
}) {
  return (
    <ul className="zl-card-list">
      {props.items.map((c) => (
        <li key={c.id} style={{ display: 'flex', gap: 8, alignItems: 'stretch' }}>
          {props.onToggle && (
            <Checkbox
              aria-label={`选择 ${c.code}`}
              checked={props.selectedIds?.includes(c.id)}
              onChange={(e) => props.onToggle?.(c, e.target.checked)}
              style={{ padding: '12px 2px' }}
            />
          )}
          <Link to={`/cases/${c.id}`} className="zl-case-card" style={{ flex: 1, minWidth: 0 }}>
            <div style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
              <StatusTag status={c.status} />
              <SeverityTag severity={c.severity} />
              <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                {c.code} · {CASE_MODULE_LABELS[c.module]}
              </span>
            </div>
            <div className="zl-case-card-title">{c.title}</div>
            <div className="zl-case-card-meta">
              <span>{c.areaName}</span>
              {!props.compact && c.place && <span>{c.place}</span>}
              {c.unitName && <span>{c.unitName}</span>}
              <span>
                期限 <DeadlineText deadline={c.deadline} isOverdue={c.isOverdue} status={c.status} />
              </span>
              {c.returnCount > 0 && <span style={{ color: '#c41d7f' }}>退回 {c.returnCount} 次</span>}
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
