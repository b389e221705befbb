/** True below antd's md breakpoint (768px): phones in the field. */
import { Grid } from 'antd';

/** Whether the screen is phone-sized; layouts switch to one column and cards. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement `md` is undefined; fall back to the window width.
  if (screens.md === undefined) return typeof window !== 'undefined' && window.innerWidth < 768;
  return !screens.md;
}
