import ICAL from 'ical.js';
import { DAY_MS } from '../../../../shared/clock.ts';

/**
 * A wall-clock reading (a date, or a date and time of day, in no zone) as
 * the milliseconds it would be in UTC. Adding to it is calendar arithmetic
 * with no zone's gaps in the way: a week later is `+ 7 * DAY_MS`, always.
 * Which instant it names is for its zone to say (zone.ts).
 */
export type Wall = number;

/** The wall-clock reading an ical.js time holds, whatever zone it carries. */
export function wallOf(time: ICAL.Time): Wall {
  if (time.isDate) return Date.UTC(time.year, time.month - 1, time.day);
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
}

/** A wall-clock reading as an ical.js time in no zone (floating): how recurrence rules are expanded. */
export function floatingTime(wall: Wall, isDate: boolean): ICAL.Time {
  const date = new Date(wall);
  return new ICAL.Time(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: isDate ? 0 : date.getUTCHours(),
      minute: isDate ? 0 : date.getUTCMinutes(),
      second: isDate ? 0 : date.getUTCSeconds(),
      isDate,
    },
    ICAL.Timezone.localTimezone,
  );
}

/** The day a reading falls on (its midnight). */
export function dayOf(wall: Wall): Wall {
  return Math.floor(wall / DAY_MS) * DAY_MS;
}

/** A day as `YYYY-MM-DD`. */
export function dateString(wall: Wall): string {
  return new Date(wall).toISOString().slice(0, 10);
}
