/**
 * One case: status, deadline and unit up top, the description and before photos, the
 * timeline of everything that happened, and only the action buttons this user may use.
 */
import { ArrowLeftOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { TCaseDetail, TCaseEvent } from '../../../shared/contracts/cases';
import {
  CASE_ACTION_LABELS,
  CASE_OUTCOME_LABELS,
  CASE_STATUS_LABELS,
  type TCaseAction,
  type TCaseOutcome,
  type TCaseStatus,
} from '../../../shared/domain/case-machine';
import { CASE_MODULE_LABELS, CASE_SOURCE_LABELS } from '../../../shared/domain/case-vocab';
import { useCaseDetail } from '../../api/cases';
import { useUnits } from '../../api/lookups';
import { DeadlineText, SeverityTag, StatusTag } from '../../components/CaseBits';
import { PageHeader } from '../../components/PageHeader';
import { PhotoGallery } from '../../components/PhotoUpload';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/useIsPhone';
import { ActionModal } from './ActionModal';

/** The primary action per status is shown first and highlighted. */
const PRIMARY: readonly TCaseAction[] = ['assign', 'submit', 'verify', 'approve_extension'];

const EVENT_COLORS: Record<string, string> = {
  create: 'gray',
  assign: 'blue',
  reassign: 'blue',
  submit: 'cyan',
  verify: 'green',
  return: 'red',
  request_extension: 'orange',
  approve_extension: 'green',
  refuse_extension: 'red',
  cancel: 'gray',
  reopen: 'orange',
};

/** The label of an event's action in the timeline. */
function eventLabel(action: string): string {
  if (action === 'create') return '登记问题';
  return CASE_ACTION_LABELS[action as TCaseAction] ?? action;
}

/** Case detail page. */
export default function CaseDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const detail = useCaseDetail(id);
  const [action, setAction] = useState<TCaseAction | null>(null);

  if (detail.isError) return <QueryError error={detail.error} onRetry={() => detail.refetch()} />;
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const c = detail.data;
  const actions = [...c.allowedActions].sort((a, b) => Number(PRIMARY.includes(b)) - Number(PRIMARY.includes(a)));

  return (
    <div style={{ maxWidth: 1080 }}>
      <PageHeader
        title={
          <Space size={8} wrap>
            {!isPhone && (
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} />
            )}
            <span>{c.title}</span>
          </Space>
        }
        subTitle={
          <Space size={6} wrap>
            <span>{c.code}</span>
            <span data-testid="case-status">
              <StatusTag status={c.status} />
            </span>
            <SeverityTag severity={c.severity} />
            {c.outcome && <Tag color={c.outcome === 'fixed' ? 'green' : 'default'}>{CASE_OUTCOME_LABELS[c.outcome]}</Tag>}
          </Space>
        }
        extra={
          !isPhone && actions.length ? (
            <ActionButtons actions={actions} onPick={setAction} />
          ) : null
        }
      />

      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'deadline', label: '整改期限', children: <DeadlineText deadline={c.deadline} isOverdue={c.isOverdue} status={c.status} /> },
            { key: 'unit', label: '责任单位', children: c.unitName ?? '未交办' },
            { key: 'status', label: '状态', children: CASE_STATUS_LABELS[c.status] },
            { key: 'area', label: '区域', children: c.areaName },
            {
              key: 'place',
              label: '地点',
              children: (
                <span>
                  {c.place ?? '—'}
                  {c.lat != null && c.lng != null && (
                    <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                      <EnvironmentOutlined /> {c.lat.toFixed(5)}, {c.lng.toFixed(5)}
                    </Typography.Text>
                  )}
                </span>
              ),
            },
            { key: 'module', label: '板块 / 类别', children: `${CASE_MODULE_LABELS[c.module]}${c.category ? ` / ${c.category}` : ''}` },
            { key: 'source', label: '来源', children: CASE_SOURCE_LABELS[c.source] },
            { key: 'found', label: '发现', children: `${c.foundByName ?? '—'} · ${formatDateTime(c.foundAt)}` },
            ...(c.requestedDeadline ? [{ key: 'req', label: '申请延期至', children: formatDate(c.requestedDeadline) }] : []),
            ...(c.returnCount || c.extensionCount
              ? [{ key: 'counts', label: '退回 / 延期', children: `退回 ${c.returnCount} 次 · 延期 ${c.extensionCount} 次` }]
              : []),
            ...(c.closedAt ? [{ key: 'closed', label: '销号时间', children: formatDateTime(c.closedAt) }] : []),
          ]}
        />
      </Card>

      <Card size="small" title="问题描述" style={{ marginBottom: 12 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: c.attachments.length ? 12 : 0 }}>
          {c.description || <Typography.Text type="secondary">（无描述）</Typography.Text>}
        </Typography.Paragraph>
        {c.attachments.length > 0 && (
          <>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
              现场照片
            </Typography.Text>
            <PhotoGallery photos={c.attachments.filter((a) => a.kind !== 'after')} />
          </>
        )}
      </Card>

      <Card size="small" title="办理过程" style={{ marginBottom: 12 }}>
        {c.events.length ? <CaseTimeline detail={c} /> : <Empty description="暂无记录" />}
      </Card>

      {isPhone && actions.length > 0 && (
        <div className="zl-action-bar">
          <ActionButtons actions={actions} onPick={setAction} />
        </div>
      )}
      <ActionModal detail={c} action={action} onClose={() => setAction(null)} />
    </div>
  );
}

