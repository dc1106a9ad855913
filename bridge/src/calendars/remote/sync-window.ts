import { DAY_MS } from '../../../../shared/clock.ts';
import { localDayOf } from '../../../../shared/time-zone.ts';

/** The days a display needs, whatever the calendar: the room's yesterday (meetings across midnight) to a week ahead. */
export function syncWindow(now: number, timeZone: string): { start: number; end: number } {
  return { start: localDayOf(now - DAY_MS, timeZone).start, end: localDayOf(now + 7 * DAY_MS, timeZone).end };
}
