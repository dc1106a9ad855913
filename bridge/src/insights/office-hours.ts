import { DAY_MS } from '../../../shared/clock.ts';
import type { OfficeHours } from '../../../shared/model.ts';
import { localDayOfDate, startOfLocalDate, wallTimeToInstant, type Interval } from '../../../shared/time-zone.ts';

/**
 * The room's office hours on each local date from `from` to `to`
 * (inclusive, `YYYY-MM-DD`), as instants in its zone. Dates are stepped on
 * the calendar, not by adding 24 hours, so a day of 23 or 25 hours (daylight
 * saving) has its office hours at the right wall-clock times.
 */
export function officeIntervals(hours: OfficeHours, timeZone: string, from: string, to: string): Interval[] {
  const intervals: Interval[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`); day += DAY_MS) {
    // A UTC midnight names its calendar date and weekday, whatever the room's zone.
    const date = new Date(day);
    if (!hours.days.includes(date.getUTCDay() || 7)) continue;
    const iso = date.toISOString().slice(0, 10);
    const start = wallTimeToInstant(`${iso}T${hours.start}`, timeZone);
    const end = wallTimeToInstant(`${iso}T${hours.end}`, timeZone);
    if (start !== null && end !== null && end > start) intervals.push({ start, end });
  }
  return intervals;
}

/** The instants of the local dates `from` to `to` (inclusive) in `timeZone`. */
export function localDates(timeZone: string, from: string, to: string): Interval {
  return { start: startOfLocalDate(from, timeZone), end: localDayOfDate(to, timeZone).end };
}
