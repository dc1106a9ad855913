import ICAL from 'ical.js';
import { DAY_MS } from '../../../../shared/clock.ts';
import { instantOfWhen, type ObjectTimes, type When } from './object-times.ts';
import type { Wall } from './wall-time.ts';
import { instantOf } from './zone.ts';

/**
 * How long each occurrence of an event lasts. RFC 5545 3.8.5.3: a DTEND gives
 * every occurrence the same exact duration; a DURATION the same nominal one,
 * its days counted on the wall clock (23 or 25 hours across a change of
 * summer time) and its hours, minutes and seconds exactly (RFC 5545 3.3.6:
 * days first). An all-day event lasts whole days.
 */
export type Length = { days: number; ms: number };

/** When an occurrence is: instants for a timed one, days (exclusive end) for an all-day one. */
export type Span = { allDay: false; start: number; end: number } | { allDay: true; startDay: Wall; endDay: Wall };

/** The length an event's DTEND or DURATION gives it, measured from its DTSTART. */
export function lengthOf(component: ICAL.Component, start: When, times: ObjectTimes): Length {
  const end = times.first(component, 'dtend');
  if (end) {
    if (start.isDate) return { days: Math.ceil((end.wall - start.wall) / DAY_MS), ms: 0 };
    // A DATE end of a timed event (not allowed, but written) is that day's midnight in the event's zone.
    const endInstant = end.isDate ? instantOf(end.wall, start.zone) : instantOfWhen(end);
    return { days: 0, ms: endInstant - instantOfWhen(start) };
  }
  const duration = component.getFirstPropertyValue('duration');
  if (duration instanceof ICAL.Duration) return durationLength(duration);
  // RFC 5545 3.6.1: without DTEND or DURATION, a date lasts one day and a date-time ends when it starts.
  return start.isDate ? { days: 1, ms: 0 } : { days: 0, ms: 0 };
}

export function durationLength(duration: ICAL.Duration): Length {
  const sign = duration.isNegative ? -1 : 1;
  const days = duration.weeks * 7 + duration.days;
  const ms = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return { days: sign * days, ms: sign * ms };
}

/**
 * Where an occurrence starting at `start` and lasting `length` is. An all-day
 * one lasts at least a day: RFC 5545 3.6.1 wants DTEND after DTSTART, and an
 * end on the start day (or a DURATION in hours) means that one day. A timed
 * one may come out with end <= start: the caller leaves it out.
 */
export function spanOf(start: When, length: Length): Span {
  if (start.isDate) return { allDay: true, startDay: start.wall, endDay: start.wall + Math.max(1, length.days) * DAY_MS };
  const startInstant = instantOfWhen(start);
  const endOfDays = length.days === 0 ? startInstant : instantOf(start.wall + length.days * DAY_MS, start.zone);
  return { allDay: false, start: startInstant, end: endOfDays + length.ms };
}

/** An upper bound of how long an occurrence of `length` can be, for widening a search. */
export function longestMs(length: Length): number {
  return Math.max(0, length.days + 1) * DAY_MS + Math.max(0, length.ms);
}
