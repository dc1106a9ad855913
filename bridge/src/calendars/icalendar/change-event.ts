import ICAL from 'ical.js';
import { DAY_MS } from '../../../../shared/clock.ts';
import { isValidTimeZone } from '../../../../shared/time-zone.ts';
import type { RemoteOccurrence } from '../remote/remote-provider.ts';
import { icalendarText, utcTime } from './booking-ics.ts';
import { eventOccurrences } from './event-occurrences.ts';
import { calendarsOf } from './expand-calendar.ts';
import { instantOfWhen, ObjectTimes, tzidOf, type When } from './object-times.ts';
import { recurrenceIdOf, seriesKeyParts } from './occurrence-key.ts';
import { isRecurring, isThisAndFuture, recurrenceSet } from './recurrence-set.ts';
import { floatingTime, type Wall } from './wall-time.ts';
import { intlZone, UTC_ZONE, wallAt, type Zone } from './zone.ts';

/** How far from its original start an occurrence is looked for (a range override may have moved it). */
const SEARCH_MS = 400 * DAY_MS;

/**
 * The meeting a key names in a resource's text, as the bridge shows it.
 * `component` is its own VEVENT (a one-off, or the override of an
 * occurrence), `master` and `original` the series and the occurrence's
 * original start in it (absent for a one-off, or an override whose series
 * is not in the text, as an attendee's copy may be).
 */
interface Located {
  calendars: ICAL.Component[];
  vcalendar: ICAL.Component;
  times: ObjectTimes;
  occurrence: RemoteOccurrence;
  component?: ICAL.Component;
  master?: ICAL.Component;
  original?: When;
}

/**
 * The resource's text with the meeting `key` names ending at `end` (an
 * instant): a one-off gets DTEND `end` in UTC (DURATION, which RFC 5545 3.6.1
 * does not allow beside DTEND, goes); an occurrence of a series gets an
 * override, or its override a new DTEND. Undefined when the key names no
 * timed meeting in the text (all-day events have no end time to change).
 * `timeZone` is the room's, in which floating times were read.
 */
export function withEnd(body: string, key: string, end: string, now: number, timeZone: string): string | undefined {
  const located = locate(body, key, timeZone);
  if (!located || located.occurrence.allDay) return undefined;
  const endsAt = Date.parse(end);
  if (Number.isNaN(endsAt)) throw new RangeError(`Not an instant: ${end}`);
  let component = located.component;
  if (!component) {
    if (!located.master || !located.original) return undefined;
    component = newOverride(located.master, located.original, Date.parse(located.occurrence.start), located.times);
    located.vcalendar.addSubcomponent(component);
  }
  component.removeAllProperties('duration');
  // A fresh property: the old DTEND's TZID must not stay on a UTC value (RFC 5545 3.3.5 form #2).
  component.removeAllProperties('dtend');
  component.addPropertyWithValue('dtend', utcTime(endsAt));
  revised(component, now);
  return located.calendars.map(icalendarText).join('');
}

/**
 * The resource's text without the meeting `key` names: null for a one-off
 * (nothing is left, the caller deletes the resource); for an occurrence of a
 * series, an EXDATE of it on the series, in the form of the series' DTSTART
 * (RFC 5545 3.8.5.1), and its override gone (an override of an occurrence
 * the series does not make, with no EXDATE to take, just goes). Undefined
 * when the key names no meeting in the text.
 */
export function withoutOccurrence(body: string, key: string, now: number, timeZone: string): string | null | undefined {
  const located = locate(body, key, timeZone);
  if (!located) return undefined;
  const { vcalendar, component, master, original } = located;
  if (master && original) {
    // A THISANDFUTURE override still moves the occurrences after it: the EXDATE alone hides its own.
    if (component && !isThisAndFuture(component)) vcalendar.removeSubcomponent(component);
    master.addProperty(likeDtstart('exdate', master, original, located.times));
    revised(master, now);
  } else if (component) {
    vcalendar.removeSubcomponent(component);
  }
  const left = located.calendars.some((vcalendar) => vcalendar.getAllSubcomponents('vevent').length > 0);
  return left ? located.calendars.map(icalendarText).join('') : null;
}

