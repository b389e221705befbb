/**
 * A compact list of 创文 case briefs (board lists, bulletin sections): code, title, place, unit,
 * status; with `photosOf`, each item shows its 整改前/整改后 thumbnails (the bulletin's typical problems).
 */
import { Image, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { TBulletinPhoto, TCaseBrief } from '../../../shared/contracts/chuangwen';
import { StatusTag } from '../../components/CaseBits';
import { formatDate, formatDateTime } from '../../lib/format';

function PhotoStrip(props: { label: string; photos: TBulletinPhoto[] }) {
  if (!props.photos.length) return null;
  return (
    <Space size={4} align="start">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {props.label}
      </Typography.Text>
      <Image.PreviewGroup>
        {props.photos.slice(0, 3).map((p) => (
          <Image key={p.id} src={p.thumbUrl ?? p.url} preview={{ src: p.url }} width={72} height={54} style={{ objectFit: 'cover', borderRadius: 4 }} alt={props.label} />
        ))}
      </Image.PreviewGroup>
    </Space>
  );
}

/** Case briefs linking to their case pages; `dateOf` picks which date to show. */
export function CaseBriefList<T extends TCaseBrief>(props: {
  items: T[];
  empty: string;
  dateOf?: 'foundAt' | 'deadline' | 'closedAt';
  testId?: string;
  /** Before/after photos of an item, shown as thumbnails under it. */
  photosOf?: (item: T) => { before: TBulletinPhoto[]; after: TBulletinPhoto[] };
}) {
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
          {props.photosOf && (
            <Space size={16} wrap style={{ marginTop: 6 }} data-testid="typical-photos">
              <PhotoStrip label="整改前" photos={props.photosOf(c).before} />
              <PhotoStrip label="整改后" photos={props.photosOf(c).after} />
            </Space>
          )}
        </List.Item>
      )}
    />
  );
}
