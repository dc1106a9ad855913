import type ICAL from 'ical.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../../shared/clock.ts';
import { floatingTime, wallOf, type Wall } from './wall-time.ts';

/**
 * The most steps an expansion takes. A rule is started close to the range
 * asked for whenever that is exact (`rebased`), so only a COUNT rule, or a
 * monthly or yearly one, walks from its first occurrence; this many steps
 * cover a daily COUNT rule for over fifty years.
 */
export const MAX_RULE_STEPS = 20_000;

/** The most candidate times ical.js may try in all: a rule its BYxxx parts rarely let through (every second of 29 February) tries many per occurrence. */
const MAX_RULE_CANDIDATES = 200_000;

/** Sub-monthly frequencies have a fixed period on the wall clock; months and years do not. */
const PERIOD_MS: Readonly<Record<string, number>> = {
  SECONDLY: 1000,
  MINUTELY: MINUTE_MS,
  HOURLY: HOUR_MS,
  DAILY: DAY_MS,
  WEEKLY: 7 * DAY_MS,
};

/** Thrown from inside ical.js's iterator to stop it: past the range (done), or tried too many times (cut short). */
const PAST_RANGE = Symbol('past range');
const TOO_MANY = Symbol('too many candidates');

export interface RuleStarts {
  /** Wall-clock starts the rule generates within the range, in order. */
  starts: Wall[];
  /** True when the rule could not be followed to the end of the range (too many steps, or a rule ical.js refuses). */
  cutShort: boolean;
}

/**
 * The starts an RRULE generates from `first` (the DTSTART's wall clock) that
 * fall within `range` (wall clock, inclusive). UNTIL is left to the caller,
 * which knows the DTSTART's zone (RFC 5545 3.3.10: UNTIL is UTC when DTSTART
 * has a zone), so the rule is followed without it; COUNT is kept.
 */
export function ruleStarts(rule: ICAL.Recur, first: Wall, isDate: boolean, range: { from: Wall; to: Wall }): RuleStarts {
  const recur = rule.clone();
  recur.until = null;
  const starts: Wall[] = [];
  try {
    const iterator = recur.iterator(floatingTime(rebased(recur, first, range.from), isDate));
    // ical.js loops inside next() until a candidate passes the rule's BYxxx
    // limits, forever for a rule no day satisfies (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30).
    // Every candidate goes through check_contracting_rules: stop there once past the range, or after too many.
    const passes = iterator.check_contracting_rules.bind(iterator);
    let candidates = 0;
    iterator.check_contracting_rules = () => {
      if (wallOf(iterator.last) > range.to) throw PAST_RANGE;
      if (++candidates > MAX_RULE_CANDIDATES) throw TOO_MANY;
      return passes();
    };
    for (let step = 0; step < MAX_RULE_STEPS; step++) {
      const next = iterator.next();
      if (!next) return { starts, cutShort: false };
      const wall = wallOf(next);
      if (wall > range.to) return { starts, cutShort: false };
      if (wall >= range.from) starts.push(wall);
    }
    return { starts, cutShort: true };
  } catch (error) {
    if (error === PAST_RANGE) return { starts, cutShort: false };
    return { starts, cutShort: true };
  }
}

/**
 * Where to start following a rule that has no COUNT so the range is reached
 * in a few steps: `first` moved forward by whole periods of the rule (INTERVAL
 * days, weeks, hours...), to before `from` by at least one period. The
 * occurrences a rule makes from there on are those it makes from `first`: its
 * BYxxx parts pick the same days of each period, and what ical.js derives from
 * DTSTART (time of day, weekday) is unchanged. The start itself may not
 * match the rule (ical.js always yields it), but it is before `from`, so it is
 * dropped. Monthly and yearly rules (about twelve steps a year) are not moved.
 */
function rebased(rule: ICAL.Recur, first: Wall, from: Wall): Wall {
  const unit = PERIOD_MS[rule.freq];
  if (rule.count !== null || unit === undefined) return first;
  const period = unit * Math.max(1, rule.interval);
  const periods = Math.floor((from - first) / period) - 1;
  return periods > 0 ? first + periods * period : first;
}
