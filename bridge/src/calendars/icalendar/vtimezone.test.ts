import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { AMSTERDAM } from '../../../../test/support/icalendar-text.ts';
import { vtimezoneZone } from './vtimezone.ts';
import { instantOf, intlZone, type Zone } from './zone.ts';

/** RFC 5545 3.6.5's New York, with its rules since 1967: UNTILs in UTC, an RDATE, the 2007 change. */
const NEW_YORK = [
  'BEGIN:VTIMEZONE',
  'TZID:America/New_York',
  'BEGIN:DAYLIGHT',
  'DTSTART:19670430T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=-1SU;UNTIL=19730429T070000Z',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'DTSTART:19671029T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:19740106T020000',
  'RDATE:19750223T020000',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'END:DAYLIGHT',
  'BEGIN:DAYLIGHT',
  'DTSTART:19760425T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=-1SU;UNTIL=19860427T070000Z',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'END:DAYLIGHT',
  'BEGIN:DAYLIGHT',
  'DTSTART:19870405T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'END:DAYLIGHT',
  'BEGIN:DAYLIGHT',
  'DTSTART:20070311T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'DTSTART:20071104T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

function zoneOf(text: string): Zone {
  const zone = vtimezoneZone(ICAL.Component.fromString(text));
  if (!zone) throw new Error('no zone');
  return zone;
}

/** The instants from `start` to `end`, every half hour. */
function halfHours(start: string, end: string): number[] {
  const instants: number[] = [];
  for (let instant = Date.parse(start); instant < Date.parse(end); instant += 1_800_000) instants.push(instant);
  return instants;
}

describe('a zone as a VTIMEZONE defines it', () => {
  it('has the offsets of the zone it describes, at every half hour for years around its changes of rule', () => {
    const newYork = zoneOf(NEW_YORK);
    const intl = intlZone('America/New_York');
    const differing = halfHours('2004-01-01T00:00:00Z', '2010-01-01T00:00:00Z').filter((instant) => newYork.offsetAt(instant) !== intl.offsetAt(instant));
    expect(differing).toEqual([]);
    const amsterdam = zoneOf(AMSTERDAM);
    const amsterdamIntl = intlZone('Europe/Amsterdam');
    expect(halfHours('2025-01-01T00:00:00Z', '2028-01-01T00:00:00Z').filter((instant) => amsterdam.offsetAt(instant) !== amsterdamIntl.offsetAt(instant))).toEqual([]);
  });

  it('reads its RDATE onsets (New York had summer time from 23 February 1975)', () => {
    const newYork = zoneOf(NEW_YORK);
    expect(newYork.offsetAt(Date.parse('1975-02-23T06:59:00Z'))).toBe(-5 * 3_600_000);
    expect(newYork.offsetAt(Date.parse('1975-02-23T07:00:00Z'))).toBe(-4 * 3_600_000);
  });

  it('keeps the offset its first observance changes from before it', () => {
    expect(zoneOf(AMSTERDAM).offsetAt(Date.parse('1960-07-01T00:00:00Z'))).toBe(3_600_000);
  });

  it('reads a time in a change of its clocks as RFC 5545 3.3.5 says', () => {
    const amsterdam = zoneOf(AMSTERDAM);
    expect(new Date(instantOf(Date.parse('2026-10-25T02:30:00Z'), amsterdam)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(instantOf(Date.parse('2026-03-29T02:30:00Z'), amsterdam)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('is null without an observance it can read', () => {
    expect(vtimezoneZone(ICAL.Component.fromString('BEGIN:VTIMEZONE\r\nTZID:Nowhere\r\nEND:VTIMEZONE'))).toBeNull();
  });
});
