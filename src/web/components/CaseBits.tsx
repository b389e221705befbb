/** Small pieces every case screen shows the same way: status tag, deadline, severity. */
import { Tag, Typography } from 'antd';
import { CASE_STATUS_LABELS, type TCaseStatus } from '../../shared/domain/case-machine';
import { CASE_SEVERITY_LABELS, type TCaseSeverity } from '../../shared/domain/case-vocab';
import { daysLeft, formatDate, overdueDays } from '../lib/format';

/** Tag colours per status: work owed is blue/orange, waiting on supervisors gold, done green. */
export const STATUS_COLORS: Record<TCaseStatus, string> = {
  pending_assign: 'default',
  rectifying: 'processing',
  extension_requested: 'orange',
  pending_verify: 'gold',
  returned: 'magenta',
  closed: 'success',
  cancelled: 'default',
};

/** A case's status as a coloured tag. */
export function StatusTag({ status }: { status: TCaseStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {CASE_STATUS_LABELS[status]}
    </Tag>
  );
}

/** Severity as a tag; "一般" is not worth the ink. */
export function SeverityTag({ severity }: { severity: TCaseSeverity }) {
  if (severity === 'normal') return null;
  return (
    <Tag color={severity === 'urgent' ? 'red' : 'volcano'} style={{ marginInlineEnd: 0 }}>
      {CASE_SEVERITY_LABELS[severity]}
    </Tag>
  );
}

/**
 * The deadline with its state: "超期 N 天" in red when overdue, "剩 N 天" when close,
 * or just the date.
 */
export function DeadlineText({ deadline, isOverdue, status }: { deadline: string | null; isOverdue: boolean; status: TCaseStatus }) {
  if (!deadline) return <Typography.Text type="secondary">未设期限</Typography.Text>;
  if (isOverdue) {
    return (
      <span className="zl-overdue">
        {formatDate(deadline)}（超期 {overdueDays(deadline)} 天）
      </span>
    );
  }
  const left = daysLeft(deadline);
  const open = status !== 'closed' && status !== 'cancelled';
  return (
    <span>
      {formatDate(deadline)}
      {open && left != null && left <= 2 && (
        <Typography.Text type="warning">（{left <= 0 ? '今天到期' : `剩 ${left} 天`}）</Typography.Text>
      )}
    </span>
  );
}
