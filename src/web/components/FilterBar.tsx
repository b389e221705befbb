/** The filter row above a list: search, selects and switches in responsive columns. */
import { Card, Row } from 'antd';
import type { ReactNode } from 'react';

/** A card holding one row of filter columns (`<Col xs={24} md={…}>` children), vertically centred. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Row gutter={[12, 12]} align="middle">
        {children}
      </Row>
    </Card>
  );
}
