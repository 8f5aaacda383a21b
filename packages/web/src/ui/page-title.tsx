import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** The page heading (<h1>) with optional actions on the right. */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-title">
      <Typography.Title level={1} className="page-title-text">
        {children}
      </Typography.Title>
      {extra ? <div className="page-title-extra">{extra}</div> : null}
    </div>
  );
}
