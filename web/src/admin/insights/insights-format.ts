import { utcDate } from './insights-range.ts';

/** A Monday: weekday names are read off the week that starts here. */
const A_MONDAY = Date.UTC(2024, 0, 1);
const HOUR_MS = 3_600_000;

/**
 * Insights' numbers, shares, lengths, weekdays, hours and dates through Intl
 * in the admin's locale. Weekdays and hours are names, not instants: they are
 * formatted in UTC so no zone moves them.
 */
export function createInsightsFormat(locale: string) {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const hours = new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 0 });
  const minutes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 0 });
  const weekdayShort = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const hour = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const collator = new Intl.Collator(locale, { numeric: true });
  return {
    collator,
    number: (n: number) => number.format(n),
    /** A share between 0 and 1, as a whole percentage. */
    percent: (share: number) => percent.format(share),
    hours: (totalMinutes: number) => hours.format(totalMinutes / 60),
    minutes: (n: number) => minutes.format(n),
    /** 1 Monday … 7 Sunday. */
    weekday: (weekday: number, width: 'short' | 'long' = 'short') => (width === 'short' ? weekdayShort : weekdayLong).format(A_MONDAY + (weekday - 1) * 24 * HOUR_MS),
    /** The hour of the day as a clock shows it: "09:00", "9:00 AM". */
    hour: (h: number) => hour.format(A_MONDAY + h * HOUR_MS),
    /** Two local dates (inclusive), formatted together: "1–28 May 2026". */
    dateRange: (from: string, to: string) => date.formatRange(utcDate(from), utcDate(to)),
  };
}

export type InsightsFormat = ReturnType<typeof createInsightsFormat>;