function ActionButtons({ actions, onPick }: { actions: TCaseAction[]; onPick: (a: TCaseAction) => void }) {
  return (
    <>
      {actions.map((a, i) => (
        <Button
          key={a}
          type={i === 0 && PRIMARY.includes(a) ? 'primary' : 'default'}
          danger={a === 'cancel'}
          size="large"
          onClick={() => onPick(a)}
        >
          {CASE_ACTION_LABELS[a]}
        </Button>
      ))}
    </>
  );
}

/** The events of a case, oldest first, with notes, photos and deadline changes. */
function CaseTimeline({ detail }: { detail: TCaseDetail }) {
  const units = useUnits();
  const unitName = useMemo(() => {
    const m = new Map((units.data ?? []).map((u) => [u.id, u.name]));
    return (id: unknown) => (typeof id === 'number' ? m.get(id) ?? (id === detail.unitId ? detail.unitName : null) : null);
  }, [units.data, detail.unitId, detail.unitName]);

  return (
    <Timeline
      data-testid="case-timeline"
      style={{ marginTop: 8 }}
      items={detail.events.map((e) => ({
        key: e.id,
        color: EVENT_COLORS[e.action] ?? 'blue',
        children: <EventBody event={e} unitName={unitName} />,
      }))}
    />
  );
}

function EventBody({ event: e, unitName }: { event: TCaseEvent; unitName: (id: unknown) => string | null | undefined }) {
  const d = e.data ?? {};
  const details: string[] = [];
  if ((e.action === 'assign' || e.action === 'reassign') && d.unitId != null) {
    details.push(`责任单位：${unitName(d.unitId) ?? `#${String(d.unitId)}`}`);
  }
  if ((e.action === 'assign' || e.action === 'reassign') && typeof d.deadline === 'string') {
    details.push(`整改期限：${formatDate(d.deadline)}`);
  }
  if (e.action === 'request_extension' && typeof d.requestedDeadline === 'string') {
    details.push(`申请延期至：${formatDate(d.requestedDeadline)}（原期限 ${formatDate(d.previousDeadline as string | null)}）`);
  }
  if (e.action === 'approve_extension' && typeof d.deadline === 'string') {
    details.push(`期限由 ${formatDate(d.previousDeadline as string | null)} 调整为 ${formatDate(d.deadline)}`);
  }
  if (typeof d.outcome === 'string' && d.outcome in CASE_OUTCOME_LABELS) {
    details.push(`结果：${CASE_OUTCOME_LABELS[d.outcome as TCaseOutcome]}`);
  }
  return (
    <div className="zl-event" data-action={e.action}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 8px', alignItems: 'baseline' }}>
        <Typography.Text strong>{eventLabel(e.action)}</Typography.Text>
        <Typography.Text type="secondary">{e.actorName ?? '系统'}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(e.at)}
        </Typography.Text>
        {e.fromStatus && e.fromStatus !== e.toStatus && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {CASE_STATUS_LABELS[e.fromStatus as TCaseStatus] ?? e.fromStatus} → {CASE_STATUS_LABELS[e.toStatus as TCaseStatus] ?? e.toStatus}
          </Typography.Text>
        )}
      </div>
      {details.map((t) => (
        <div key={t} style={{ fontSize: 13 }}>
          {t}
        </div>
      ))}
      {e.note && e.action !== 'create' && (
        <div style={{ whiteSpace: 'pre-wrap', marginTop: 2, background: '#fafafa', padding: '4px 8px', borderRadius: 4 }}>{e.note}</div>
      )}
      {e.attachments.length > 0 && e.action !== 'create' && (
        <div style={{ marginTop: 6 }}>
          <PhotoGallery photos={e.attachments} size={72} />
        </div>
      )}
    </div>
  );
}
