/** The frame of the public citizen pages: a plain header, a narrow column, no menu. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import './public.css';

/** Public page frame: title, optional link on the right, content cards. */
export function PublicLayout({ title, sub, right, children }: { title: string; sub?: string; right?: ReactNode; children: ReactNode }) {
  return (
    <div className="zl-pub">
      <header className="zl-pub-top">
        <div className="zl-pub-brand">
          <div>
            <h1>{title}</h1>
            {sub && <div className="zl-pub-sub">{sub}</div>}
          </div>
          {right}
        </div>
      </header>
      <main className="zl-pub-main">{children}</main>
      <footer className="zl-pub-foot">
        周口市城乡一体化示范区 · <Link to="/report">随手拍</Link> · <Link to="/track">查询进度</Link>
      </footer>
    </div>
  );
}
