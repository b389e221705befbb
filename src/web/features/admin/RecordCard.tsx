/** An admin record (unit, user) as a card: the phone form of the admin tables. */
import { Card, Space } from 'antd';
import type { ReactNode } from 'react';

/** Name and tags on the first line, one line of details, then the record's action buttons. */
export function RecordCard({ title, meta, actions }: { title: ReactNode; meta: ReactNode; actions: ReactNode }) {
  return (
    <Card size="small" style={{ marginBottom: 10 }}>
      <Space size={6} wrap>
        {title}
      </Space>
      <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.6)', margin: '4px 0' }}>{meta}</div>
      {actions}
    </Card>
  );
}
