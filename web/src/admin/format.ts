import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../shared/clock.ts';

/** The largest unit that fits, down to minutes: "3 days ago", not "4,320 minutes ago". */
const AGO_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY_MS],
  ['month', 30 * DAY_MS],
  ['day', DAY_MS],
  ['hour', HOUR_MS],
  ['minute', MINUTE_MS],
];

/** Dates and numbers on the admin page, through Intl in the admin's own time zone. */
export function createAdminFormat(locale: string) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale);
  // Intl words the plural ("1 day", "31 days", "31 Tage"), which a sentence around a bare number cannot in every language.
  const days = new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' });
  const ago = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  // "now", in the admin's language.
  const justNow = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second');
  return {
    /** The locale it formats for, for what else follows it (the order of names). */
    locale,
    dateTime: (iso: string) => dateTime.format(Date.parse(iso)),
    number: (n: number) => number.format(n),
    /** A number of days, "31 days". */
    days: (n: number) => days.format(n),
    /** How long before `now` the instant `iso` was, "5 minutes ago". */
    ago: (iso: string, now: number) => {
      // The admin's clock may be a little behind the bridge's: what the bridge saw happen is never in the future.
      const elapsed = Math.max(0, now - Date.parse(iso));
      const fit = AGO_UNITS.find(([, size]) => elapsed >= size);
      return fit ? ago.format(-Math.floor(elapsed / fit[1]), fit[0]) : justNow;
    },
  };
}

export type AdminFormat = ReturnType<typeof createAdminFormat>;
