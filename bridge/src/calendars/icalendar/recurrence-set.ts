import ICAL from 'ical.js';
import { DAY_MS } from '../../../../shared/clock.ts';
import { durationLength, type Length } from './event-span.ts';
import { instantOfWhen, type ObjectTimes, type When } from './object-times.ts';
import { recurrenceIdOf } from './occurrence-key.ts';
import { ruleStarts } from './recurrence-rule.ts';
import { dayOf, wallOf } from './wall-time.ts';

/** One member of a recurrence set. */
export interface Member {
  /** Its original start: what its RECURRENCE-ID names it by. */
  start: When;
  /** An RDATE period's own length, which wins over the event's (RFC 5545 3.8.5.2, and section 5, practice 2). */
  length?: Length;
}

export interface RecurrenceSet {
  /** The members starting within the range, in order, EXDATEs taken out. */
  members: Member[];
  /** True when an RRULE could not be followed to the end of the range. */
  cutShort: boolean;
}

/** True when a recurring event's EXDATEs take out the member starting at `start`. */
export type Excluded = (start: When) => boolean;

/** True when the component recurs: RFC 5545 3.8.5.2 and 3.8.5.3 make a recurrence set of its RRULE and RDATEs. */
export function isRecurring(component: ICAL.Component): boolean {
  return component.hasProperty('rrule') || component.hasProperty('rdate');
}

/** RFC 5545 3.2.13: an override with RANGE=THISANDFUTURE also changes every later occurrence of its series. */
export function isThisAndFuture(override: ICAL.Component): boolean {
  const range: unknown = override.getFirstProperty('recurrence-id')?.getFirstParameter('range');
  return typeof range === 'string' && range.toUpperCase() === 'THISANDFUTURE';
}

/**
 * The members of a recurring event's recurrence set whose start is within
 * `range` (instants, inclusive). RFC 5545 3.8.5.1: the set is DTSTART, every
 * start its RRULEs and RDATEs generate (a start generated twice counts
 * once), less every start an EXDATE names.
 */
export function recurrenceSet(master: ICAL.Component, times: ObjectTimes, range: { from: number; to: number }): RecurrenceSet {
  const first = times.first(master, 'dtstart');
  if (!first) throw new TypeError('DTSTART is missing');
  const excluded = exclusionsOf(master, times);
  const members = new Map<string, Member>();
  const add = (member: Member) => {
    const instant = instantOfWhen(member.start);
    if (instant < range.from || instant > range.to || excluded(member.start)) return;
    const id = recurrenceIdOf(member.start);
    if (!members.has(id)) members.set(id, member);
  };
  add({ start: first });
  let cutShort = false;
  // A wall clock is within a day of its instant (no zone is more than 14 hours off UTC).
  const wallRange = { from: range.from - DAY_MS, to: range.to + DAY_MS };
  for (const rule of master.getAllProperties('rrule').flatMap((property) => property.getValues())) {
    if (!(rule instanceof ICAL.Recur)) continue;
    if (rule.until && wallOf(rule.until) + DAY_MS < wallRange.from) continue;
    const generated = ruleStarts(rule, first.wall, first.isDate, wallRange);
    cutShort ||= generated.cutShort;
    for (const wall of generated.starts) {
      const start = { ...first, wall };
      if (!rule.until || withinUntil(start, rule.until)) add({ start });
    }
  }
  for (const property of master.getAllProperties('rdate')) {
    for (const value of property.getValues()) {
      if (value instanceof ICAL.Time) add({ start: times.when(value, property) });
      if (value instanceof ICAL.Period) add(periodMember(value, property, times));
    }
  }
  return { members: [...members.values()].sort((a, b) => instantOfWhen(a.start) - instantOfWhen(b.start)), cutShort };
}

/**
 * Which members a recurring event's EXDATEs take out (RFC 5545 3.8.5.1: the
 * EXDATE lines, each with a list of values, all count). A value is matched by
 * the instant it names, whatever form it is written in; a DATE value on a
 * timed event takes out that day's members (a form some writers use).
 */
export function exclusionsOf(master: ICAL.Component, times: ObjectTimes): Excluded {
  const ids = new Set<string>();
  const days = new Set<number>();
  for (const property of master.getAllProperties('exdate')) {
    for (const value of property.getValues()) {
      if (!(value instanceof ICAL.Time)) continue;
      const when = times.when(value, property);
      ids.add(recurrenceIdOf(when));
      if (when.isDate) days.add(when.wall);
    }
  }
  return (start) => ids.has(recurrenceIdOf(start)) || (!start.isDate && days.has(dayOf(start.wall)));
}

/**
 * RFC 5545 3.3.10: UNTIL bounds the rule inclusively; it is UTC when DTSTART
 * has a zone or is UTC, local when DTSTART is floating, a date when DTSTART
 * is one. Writers mix these up, so each form is read as what it says; an
 * all-day series compares days, so that a UTC UNTIL on its last day keeps it.
 */
function withinUntil(start: When, until: ICAL.Time): boolean {
  const untilWall = wallOf(until);
  if (start.isDate || until.isDate) return dayOf(start.wall) <= dayOf(untilWall);
  if (until.zone === ICAL.Timezone.utcTimezone) return instantOfWhen(start) <= untilWall;
  return start.wall <= untilWall;
}

function periodMember(period: ICAL.Period, property: ICAL.Property, times: ObjectTimes): Member {
  const start = times.when(period.start, property);
  if (period.duration) return { start, length: durationLength(period.duration) };
  return { start, length: { days: 0, ms: instantOfWhen(times.when(period.end, property)) - instantOfWhen(start) } };
}