function locate(body: string, key: string, timeZone: string): Located | undefined {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Not a time zone: ${timeZone}`);
  try {
    return located(body, key, intlZone(timeZone));
  } catch {
    // A server's text whose values cannot be read: the meeting is not found in it (as expandCalendar skips it).
    return undefined;
  }
}

function located(body: string, key: string, roomZone: Zone): Located | undefined {
  const calendars = calendarsOf(body);
  if (!calendars) return undefined;
  const series = seriesKeyParts(key);
  for (const vcalendar of calendars) {
    const times = new ObjectTimes(vcalendar, roomZone);
    const events = vcalendar.getAllSubcomponents('vevent');
    const oneOff = events.find((vevent) => vevent.getFirstPropertyValue('uid') === key && !vevent.hasProperty('recurrence-id') && !isRecurring(vevent));
    if (oneOff) {
      const start = times.first(oneOff, 'dtstart');
      const occurrence = start ? shown(key, [oneOff], key, times, instantOfWhen(start)) : undefined;
      return occurrence ? { calendars, vcalendar, times, occurrence, component: oneOff } : undefined;
    }
    if (!series) continue;
    const group = events.filter((vevent) => vevent.getFirstPropertyValue('uid') === series.uid);
    if (group.length === 0) continue;
    const around = Date.parse(series.recurrenceId.length === 10 ? `${series.recurrenceId}T00:00:00Z` : series.recurrenceId);
    const occurrence = shown(series.uid, group, key, times, around);
    if (!occurrence) return undefined;
    const component = group.find((vevent) => {
      const recurrenceId = times.first(vevent, 'recurrence-id');
      return recurrenceId !== null && recurrenceIdOf(recurrenceId) === series.recurrenceId;
    });
    const master = group.find((vevent) => !vevent.hasProperty('recurrence-id') && isRecurring(vevent));
    const original = master
      ? recurrenceSet(master, times, { from: around - DAY_MS, to: around + DAY_MS }).members.find((member) => recurrenceIdOf(member.start) === series.recurrenceId)?.start
      : undefined;
    return { calendars, vcalendar, times, occurrence, ...(component ? { component } : {}), ...(master && original ? { master, original } : {}) };
  }
  return undefined;
}

/** The occurrence `key` of an event as expandCalendar shows it, looked for around `around`; undefined when it is not shown (gone, cancelled, excluded). */
function shown(uid: string, group: ICAL.Component[], key: string, times: ObjectTimes, around: number): RemoteOccurrence | undefined {
  const window = { start: around - SEARCH_MS, end: around + SEARCH_MS };
  return eventOccurrences(uid, group, '', times, window).occurrences.find((occurrence) => occurrence.key === key);
}

/**
 * A new override of one occurrence of `master` (RFC 5545 3.8.4.4): a copy of
 * the master (SUMMARY, ORGANIZER, CLASS, ATTENDEEs, alarms...) without its
 * recurrence, RECURRENCE-ID the occurrence's original start and DTSTART its
 * start, both in the form of the master's DTSTART. RFC 5545 3.8.7.4: an
 * instance may have its own SEQUENCE; it starts from the master's.
 */
function newOverride(master: ICAL.Component, original: When, start: number, times: ObjectTimes): ICAL.Component {
  const override = new ICAL.Component(structuredClone(master.toJSON()));
  for (const name of ['rrule', 'rdate', 'exdate', 'exrule', 'dtstart', 'dtend', 'duration']) override.removeAllProperties(name);
  override.addProperty(likeDtstart('recurrence-id', master, original, times));
  override.addProperty(likeDtstart('dtstart', master, { ...original, wall: wallAt(start, original.zone) }, times));
  return override;
}

/** A property (RECURRENCE-ID, EXDATE, DTSTART) holding `when` in the form of `master`'s DTSTART: same TZID, UTC, floating or DATE. */
function likeDtstart(name: string, master: ICAL.Component, when: When, times: ObjectTimes): ICAL.Property {
  const dtstart = master.getFirstProperty('dtstart')!;
  const first = times.first(master, 'dtstart')!;
  // A value generated by the master's rule is in its zone already; another (an RDATE in UTC) is read on the master's clock.
  const wall: Wall = when.zone === first.zone || first.isDate ? when.wall : wallAt(instantOfWhen(when), first.zone);
  const property = new ICAL.Property(name);
  if (first.zone === UTC_ZONE && !first.isDate) {
    property.setValue(utcTime(wall));
  } else {
    const tzid = tzidOf(dtstart);
    if (tzid && !first.isDate) property.setParameter('tzid', tzid);
    property.setValue(floatingTime(wall, first.isDate));
  }
  return property;
}

/**
 * A revision by the bridge: RFC 5545 3.8.7.4, SEQUENCE goes up for a change
 * of the meeting's time; RFC 5545 3.8.7.2 and 3.8.7.3, DTSTAMP (in a
 * resource without METHOD) and LAST-MODIFIED are when it was last revised.
 */
function revised(component: ICAL.Component, now: number): void {
  const sequence = component.getFirstPropertyValue('sequence');
  component.updatePropertyWithValue('sequence', (typeof sequence === 'number' ? sequence : 0) + 1);
  component.updatePropertyWithValue('dtstamp', utcTime(now));
  component.updatePropertyWithValue('last-modified', utcTime(now));
}
