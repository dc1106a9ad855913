import ICAL from 'ical.js';
import { DAY_MS } from '../../../../shared/clock.ts';
import { ruleStarts } from './recurrence-rule.ts';
import { dayOf, wallOf, type Wall } from './wall-time.ts';
import type { Zone } from './zone.ts';

/** Transitions are worked out this far past the latest instant asked about, so a window's worth of questions expands them once. */
const COVER_AHEAD_MS = 2 * 366 * DAY_MS;

interface Transition {
  /** The instant the offset changes. */
  at: number;
  offset: number;
}

interface Observance {
  start: ICAL.Time;
  offsetFrom: number;
  offsetTo: number;
  rules: ICAL.Recur[];
  dates: ICAL.Time[];
}

/**
 * A zone as an object's VTIMEZONE defines it, or null when it defines no
 * usable observance. RFC 5545 3.6.5: each STANDARD or DAYLIGHT observance
 * starts at its DTSTART (and each RRULE/RDATE recurrence of it), a local time
 * in the offset before it (TZOFFSETFROM), and sets TZOFFSETTO from then on.
 */
export function vtimezoneZone(vtimezone: ICAL.Component): Zone | null {
  const observances = vtimezone.getAllSubcomponents().flatMap((component) => observanceOf(component) ?? []);
  const earliest = observances.reduce<Observance | undefined>((a, b) => (a && a.start.compare(b.start) <= 0 ? a : b), undefined);
  if (!earliest) return null;
  let coveredUntil = -Infinity;
  let transitions: Transition[] = [];
  return {
    offsetAt(instant) {
      if (instant > coveredUntil) {
        coveredUntil = instant + COVER_AHEAD_MS;
        transitions = observances.flatMap((observance) => transitionsOf(observance, coveredUntil)).sort((a, b) => a.at - b.at);
      }
      const index = lastAtOrBefore(transitions, instant);
      // Before its first observance a zone keeps the offset that observance changes from.
      return index < 0 ? earliest.offsetFrom : transitions[index]!.offset;
    },
  };
}

function observanceOf(component: ICAL.Component): Observance | null {
  if (component.name !== 'standard' && component.name !== 'daylight') return null;
  const start = component.getFirstPropertyValue('dtstart');
  const from = component.getFirstPropertyValue('tzoffsetfrom');
  const to = component.getFirstPropertyValue('tzoffsetto');
  if (!(start instanceof ICAL.Time) || !(from instanceof ICAL.UtcOffset) || !(to instanceof ICAL.UtcOffset)) return null;
  return {
    start,
    offsetFrom: from.toSeconds() * 1000,
    offsetTo: to.toSeconds() * 1000,
    rules: component.getAllProperties('rrule').flatMap((rule) => rule.getValues().filter((value) => value instanceof ICAL.Recur)),
    dates: component.getAllProperties('rdate').flatMap((rdate) => rdate.getValues().filter((value) => value instanceof ICAL.Time)),
  };
}

/** An observance's onsets up to `until`, as instants. */
function transitionsOf(observance: Observance, until: number): Transition[] {
  const { start, offsetFrom, offsetTo } = observance;
  const first = wallOf(start);
  // RFC 5545 3.6.5: onsets are local times, in the offset in force before them.
  const onsets: Wall[] = [first];
  for (const rule of observance.rules) {
    const last = rule.until ? lastOnset(rule.until, offsetFrom) : Infinity;
    onsets.push(...ruleStarts(rule, first, false, { from: first, to: Math.min(last, until + offsetFrom) }).starts);
  }
  for (const date of observance.dates) {
    if (date.zone === ICAL.Timezone.utcTimezone) onsets.push(wallOf(date) + offsetFrom);
    // An RDATE without a time of day takes the observance's.
    else onsets.push(wallOf(date) + (date.isDate ? first - dayOf(first) : 0));
  }
  return onsets.map((onset) => ({ at: onset - offsetFrom, offset: offsetTo }));
}

/** The latest local onset an UNTIL allows: RFC 5545 3.3.10 has it in UTC here, but a local or DATE one is read too. */
function lastOnset(until: ICAL.Time, offsetFrom: number): Wall {
  if (until.isDate) return wallOf(until) + DAY_MS - 1;
  return wallOf(until) + (until.zone === ICAL.Timezone.utcTimezone ? offsetFrom : 0);
}

function lastAtOrBefore(transitions: readonly Transition[], instant: number): number {
  let low = 0;
  let high = transitions.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (transitions[middle]!.at <= instant) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
