import { TZDate } from '@date-fns/tz';
import { findIana } from 'windows-iana';

/** Graph's "no time" for response statuses nobody has given yet. */
export const NEVER = '0001-01-01T00:00:00Z';

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Windows zone names ('UTC' is one) and the IANA zones this runtime knows. */
// Graph: api-reference/v1.0/resources/datetimetimezone.md
export function isSupportedZone(zone: string): boolean {
  return ianaOf(zone) !== undefined;
}

/** The IANA zone of a zone name Graph takes: a Windows name as CLDR's golden zone for it (territory 001), any other as it is. */
function ianaOf(zone: string): string | undefined {
  return [...findIana(zone, '001'), zone].find(isIanaZone);
}

function isIanaZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The instant a wall time (`dateTime` of Graph's dateTimeTimeZone) names in `zone`; undefined when it is not a wall time. */
export function instantOfWallTime(dateTime: string, zone: string): number | undefined {
  const parts = WALL_TIME.exec(dateTime)?.slice(1).map((part) => Number(part ?? 0));
  if (!parts) return undefined;
  const [year = 0, month = 0, day = 0, hours = 0, minutes = 0, seconds = 0] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return new TZDate(year, month - 1, day, hours, minutes, seconds, ianaOf(zone) ?? zone).getTime();
}

/** True when a wall time is midnight, as the start and end of an all-day event must be. */
export function isMidnight(dateTime: string): boolean {
  return /T00:00(?::00(?:\.0{1,7})?)?$/.test(dateTime);
}

/** `YYYY-MM-DDTHH:mm:ss.0000000`: the wall time of `ms` in `zone` (a Windows or IANA name), as Graph writes it. */
export function wallTime(ms: number, zone: string): string {
  const local = new TZDate(ms, ianaOf(zone) ?? zone);
  const time = [local.getHours(), local.getMinutes(), local.getSeconds()].map(pad).join(':');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${time}.0000000`;
}

/** An instant with Graph's seven fractional digits, e.g. `2026-10-25T08:00:00.1230000Z`. */
export function graphTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/**
 * All-day events float: they are stored as midnight UTC of their dates, which
 * is also the instant used when they are compared with windows and other events.
 */
export function utcMidnight(date: string): number | undefined {
  if (!DATE.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

export function utcDateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A query-string instant (`startDateTime`); one without an offset is taken as UTC. */
export function parseQueryInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(HAS_OFFSET.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
