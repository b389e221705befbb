/** A compact list of 创文 case briefs (board lists, bulletin sections): code, title, place, unit, status. */
import { List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { TCaseBrief } from '../../../shared/contracts/chuangwen';
import { StatusTag } from '../../components/CaseBits';
import { formatDate, formatDateTime } from '../../lib/format';

/** Case briefs linking to their case pages; `dateOf` picks which date to show. */
export function CaseBriefList(props: { items: TCaseBrief[]; empty: string; dateOf?: 'foundAt' | 'deadline' | 'closedAt'; testId?: string }) {
  const dateOf = props.dateOf ?? 'foundAt';
  const dateLabel = { foundAt: '发现', deadline: '期限', closedAt: '销号' }[dateOf];
  return (
    <List
      size="small"
      data-testid={props.testId}
      dataSource={props.items}
      locale={{ emptyText: props.empty }}
      renderItem={(c) => (
        <List.Item style={{ display: 'block', padding: '8px 0' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Link to={`/cases/${c.id}`} style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {c.title}
            </Link>
            <StatusTag status={c.status} />
          </div>
          <Space size={[10, 0]} wrap style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>
            <span>{c.code}</span>
            <span>{c.place ?? c.areaName}</span>
            <span>{c.unitName ?? '未交办'}</span>
            <Typography.Text type={dateOf === 'deadline' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {dateLabel} {dateOf === 'deadline' ? formatDateTime(c[dateOf]) : formatDate(c[dateOf])}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
