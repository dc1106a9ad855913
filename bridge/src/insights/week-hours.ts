import { TZDate } from '@date-fns/tz';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../shared/clock.ts';
import type { Interval } from '../../../shared/time-zone.ts';

/** Weekday by hour: 7 × 24 cells, Monday 00:00 first, each a sum of milliseconds. */
export const WEEK_HOURS = 7 * 24;

const QUARTER_HOUR_MS = 15 * MINUTE_MS;

/**
 * A zone's UTC offset at an instant. The heatmap asks it at every hour of
 * every interval, and the zone rules cost microseconds per question: so it
 * is looked up once per UTC day, and only on a day the offset changes once
 * per quarter hour (every zone changes its offset at a quarter hour).
 */
export function offsetsOf(timeZone: string): (ms: number) => number {
  const offsetAt = (ms: number) => -new TZDate(ms, timeZone).getTimezoneOffset() * MINUTE_MS;
  /** A day's offset, or null on a day it changes. */
  const days = new Map<number, number | null>();
  const quarters = new Map<number, number>();
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    let offset = days.get(day);
    if (offset === undefined) {
      offset = offsetAt(day * DAY_MS);
      if (offsetAt((day + 1) * DAY_MS - 1) !== offset) offset = null;
      days.set(day, offset);
    }
    if (offset !== null) return offset;
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    const known = quarters.get(quarter) ?? offsetAt(quarter * QUARTER_HOUR_MS);
    quarters.set(quarter, known);
    return known;
  };
}

/**
 * Adds each interval's time to the weekday-by-hour cells of the zone whose
 * offsets are given: split at each local hour, so the hour a clock skips in
 * spring gets nothing and the hour it repeats in autumn gets both.
 */
export function addToWeekHours(cells: number[], intervals: readonly Interval[], offsetAt: (ms: number) => number): void {
  for (const { start, end } of intervals) {
    for (let at = start; at < end; ) {
      const local = at + offsetAt(at);
      const hourStart = Math.floor(local / HOUR_MS) * HOUR_MS;
      const next = Math.min(end, at + hourStart + HOUR_MS - local);
      const day = Math.floor(hourStart / DAY_MS);
      // 1970-01-01, day 0, was a Thursday: Monday is 0.
      const weekday = (((day + 3) % 7) + 7) % 7;
      const hour = (hourStart - day * DAY_MS) / HOUR_MS;
      cells[weekday * 24 + hour]! += next - at;
      at = next;
    }
  }
}
