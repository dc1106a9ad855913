import ICAL from 'ical.js';
import { badRequest } from './errors.ts';
import { instantToWall, wallToInstant, type EventTime, type Wall } from './time.ts';

/** One occurrence of a recurring event: its original start (which names it) and its span. */
export interface Occurrence {
  /** The instant the recurrence rule puts it at; the instance id and `originalStartTime` come from it. */
  originalStartMs: number;
  start: EventTime;
  end: EventTime;
}

/**
 * How many occurrences one expansion yields at most. Google documents no
 * limit for open-ended rules; the emulator stops here so an unbounded weekly
 * meeting stays finite (14 years of weeks).
 */
export const EXPANSION_LIMIT = 730;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const wallKey = (w: Wall) => `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;

function floating(wall: Wall, isDate: boolean): ICAL.Time {
  return ICAL.Time.fromData({ year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute, second: wall.second, isDate });
}

function wallOfTime(time: ICAL.Time): Wall {
  return { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
}

/**
 * The wall time, in the event's zone, of an RDATE/EXDATE value or an UNTIL:
 * `...Z` is UTC, a TZID parameter names its zone, otherwise the value is
 * already the event zone's wall time (RFC 5545 §3.3.5).
 */
function wallOfValue(value: string, params: Record<string, string>, zone: string): Wall {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(value.trim());
  if (!match) throw badRequest('invalid', 'Invalid recurrence rule.');
  const n = (i: number) => Number(match[i] ?? 0);
  const wall: Wall = { year: n(1), month: n(2), day: n(3), hour: n(4), minute: n(5), second: n(6) };
  if (match[7]) return instantToWall(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second), zone);
  if (params.TZID && params.TZID !== zone) return instantToWall(wallToInstant(wall, params.TZID), zone);
  return wall;
}

interface RecurrenceLine {
  name: 'RRULE' | 'EXRULE' | 'RDATE' | 'EXDATE';
  params: Record<string, string>;
  value: string;
}

/** Splits the `recurrence[]` strings of the Events resource ("list of RRULE, EXRULE, RDATE and EXDATE lines ... as specified in RFC5545"). */
export function parseRecurrence(lines: unknown): RecurrenceLine[] {
  if (!Array.isArray(lines)) throw badRequest('invalid', 'Invalid recurrence rule.');
  return lines.map((line) => {
    const match = /^(RRULE|EXRULE|RDATE|EXDATE)((?:;[^:]+)?):(.+)$/i.exec(String(line));
    if (!match) throw badRequest('invalid', 'Invalid recurrence rule.');
    const params: Record<string, string> = {};
    for (const part of (match[2] ?? '').split(';').filter(Boolean)) {
      const [key, value] = part.split('=');
      if (key && value) params[key.toUpperCase()] = value;
    }
    const name = match[1]!.toUpperCase() as RecurrenceLine['name'];
    if (name === 'RRULE' || name === 'EXRULE') {
      try {
        ICAL.Recur.fromString(match[3]!);
      } catch {
        throw badRequest('invalid', 'Invalid recurrence rule.');
      }
    }
    return { name, params, value: match[3]! };
  });
}

function ruleWalls(rule: string, start: EventTime, until: number): Wall[] {
  const recur = ICAL.Recur.fromString(rule);
  // An UNTIL in UTC bounds an instant; the rule is walked in floating wall time, so bound it by the same instant's wall time.
  if (recur.until && recur.until.zone?.tzid === 'UTC') {
    const wall = instantToWall(recur.until.toUnixTime() * 1000, start.timeZone);
    recur.until = floating(wall, start.allDay);
  }
  const walls: Wall[] = [];
  const iterator = recur.iterator(floating(start.wall, start.allDay));
  for (let next = iterator.next(); next && walls.length < EXPANSION_LIMIT; next = iterator.next()) {
    const wall = wallOfTime(next);
    if (wallToInstant(wall, start.timeZone) >= until) break;
    walls.push(wall);
  }
  return walls;
}

/**
 * Expands a recurring event into its occurrences starting before `until`,
 * in its start's time zone ("the time zone in which the recurrence is
 * expanded", Events resource `start.timeZone`): a weekly 09:00 in
 * Europe/Amsterdam stays 09:00 local across a DST change. Timed occurrences
 * keep the first one's length; whole-day ones keep its number of days.
 */
export function expandRecurrence(recurrence: string[], start: EventTime, end: EventTime, until = Number.POSITIVE_INFINITY): Occurrence[] {
  const lines = parseRecurrence(recurrence);
  const included = new Map<string, Wall>();
  const excluded = new Set<string>();
  for (const line of lines) {
    if (line.name === 'RRULE') for (const wall of ruleWalls(line.value, start, until)) included.set(wallKey(wall), wall);
    if (line.name === 'EXRULE') for (const wall of ruleWalls(line.value, start, until)) excluded.add(wallKey(wall));
    if (line.name === 'RDATE' || line.name === 'EXDATE') {
      for (const value of line.value.split(',')) {
        let wall = wallOfValue(value, line.params, start.timeZone);
        if (!start.allDay && line.params.VALUE === 'DATE') wall = { ...wall, hour: start.wall.hour, minute: start.wall.minute, second: start.wall.second };
        if (line.name === 'RDATE') included.set(wallKey(wall), wall);
        else excluded.add(wallKey(wall));
      }
    }
  }
  const lengthMs = end.ms - start.ms;
  const lengthDays = Math.round((Date.UTC(end.wall.year, end.wall.month - 1, end.wall.day) - Date.UTC(start.wall.year, start.wall.month - 1, start.wall.day)) / 86_400_000);
  const occurrences: Occurrence[] = [];
  for (const [key, wall] of included) {
    if (excluded.has(key)) continue;
    const ms = wallToInstant(wall, start.timeZone);
    if (ms >= until) continue;
    const occurrenceStart: EventTime = { allDay: start.allDay, ms, wall, timeZone: start.timeZone };
    let occurrenceEnd: EventTime;
    if (start.allDay) {
      const day = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + lengthDays));
      const endWall = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: 0, minute: 0, second: 0 };
      occurrenceEnd = { allDay: true, ms: wallToInstant(endWall, start.timeZone), wall: endWall, timeZone: start.timeZone };
    } else {
      occurrenceEnd = { allDay: false, ms: ms + lengthMs, wall: instantToWall(ms + lengthMs, end.timeZone), timeZone: end.timeZone };
    }
    occurrences.push({ originalStartMs: ms, start: occurrenceStart, end: occurrenceEnd });
  }
  return occurrences.sort((a, b) => a.originalStartMs - b.originalStartMs).slice(0, EXPANSION_LIMIT);
}

/**
 * The id of one instance: the recurring event's id, `_`, and its original
 * start — UTC `YYYYMMDDTHHMMSSZ`, or `YYYYMMDD` for whole days — the form
 * Google gives instances (ids of the recurring event plus the original start).
 */
export function instanceId(masterId: string, originalStart: EventTime): string {
  if (originalStart.allDay) return `${masterId}_${wallKey(originalStart.wall).slice(0, 8)}`;
  const utc = instantToWall(originalStart.ms, 'UTC');
  return `${masterId}_${wallKey(utc)}Z`;
}

/** Splits an instance id into the recurring event's id and the original start's key; undefined for an id without `_`. */
export function splitInstanceId(id: string): { masterId: string; key: string } | undefined {
  const at = id.lastIndexOf('_');
  if (at <= 0) return undefined;
  return { masterId: id.slice(0, at), key: id.slice(at + 1) };
}
