import { DAY_MS } from './clock.ts';

/**
 * A display not seen for this many days is stale: a screen taken down, lost or
 * put to other use, whose record and credential the admin page offers to
 * forget in one go. A month: longer than any holiday closure or a screen
 * waiting for repair, so a display merely switched off over a break is not
 * offered, yet short enough that old test screens do not pile up.
 */
export const STALE_DISPLAY_DAYS = 30;

/**
 * Whole days since an offline display was last seen, from the
 * STALE_DISPLAY_DAYS-th day on (at exactly 30 days it is stale); null for a
 * display seen more recently, or online now however long ago it connected.
 */
export function staleDays(display: { lastSeenAt: number; online: boolean }, now: number): number | null {
  if (display.online) return null;
  const days = Math.floor((now - display.lastSeenAt) / DAY_MS);
  return days >= STALE_DISPLAY_DAYS ? days : null;
}
