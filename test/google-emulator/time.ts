import { TZDate } from '@date-fns/tz';
import { badRequest } from './errors.ts';

/** A wall-clock date and time, month 1-12. */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** `start`/`end` of an event as the Events resource documents them: `date`, or `dateTime` with an optional `timeZone`. */
export interface EventTimeJson {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

/** A parsed `start`/`end`: its instant, its wall time in `timeZone`, and whether it is a whole day. */
export interface EventTime {
  allDay: boolean;
  ms: number;
  wall: Wall;
  timeZone: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function wallToInstant(wall: Wall, timeZone: string): number {
  return new TZDate(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, timeZone).getTime();
}

export function instantToWall(ms: number, timeZone: string): Wall {
  const d = new TZDate(ms, timeZone);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
}

/** RFC 3339 in `timeZone`'s offset at that instant, `Z` for UTC, as Google writes `dateTime` values. */
export function formatDateTime(ms: number, timeZone: string): string {
  const d = new TZDate(ms, timeZone);
  const wall = instantToWall(ms, timeZone);
  const offset = -d.getTimezoneOffset();
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${formatDate(wall)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${zone}`;
}

export function formatDate(wall: Pick<Wall, 'year' | 'month' | 'day'>): string {
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** `created`/`updated`: RFC 3339 UTC with milliseconds. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;

function wallOf(match: RegExpExecArray): Wall {
  const n = (i: number) => Number(match[i] ?? 0);
  return { year: n(1), month: n(2), day: n(3), hour: n(4), minute: n(5), second: n(6) };
}

/**
 * An RFC 3339 timestamp "with mandatory time zone offset", as `timeMin` and
 * `timeMax` must be (Events: list, parameters); a 400 otherwise.
 */
export function parseTimestampParameter(value: string, name: string): number {
  const match = DATE_TIME.exec(value);
  if (!match?.[8]) throw badRequest('badRequest', `Bad Request`, name);
  return Date.parse(value);
}

/**
 * Reads `start` or `end` of an event body (Events resource: `start.date`,
 * `start.dateTime` — "A time zone offset is required unless a time zone is
 * explicitly specified in timeZone" — and `start.timeZone`, which "for
 * recurring events ... is required"). `fallbackZone` is the calendar's.
 */
export function parseEventTime(value: unknown, which: 'start' | 'end', fallbackZone: string, recurring: boolean): EventTime {
  const time = (value ?? {}) as EventTimeJson;
  if (typeof value !== 'object' || value === null || (time.date === undefined && time.dateTime === undefined)) {
    throw badRequest('required', `Missing ${which} time.`);
  }
  if (time.timeZone !== undefined && !isTimeZone(time.timeZone)) throw badRequest('invalid', `Invalid time zone definition for ${which} time.`);
  if (time.date !== undefined && time.dateTime !== undefined) throw badRequest('invalid', `Invalid ${which} time.`);
  if (time.date !== undefined) {
    const match = DATE.exec(time.date);
    if (!match) throw badRequest('invalid', `Invalid ${which} time.`);
    const timeZone = time.timeZone ?? fallbackZone;
    const wall = wallOf(match);
    return { allDay: true, ms: wallToInstant(wall, timeZone), wall, timeZone };
  }
  const match = DATE_TIME.exec(time.dateTime ?? '');
  if (!match) throw badRequest('invalid', `Invalid ${which} time.`);
  if (recurring && !time.timeZone) throw badRequest('required', `Missing time zone definition for ${which} time.`);
  if (!match[8] && !time.timeZone) throw badRequest('required', `Missing time zone definition for ${which} time.`);
  const timeZone = time.timeZone ?? fallbackZone;
  if (match[8]) {
    const ms = Date.parse(time.dateTime!);
    return { allDay: false, ms, wall: instantToWall(ms, timeZone), timeZone };
  }
  const wall = wallOf(match);
  return { allDay: false, ms: wallToInstant(wall, timeZone), wall, timeZone };
}

/** `start`/`end` as Google answers them: `date` for whole days, else `dateTime` in the response's zone plus the event's `timeZone` when it has one. */
export function renderEventTime(time: EventTime, given: EventTimeJson | undefined, responseZone: string): EventTimeJson {
  if (time.allDay) return { date: formatDate(time.wall) };
  return { dateTime: formatDateTime(time.ms, responseZone), ...(given?.timeZone ? { timeZone: given.timeZone } : {}) };
}
