/**
 * 查询进度 (/track and /track/:code, no login): the reporter enters the tracking code and sees
 * the status line, the public timeline, the responsible unit and deadline, the photos, and —
 * while allowed — a "问题未解决" form that reopens the case.
 */
import { ClockCircleOutlined, CheckCircleOutlined, CloseCircleOutlined, SearchOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Image, Input, Result, Skeleton, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH, type TTrackResult } from '../../../shared/contracts/citizen';
import { ApiError } from '../../api/client';
import { useReopenReport, useTrack } from '../../api/citizen';
import { formatDate, formatDateTime } from '../../lib/format';
import { PublicLayout } from './PublicLayout';

const CODE_RE = new RegExp(`^[${TRACKING_CODE_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);

/** /track and /track/:code. */
export default function TrackPage() {
  const { code: raw } = useParams();
  const code = (raw ?? '').trim().toUpperCase();
  return (
    <PublicLayout title="查询办理进度" sub="输入查询码，了解您反映问题的处理情况" right={<Link to="/report">随手拍</Link>}>
      <CodeForm initial={code} />
      {code && <TrackResult code={code} />}
    </PublicLayout>
  );
}

function CodeForm({ initial }: { initial: string }) {
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const go = () => {
    const c = value.replace(/\s+/g, '').toUpperCase();
    if (!CODE_RE.test(c)) return setError(`查询码是 ${TRACKING_CODE_LENGTH} 位字母和数字，请核对`);
    setError(null);
    navigate(`/track/${c}`);
  };
  return (
    <div className="zl-pub-card">
      <label htmlFor="track-code" style={{ display: 'block', marginBottom: 8, fontWeight: 500 }}>
        查询码
      </label>
      <div style={{ display: 'flex', gap: 8 }}>
        <Input
          id="track-code"
          size="large"
          value={value}
          maxLength={TRACKING_CODE_LENGTH + 4}
          placeholder={`${TRACKING_CODE_LENGTH} 位查询码`}
          autoCapitalize="characters"
          autoComplete="off"
          style={{ fontFamily: 'ui-monospace, Menlo, monospace', letterSpacing: 1 }}
          status={error ? 'error' : undefined}
          onChange={(e) => setValue(e.target.value.toUpperCase())}
          onPressEnter={go}
        />
        <Button type="primary" size="large" icon={<SearchOutlined />} onClick={go}>
          查询
        </Button>
      </div>
      {error && <div style={{ color: '#cf1322', marginTop: 6, fontSize: 13 }}>{error}</div>}
    </div>
  );
}

function statusLook(t: TTrackResult): { color: string; icon: React.ReactNode } {
  if (t.reportStatus === 'rejected') return { color: '#8c8c8c', icon: <CloseCircleOutlined /> };
  if (t.reportStatus === 'pending') return { color: '#d97706', icon: <ClockCircleOutlined /> };
  if (t.isClosed) return { color: '#16a34a', icon: <CheckCircleOutlined /> };
  return { color: '#1d4ed8', icon: <SyncOutlined /> };
}

function TrackResult({ code }: { code: string }) {
  const track = useTrack(code);
  if (track.isLoading) {
    return (
      <div className="zl-pub-card">
        <Skeleton active />
      </div>
    );
  }
  if (track.isError) {
    const notFound = track.error instanceof ApiError && track.error.status === 404;
    return (
      <div className="zl-pub-card">
        <Result
          status={notFound ? '404' : 'warning'}
          title={notFound ? '没有找到这个查询码' : '查询失败'}
          subTitle={notFound ? '请核对查询码是否输入正确' : track.error.message}
          extra={!notFound && <Button onClick={() => track.refetch()}>重试</Button>}
        />
      </div>
    );
  }
  const t = track.data!;
  const look = statusLook(t);
  return (
    <>
      <div className="zl-pub-card">
        <div className="zl-pub-muted">查询码 {t.trackingCode}</div>
        <div className="zl-pub-status" style={{ color: look.color, margin: '6px 0 4px' }} data-testid="track-status">
          {look.icon}
          <span>{t.statusLabel}</span>
        </div>
        {t.outcomeLabel && !t.statusLabel.includes(t.outcomeLabel) && <div style={{ marginBottom: 4 }}>{t.outcomeLabel}</div>}
        {t.rejectReason && <Alert type="info" showIcon message="未受理的原因" description={t.rejectReason} style={{ marginTop: 8 }} />}
        <dl className="zl-pub-kv" style={{ marginTop: 12, marginBottom: 0 }}>
          <dt>问题类别</dt>
          <dd>{t.categoryName}</dd>
          <dt>所在位置</dt>
          <dd>{[t.areaName, t.address].filter(Boolean).join(' · ')}</dd>
          <dt>反映时间</dt>
          <dd>{formatDateTime(t.createdAt)}</dd>
          {t.unitName && (
            <>
              <dt>责任单位</dt>
              <dd>{t.unitName}</dd>
            </>
          )}
          {t.deadline && !t.isClosed && (
            <>
              <dt>整改期限</dt>
              <dd>{formatDate(t.deadline)} 前</dd>
            </>
          )}
          {t.closedAt && (
            <>
              <dt>办结时间</dt>
              <dd>{formatDateTime(t.closedAt)}</dd>
            </>
          )}
          {t.phoneMasked && (
            <>
              <dt>联系电话</dt>
              <dd>{t.phoneMasked}</dd>
            </>
          )}
          <dt>问题描述</dt>
          <dd>{t.description}</dd>
        </dl>
        {t.photos.length > 0 && (
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 12 }}>
            <Image.PreviewGroup>
              {t.photos.map((p) => (
                <Image key={p.id} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 8 }} src={p.thumbUrl ?? p.url} preview={{ src: p.url }} alt="现场照片" />
              ))}
            </Image.PreviewGroup>
          </div>
        )}
      </div>
      <div className="zl-pub-card">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          办理过程
        </Typography.Title>
        <Timeline
          data-testid="track-timeline"
          style={{ marginTop: 12, marginBottom: -16 }}
          items={t.notes.map((n) => ({
            children: (
              <div>
                <div>{n.text}</div>
                <div className="zl-pub-muted">{formatDateTime(n.at)}</div>
              </div>
            ),
          }))}
        />
      </div>
      {t.canReopen && <ReopenForm code={t.trackingCode} until={t.reopenUntil} />}
      {!t.canReopen && t.isClosed && t.reopenUntil && (
        <div className="zl-pub-muted" style={{ textAlign: 'center', marginBottom: 12 }}>
          反馈“问题未解决”的期限已于 {formatDate(t.reopenUntil)} 截止
        </div>
      )}
    </>
  );
}

function ReopenForm({ code, until }: { code: string; until: string | null }) {
  const reopen = useReopenReport(code);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const [open, setOpen] = useState(false);
  return (
    <div className="zl-pub-card">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        问题还没解决？
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        如果现场问题仍然存在，可以告诉我们，将重新交办整改。{until ? `可反馈至 ${formatDateTime(until)}。` : ''}
      </Typography.Paragraph>
      {!open ? (
        <Button size="large" block danger onClick={() => setOpen(true)}>
          问题未解决
        </Button>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            reopen.mutate(v.note.trim(), {
              onSuccess: () => {
                message.success('已收到您的反馈，将重新交办整改');
                setOpen(false);
                form.resetFields();
              },
            })
          }
        >
          <Form.Item
            name="note"
            label="请说明现场情况"
            rules={[
              { required: true, message: '请说明未整改的情况' },
              { min: 2, message: '请说明未整改的情况' },
            ]}
          >
            <Input.TextArea rows={3} showCount maxLength={500} placeholder="如：垃圾只清了一半，北侧仍有堆放" />
          </Form.Item>
          {reopen.error && <Alert type="error" showIcon message={reopen.error.message} style={{ marginBottom: 12 }} />}
          <div style={{ display: 'flex', gap: 8 }}>
            <Button size="large" onClick={() => setOpen(false)} style={{ flex: 1 }}>
              取消
            </Button>
            <Button size="large" type="primary" danger htmlType="submit" loading={reopen.isPending} style={{ flex: 2 }}>
              提交反馈
            </Button>
          </div>
        </Form>
      )}
    </div>
  );
}
