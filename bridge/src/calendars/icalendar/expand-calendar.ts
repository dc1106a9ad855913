import ICAL from 'ical.js';
import { isValidTimeZone } from '../../../../shared/time-zone.ts';
import type { RemoteOccurrence, SyncWindow } from '../remote/remote-provider.ts';
import { eventOccurrences } from './event-occurrences.ts';
import { ObjectTimes } from './object-times.ts';
import { instantOf, intlZone, type Zone } from './zone.ts';

/**
 * Every occurrence overlapping [window.start, window.end) of the events in
 * some iCalendar objects: CalDAV resources (one event each: a master and its
 * overrides) or an ICS feed (one object, many events). Floating times and
 * dates are read in `timeZone`, the room's.
 *
 * Nothing here throws for what a server sent. `skipped` counts what could not
 * be shown: an object that is no iCalendar, an event without a UID or
 * DTSTART or with values that cannot be read (the rest of its object is
 * still read), a zero-length timed occurrence in the window, a rule that
 * could not be followed to the window's end, a second event with the same
 * UID or key.
 */
export function expandCalendar(
  objects: readonly { href: string; body: string }[],
  window: SyncWindow,
  timeZone: string,
): { occurrences: RemoteOccurrence[]; skipped: number } {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Not a time zone: ${timeZone}`);
  const roomZone = intlZone(timeZone);
  const occurrences: RemoteOccurrence[] = [];
  const keys = new Set<string>();
  let skipped = 0;
  for (const object of objects) {
    const calendars = calendarsOf(object.body);
    if (!calendars) {
      skipped++;
      continue;
    }
    for (const vcalendar of calendars) {
      const read = eventsOf(vcalendar, object.href, window, roomZone);
      skipped += read.skipped;
      for (const occurrence of read.occurrences) {
        // A key names one meeting of the room's calendar: the same event in two objects is shown once.
        if (keys.has(occurrence.key)) {
          skipped++;
          continue;
        }
        keys.add(occurrence.key);
        occurrences.push(occurrence);
      }
    }
  }
  occurrences.sort((a, b) => startOf(a, roomZone) - startOf(b, roomZone) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { occurrences, skipped };
}

/** The VCALENDARs of an object's text (RFC 5545 3.4: a stream may hold several), or null when it is no iCalendar. */
export function calendarsOf(body: string): ICAL.Component[] | null {
  try {
    // A byte order mark, which some feeds start with, is no part of the first line.
    const parsed: unknown = ICAL.parse(body.replace(/^\uFEFF/, ''));
    if (!Array.isArray(parsed) || parsed.length === 0) return null;
    const roots = (typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[][];
    const calendars = roots.map((root) => new ICAL.Component(root));
    return calendars.every((calendar) => calendar.name === 'vcalendar') ? calendars : null;
  } catch {
    return null;
  }
}

/** The VEVENTs of one VCALENDAR grouped by UID, each group expanded on its own so one bad event leaves the others. */
function eventsOf(vcalendar: ICAL.Component, href: string, window: SyncWindow, roomZone: Zone): { occurrences: RemoteOccurrence[]; skipped: number } {
  const times = new ObjectTimes(vcalendar, roomZone);
  const byUid = new Map<string, ICAL.Component[]>();
  let skipped = 0;
  for (const vevent of vcalendar.getAllSubcomponents('vevent')) {
    const uid = vevent.getFirstPropertyValue('uid');
    // RFC 5545 3.8.4.7: every VEVENT has a UID; without one it cannot be keyed, nor matched with its overrides.
    if (typeof uid !== 'string' || uid === '') {
      skipped++;
      continue;
    }
    const group = byUid.get(uid);
    if (group) group.push(vevent);
    else byUid.set(uid, [vevent]);
  }
  const occurrences: RemoteOccurrence[] = [];
  for (const [uid, components] of byUid) {
    try {
      const expanded = eventOccurrences(uid, components, href, times, window);
      occurrences.push(...expanded.occurrences);
      skipped += expanded.skipped;
    } catch {
      skipped++;
    }
  }
  return { occurrences, skipped };
}

function startOf(occurrence: RemoteOccurrence, roomZone: Zone): number {
  return occurrence.allDay ? instantOf(Date.parse(`${occurrence.start}T00:00:00Z`), roomZone) : Date.parse(occurrence.start);
}
