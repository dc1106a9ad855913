import type ICAL from 'ical.js';
import { DAY_MS } from '../../../../shared/clock.ts';
import type { RemoteOccurrence, SyncWindow } from '../remote/remote-provider.ts';
import { keyFromUid } from './booking-ics.ts';
import { eventFields, isCancelled } from './event-fields.ts';
import { lengthOf, longestMs, spanOf, type Length } from './event-span.ts';
import { instantOfWhen, type ObjectTimes, type When } from './object-times.ts';
import { occurrenceKey, recurrenceIdOf } from './occurrence-key.ts';
import { exclusionsOf, isRecurring, isThisAndFuture, recurrenceSet, type Excluded } from './recurrence-set.ts';
import { dateString } from './wall-time.ts';
import { instantOf, wallAt } from './zone.ts';

export interface Expanded {
  occurrences: RemoteOccurrence[];
  /** Components or occurrences left out because they cannot be shown (see expandCalendar). */
  skipped: number;
}

/** An override: RFC 5545 3.8.4.4, a VEVENT with a RECURRENCE-ID replacing the occurrence it names. */
interface Override {
  component: ICAL.Component;
  recurrenceId: When;
  start: When;
  length: Length;
  thisAndFuture: boolean;
}

/**
 * The occurrences overlapping `window` of one event: the VEVENTs of one UID
 * in one object (RFC 4791 4.1: a CalDAV resource holds one; an ICS feed many).
 * An override (RECURRENCE-ID) stands on its own: it shows where its own
 * DTSTART puts it, in or out of the window, whatever the master says, and it
 * shows even without a master (an attendee may hold only the occurrences it
 * was invited to). An EXDATE of the master takes an override out too
 * (RFC 5545 3.8.5.1: EXDATE wins over what else makes the set). A cancelled
 * master cancels the whole event, overrides included.
 */
export function eventOccurrences(uid: string, components: readonly ICAL.Component[], href: string, times: ObjectTimes, window: SyncWindow): Expanded {
  const occurrences: RemoteOccurrence[] = [];
  const masters = components.filter((component) => !component.hasProperty('recurrence-id'));
  // A UID names one event: a second master is a mistake of the writer, left out.
  let skipped = Math.max(0, masters.length - 1);
  const master = masters[0];
  if (master && isCancelled(master)) return { occurrences, skipped };
  const createdFor = keyFromUid(uid);

  const emit = (component: ICAL.Component, start: When, length: Length, recurrenceId?: string) => {
    const span = spanOf(start, length);
    const [from, to] = span.allDay ? [instantOf(span.startDay, start.zone), instantOf(span.endDay, start.zone)] : [span.start, span.end];
    if (to <= from) {
      // A display needs an end after the start: a zero-length (or inverted) meeting is not shown.
      if (from >= window.start && from < window.end) skipped++;
      return;
    }
    if (from >= window.end || to <= window.start) return;
    occurrences.push({
      key: occurrenceKey(uid, recurrenceId),
      ref: href,
      ...(span.allDay
        ? { allDay: true, start: dateString(span.startDay), end: dateString(span.endDay) }
        : { allDay: false, start: new Date(span.start).toISOString(), end: new Date(span.end).toISOString() }),
      ...eventFields(component),
      ...(recurrenceId === undefined ? {} : { seriesId: uid }),
      ...(createdFor === undefined ? {} : { createdFor }),
    });
  };

  const recurring = master !== undefined && isRecurring(master);
  if (master && !recurring) {
    const start = requiredStart(master, times);
    emit(master, start, lengthOf(master, start, times));
  }

  const excluded: Excluded = master && recurring ? exclusionsOf(master, times) : () => false;
  const overrides = new Map<string, Override>();
  for (const component of components) {
    const override = overrideOf(component, times);
    if (!override) continue;
    const recurrenceId = recurrenceIdOf(override.recurrenceId);
    if (overrides.has(recurrenceId)) {
      skipped++;
      continue;
    }
    overrides.set(recurrenceId, override);
    if (!excluded(override.recurrenceId) && !isCancelled(component)) emit(component, override.start, override.length, recurrenceId);
  }

  if (master && recurring) {
    const first = requiredStart(master, times);
    const length = lengthOf(master, first, times);
    const ranges = [...overrides.values()]
      .filter((override) => override.thisAndFuture)
      .map((override) => ({ ...override, shift: shiftOf(override, first) }))
      .sort((a, b) => instantOfWhen(a.recurrenceId) - instantOfWhen(b.recurrenceId));
    // Occurrences that start before the window may last into it, or be moved into it by a range override.
    const earlier = Math.max(longestMs(length), ...ranges.map((range) => longestMs(range.length) + Math.max(0, range.shift)));
    const later = Math.max(0, ...ranges.map((range) => -range.shift));
    const set = recurrenceSet(master, times, { from: window.start - earlier - DAY_MS, to: window.end + later + DAY_MS });
    if (set.cutShort) skipped++;
    for (const member of set.members) {
      const recurrenceId = recurrenceIdOf(member.start);
      if (overrides.has(recurrenceId)) continue;
      const instant = instantOfWhen(member.start);
      const range = ranges.findLast((candidate) => instantOfWhen(candidate.recurrenceId) < instant);
      if (!range) {
        emit(master, member.start, member.length ?? length, recurrenceId);
      } else if (!isCancelled(range.component)) {
        // RFC 5545 3.8.4.4: later occurrences move by the range override's change of start and take its duration (and its details).
        emit(range.component, { ...member.start, wall: member.start.wall + range.shift }, range.length, recurrenceId);
      }
    }
  }
  return { occurrences, skipped };
}

function overrideOf(component: ICAL.Component, times: ObjectTimes): Override | null {
  const recurrenceId = times.first(component, 'recurrence-id');
  if (!recurrenceId) return null;
  // RFC 5545 3.6.1 requires DTSTART; an override without one keeps the time it overrides.
  const start = times.first(component, 'dtstart') ?? recurrenceId;
  return { component, recurrenceId, start, length: lengthOf(component, start, times), thisAndFuture: isThisAndFuture(component) };
}

/** How far a range override moves its occurrence, on the series' wall clock (2 hours later stays 2 hours later across a change of summer time). */
function shiftOf(override: Override, first: When): number {
  if (override.start.isDate !== first.isDate) return 0;
  if (first.isDate) return override.start.wall - override.recurrenceId.wall;
  return wallAt(instantOfWhen(override.start), first.zone) - wallAt(instantOfWhen(override.recurrenceId), first.zone);
}

function requiredStart(component: ICAL.Component, times: ObjectTimes): When {
  const start = times.first(component, 'dtstart');
  if (!start) throw new TypeError('DTSTART is missing');
  return start;
}
