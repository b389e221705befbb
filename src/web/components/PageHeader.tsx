/** A page title row with optional actions on the right (wrapping under the title on phones). */
import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** Title, optional subtitle and actions of a page. */
export function PageHeader({ title, subTitle, extra }: { title: ReactNode; subTitle?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="zl-page-header">
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
      </div>
      {extra ? <div className="zl-page-header-extra">{extra}</div> : null}
    </div>
  );
}
