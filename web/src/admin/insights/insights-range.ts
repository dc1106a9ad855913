/** The ranges an admin picks from; each ends today, inclusive. */
export const RANGE_PRESETS = ['last-7-days', 'last-4-weeks', 'last-3-months', 'last-13-months'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type RangeChoice = RangePreset | 'custom';
export const DEFAULT_RANGE: RangePreset = 'last-4-weeks';

export interface DateRange {
  /** Local dates, `YYYY-MM-DD`, `to` inclusive (shared/insights.ts). */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/**
 * A preset's dates, ending on `today` (a local date). A month back is the
 * same day of that month, or its last day where it has no such day
 * (31 May, 3 months back: 28 February), and the range starts the day after,
 * so "last 3 months" holds no day twice over a year's ranges side by side.
 */
export function presetRange(preset: RangePreset, today: string): DateRange {
  const end = utcDate(today);
  switch (preset) {
    case 'last-7-days':
      return { from: isoDate(end - 6 * DAY_MS), to: today };
    case 'last-4-weeks':
      return { from: isoDate(end - 27 * DAY_MS), to: today };
    case 'last-3-months':
      return { from: isoDate(monthsBack(end, 3) + DAY_MS), to: today };
    case 'last-13-months':
      return { from: isoDate(monthsBack(end, 13) + DAY_MS), to: today };
  }
}

/** The local date of an instant where the browser is (or in `timeZone`), `YYYY-MM-DD`. */
export function localDate(at: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A custom range the bridge would take: two real dates, the first not after the second. */
export function isValidRange(range: DateRange): boolean {
  return isDate(range.from) && isDate(range.to) && range.from <= range.to;
}

/** Midnight UTC of a local date: date arithmetic without any zone's daylight saving. */
export function utcDate(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(utcDate(text)) && isoDate(utcDate(text)) === text;
}

function monthsBack(ms: number, months: number): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay));
}
