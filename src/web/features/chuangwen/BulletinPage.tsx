/**
 * 督导通报: the bulletin of a period rendered like the printed one (title, 期号, period,
 * summary, new / rectified / overdue problems, ranking, typical problems, named units,
 * requirements), with the .docx and .xlsx downloads of the same period.
 */
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Divider, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TBulletin } from '../../../shared/contracts/chuangwen';
import { bulletinFileUrl, useBulletin } from '../../api/chuangwen';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useIsPhone } from '../../lib/useIsPhone';
import { CaseBriefList } from './CaseBriefList';
import { pct, PeriodPicker, usePeriod } from './period';

/** 督导通报 page. */
export default function BulletinPage() {
  const [period, setPeriod] = usePeriod();
  const range = { from: period.from, to: period.to };
  const q = useBulletin(range);
  const isPhone = useIsPhone();

  return (
    <div style={{ maxWidth: 980 }}>
      <PageHeader
        title="督导通报"
        extra={
          <>
            <DownloadButton icon={<FileWordOutlined />} url={bulletinFileUrl('docx', range)} fallbackName="创文督导通报.docx">
              下载 Word
            </DownloadButton>
            <DownloadButton icon={<FileExcelOutlined />} url={bulletinFileUrl('xlsx', range)} fallbackName="创文督导通报.xlsx">
              下载 Excel
            </DownloadButton>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <PeriodPicker value={period} onChange={setPeriod} />
      </Card>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : (
        <Card style={{ opacity: q.isFetching ? 0.6 : 1 }} styles={{ body: { padding: isPhone ? 14 : 32 } }} data-testid="bulletin">
          <BulletinBody b={q.data} />
        </Card>
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section style={{ marginTop: 20 }}>
      <Typography.Title level={5} style={{ marginBottom: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function BulletinBody({ b }: { b: TBulletin }) {
  const isPhone = useIsPhone();
  const more = (shown: number, total: number) =>
    total > shown ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>共 {total} 个，此处列出前 {shown} 个，完整清单见 Excel。</Typography.Text> : null;
  return (
    <article>
      <div style={{ textAlign: 'center' }}>
        <div style={{ color: '#cf1322', fontSize: isPhone ? 19 : 24, fontWeight: 700, letterSpacing: isPhone ? 0 : 2 }}>{b.title}</div>
        <div style={{ marginTop: 6 }}>{b.issueLabel}</div>
        <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8, fontSize: 13, flexWrap: 'wrap', gap: 4 }}>
          <span>{b.issuer}</span>
          <span>{b.issuedOn}</span>
        </div>
        <div style={{ borderTop: '2px solid #cf1322', marginTop: 6 }} />
      </div>
      <Typography.Paragraph style={{ marginTop: 16, textIndent: '2em', lineHeight: 1.9 }}>{b.summaryText}</Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'found', label: '新发现问题', children: b.summary.found },
          { key: 'closed', label: '整改销号', children: b.summary.closed },
          { key: 'due', label: '应结案', children: b.summary.due },
          { key: 'rate', label: '结案率', children: pct(b.summary.closeRate) },
          { key: 'ontime', label: '按期结案率', children: pct(b.summary.onTimeRate) },
          { key: 'overdue', label: '超期未整改', children: <span className="zl-overdue">{b.summary.overdue}</span> },
          { key: 'open', label: '期末未办结', children: b.summary.openAtEnd },
          { key: 'period', label: '通报周期', children: b.periodLabel },
        ]}
      />

      <Section title={`一、本期新发现问题（${b.newProblems.total} 个）`}>
        <CaseBriefList items={b.newProblems.items} empty="本期未发现新问题" testId="bulletin-new" />
        {more(b.newProblems.items.length, b.newProblems.total)}
      </Section>
      <Section title={`二、本期整改销号问题（${b.rectified.total} 个）`}>
        <CaseBriefList items={b.rectified.items} empty="本期没有整改销号的问题" dateOf="closedAt" testId="bulletin-rectified" />
        {more(b.rectified.items.length, b.rectified.total)}
      </Section>
      <Section title={`三、超期未整改问题（${b.overdue.total} 个）`}>
        <CaseBriefList items={b.overdue.items} empty="没有超期未整改的问题" dateOf="deadline" testId="bulletin-overdue" />
        {more(b.overdue.items.length, b.overdue.total)}
      </Section>
      <Section title="四、责任单位排名">
        <Table
          rowKey="groupId"
          size="small"
          pagination={false}
          dataSource={b.ranking}
          scroll={{ x: 640 }}
          locale={{ emptyText: '本期没有应结案的问题' }}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 56, align: 'center' },
            { title: '责任单位', dataIndex: 'name', ellipsis: true },
            { title: '应结案', dataIndex: 'due', width: 70, align: 'right' },
            { title: '结案', dataIndex: 'closed', width: 60, align: 'right' },
            { title: '按期结案率', dataIndex: 'onTimeRate', width: 96, align: 'right', render: (v: number | null) => pct(v) },
            { title: '超期', dataIndex: 'overdue', width: 60, align: 'right' },
            { title: '得分', dataIndex: 'score', width: 64, align: 'right', render: (v: number) => v.toFixed(1) },
          ]}
        />
      </Section>
      <Section title="五、典型问题">
        <CaseBriefList items={b.typical} empty="本期无典型问题" photosOf={(c) => ({ before: c.beforePhotos, after: c.afterPhotos })} />
      </Section>
      <Section title="六、通报批评">
        {b.namedUnits.length ? (
          <Space wrap>
            {b.namedUnits.map((u) => (
              <Tag color="red" key={u.unitId}>
                {u.unitName}（超期 {u.overdue} 件）
              </Tag>
            ))}
          </Space>
        ) : (
          <Alert type="success" showIcon message="本期没有因超期被通报的单位" />
        )}
      </Section>
      {b.requirements.length > 0 && (
        <Section title="七、工作要求">
          <ol style={{ paddingInlineStart: 20, lineHeight: 1.9, margin: 0 }}>
            {b.requirements.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ol>
        </Section>
      )}
      <Divider />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {b.issuer} {b.issuedOn}
      </Typography.Text>
    </article>
  );
}
