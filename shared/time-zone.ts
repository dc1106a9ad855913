import { TZDate } from '@date-fns/tz';

/** True when `timeZone` is an IANA zone name this runtime's Intl knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface Interval {
  start: number;
  end: number;
}

/**
 * The local calendar day containing `ms` in `timeZone`, as instants. A day is
 * 23 or 25 hours long when daylight saving begins or ends, so it is never
 * computed by adding 24 hours.
 */
export function localDayOf(ms: number, timeZone: string): Interval {
  const local = new TZDate(ms, timeZone);
  return localDayFromParts(local.getFullYear(), local.getMonth(), local.getDate(), timeZone);
}

/** A `YYYY-MM-DD` date as the local day it names in `timeZone`. */
export function localDayOfDate(date: string, timeZone: string): Interval {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  }
  return localDayFromParts(year, month - 1, day, timeZone);
}

/** The first instant of the local date in `timeZone`. */
export function startOfLocalDate(date: string, timeZone: string): number {
  return localDayOfDate(date, timeZone).start;
}

/**
 * The instant a wall-clock time (`HH:MM`) happens on the local day of `ms`.
 * On a spring-forward day a time in the gap resolves to the instant after it.
 */
export function localTimeOnDayOf(ms: number, clockTime: string, timeZone: string): number {
  const [hours, minutes] = clockTime.split(':').map(Number);
  const day = new TZDate(ms, timeZone);
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hours ?? 0, minutes ?? 0, timeZone).getTime();
}

/** ISO weekday (1 Monday … 7 Sunday) of `ms` in `timeZone`. */
export function localWeekdayOf(ms: number, timeZone: string): number {
  return new TZDate(ms, timeZone).getDay() || 7;
}

/** The `YYYY-MM-DD` local date of `ms` in `timeZone`. */
export function localDateOf(ms: number, timeZone: string): string {
  const local = new TZDate(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

function localDayFromParts(year: number, monthIndex: number, day: number, timeZone: string): Interval {
  return {
    start: new TZDate(year, monthIndex, day, timeZone).getTime(),
    end: new TZDate(year, monthIndex, day + 1, timeZone).getTime(),
  };
}

/**
 * The instant a wall-clock date-time (`YYYY-MM-DDTHH:MM[:SS[.fraction]]`, no
 * offset) names in `timeZone`, as calendar services write times; null when
 * it is not such a date-time. A time in a spring-forward gap resolves to the
 * instant after the gap.
 */
export function wallTimeToInstant(dateTime: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(dateTime);
  if (!match) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const millis = Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
  const instant = new TZDate(year, month - 1, day, hours, minutes, seconds, millis, timeZone).getTime();
  return Number.isNaN(instant) ? null : instant;
}
