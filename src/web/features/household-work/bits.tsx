/** Small pieces shared by the household-work pages: labels, the 15-day limit, status tags. */
import { Tag, Tooltip } from 'antd';
import type { TLeadRow } from '../../../shared/contracts/households-work';
import type { TProcedureStatus } from '../../../shared/domain/households/procedure';

/** Kinds of procedure as users name them. */
export const KIND_LABELS = { identification: '识别纳入', elimination: '风险消除' } as const;

/** Colours of procedure statuses. */
const STATUS_COLORS: Record<TProcedureStatus, string> = { in_progress: 'processing', completed: 'success', refused: 'default' };

/** A lead's status as a tag. */
export function LeadStatusTag({ status, label }: { status: TProcedureStatus; label: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="lead-status">
      {label}
    </Tag>
  );
}

/** Days used and remaining of the time limit; red when overdue (only while in progress). */
export function LeadDeadline({ lead }: { lead: Pick<TLeadRow, 'status' | 'limitDays' | 'daysUsed' | 'daysRemaining' | 'isOverdue'> }) {
  if (lead.status !== 'in_progress') return <span style={{ color: 'rgba(0,0,0,0.45)' }}>已办结（用时 {lead.daysUsed} 天）</span>;
  const text = lead.isOverdue
    ? `已用 ${lead.daysUsed} 天，超期 ${lead.daysUsed - lead.limitDays} 天`
    : `已用 ${lead.daysUsed} 天，剩 ${lead.daysRemaining} 天`;
  return (
    <Tooltip title={`办理时限 ${lead.limitDays} 天`}>
      <span className={lead.isOverdue ? 'zl-overdue' : undefined} data-testid="lead-deadline">
        {text}
      </span>
    </Tooltip>
  );
}

/** Yuan with thousands separators. */
export function yuan(v: number | null | undefined): string {
  if (v == null) return '—';
  return v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}
