import { Grid } from 'antd';

/** True below antd's `md` breakpoint (768 px): phones used by guards and cleaners. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume desktop only if md is known.
  return screens.md === false;
}
