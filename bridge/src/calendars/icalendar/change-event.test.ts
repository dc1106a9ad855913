import { describe, expect, it } from 'vitest';
import { withEnd, withoutOccurrence } from './change-event.ts';
import { expandCalendar } from './expand-calendar.ts';
import { AMSTERDAM, between, ics, vevent } from '../../../../test/support/icalendar-text.ts';

const NOW = Date.parse('2026-10-27T08:10:00Z');
const ZONE = 'Europe/Amsterdam';
/** Four Tuesdays: 13 and 20 October in summer time, 27 October and 3 November in winter time. */
const WINDOW = between('2026-10-11T22:00:00Z', '2026-11-08T23:00:00Z');

/** A weekly meeting at 09:00 in Amsterdam since 13 October, revised four times. */
const SERIES = ics(
  AMSTERDAM,
  vevent(
    'UID:standup',
    'DTSTART;TZID=Europe/Amsterdam:20261013T090000',
    'DTEND;TZID=Europe/Amsterdam:20261013T093000',
    'RRULE:FREQ=WEEKLY',
    'SUMMARY:Standup',
    'ORGANIZER;CN=Ann:mailto:ann@example.com',
    'ATTENDEE;CN=Board room:mailto:board@example.com',
    'CLASS:CONFIDENTIAL',
    'SEQUENCE:4',
  ),
);

const KEYS = ['standup/2026-10-13T07:00:00.000Z', 'standup/2026-10-20T07:00:00.000Z', 'standup/2026-10-27T08:00:00.000Z', 'standup/2026-11-03T08:00:00.000Z'];

function shown(body: string, timeZone = ZONE) {
  return expandCalendar([{ href: '/room/standup.ics', body }], WINDOW, timeZone);
}

/** The text's lines, unfolded. */
function lines(body: string): string[] {
  return body.replace(/\r\n /g, '').split('\r\n');
}

describe('a meeting ending at another time', () => {
  it('shortens occurrence 3 of a series only, by an override in the series’ zone, after the change of summer time', () => {
    const changed = withEnd(SERIES, KEYS[2]!, '2026-10-27T08:15:00.000Z', NOW, ZONE)!;
    const before = shown(SERIES).occurrences;
    const after = shown(changed);
    expect(after.skipped).toBe(0);
    expect(after.occurrences).toEqual(before.map((occurrence) => (occurrence.key === KEYS[2] ? { ...occurrence, end: '2026-10-27T08:15:00.000Z' } : occurrence)));
    expect(after.occurrences[2]).toMatchObject({ start: '2026-10-27T08:00:00.000Z', subject: 'Standup', organizer: 'Ann', isPrivate: true, seriesId: 'standup' });
    const override = lines(changed).slice(lines(changed).lastIndexOf('BEGIN:VEVENT'));
    expect(override).toEqual(
      expect.arrayContaining([
        'RECURRENCE-ID;TZID=Europe/Amsterdam:20261027T090000',
        'DTSTART;TZID=Europe/Amsterdam:20261027T090000',
        'DTEND:20261027T081500Z',
        'ATTENDEE;CN=Board room:mailto:board@example.com',
        'SEQUENCE:5',
        'DTSTAMP:20261027T081000Z',
        'LAST-MODIFIED:20261027T081000Z',
      ]),
    );
    expect(override.some((line) => line.startsWith('RRULE'))).toBe(false);
    expect(changed.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('changes the end of the occurrence’s override when it has one', () => {
    const once = withEnd(SERIES, KEYS[2]!, '2026-10-27T08:15:00.000Z', NOW, ZONE)!;
    const twice = withEnd(once, KEYS[2]!, '2026-10-27T08:45:00.000Z', NOW + 60_000, ZONE)!;
    expect(lines(twice).filter((line) => line.startsWith('RECURRENCE-ID'))).toHaveLength(1);
    expect(lines(twice)).toContain('SEQUENCE:6');
    expect(shown(twice).occurrences.map((o) => o.end)).toEqual(['2026-10-13T07:30:00.000Z', '2026-10-20T07:30:00.000Z', '2026-10-27T08:45:00.000Z', '2026-11-03T08:30:00.000Z']);
  });

  it('gives a one-off a DTEND in UTC in place of its DURATION', () => {
    const oneOff = ics(AMSTERDAM, vevent('UID:review', 'DTSTART;TZID=Europe/Amsterdam:20261027T100000', 'DURATION:PT1H', 'SUMMARY:Review', 'SEQUENCE:0'));
    const changed = withEnd(oneOff, 'review', '2026-10-27T10:30:00.000Z', NOW, ZONE)!;
    expect(lines(changed)).toEqual(expect.arrayContaining(['DTEND:20261027T103000Z', 'SEQUENCE:1', 'DTSTAMP:20261027T081000Z']));
    expect(changed).not.toContain('DURATION');
    expect(shown(changed).occurrences).toMatchObject([{ key: 'review', start: '2026-10-27T09:00:00.000Z', end: '2026-10-27T10:30:00.000Z' }]);
  });

  it('reads a floating series in the room’s zone, and writes its override floating too', () => {
    const floating = ics(vevent('UID:float', 'DTSTART:20261013T090000', 'DTEND:20261013T100000', 'RRULE:FREQ=WEEKLY;COUNT=3'));
    const changed = withEnd(floating, 'float/2026-10-20T13:00:00.000Z', '2026-10-20T13:20:00.000Z', NOW, 'America/New_York')!;
    expect(lines(changed)).toEqual(expect.arrayContaining(['RECURRENCE-ID:20261020T090000', 'DTSTART:20261020T090000', 'DTEND:20261020T132000Z']));
    expect(shown(changed, 'America/New_York').occurrences.map((o) => o.end)).toEqual(['2026-10-13T14:00:00.000Z', '2026-10-20T13:20:00.000Z', '2026-10-27T14:00:00.000Z']);
  });

  it('is undefined for a key the text does not hold, or an all-day event', () => {
    expect(withEnd(SERIES, 'other', '2026-10-27T08:15:00.000Z', NOW, ZONE)).toBeUndefined();
    expect(withEnd(SERIES, 'standup/2026-10-28T08:00:00.000Z', '2026-10-27T08:15:00.000Z', NOW, ZONE)).toBeUndefined();
    expect(withEnd('not a calendar', KEYS[2]!, '2026-10-27T08:15:00.000Z', NOW, ZONE)).toBeUndefined();
    const allDay = ics(vevent('UID:offsite', 'DTSTART;VALUE=DATE:20261027'));
    expect(withEnd(allDay, 'offsite', '2026-10-27T08:15:00.000Z', NOW, ZONE)).toBeUndefined();
  });
});

describe('a meeting taken out', () => {
  it('removes occurrence 2 of a series only, by an EXDATE in the form of its DTSTART', () => {
    const changed = withoutOccurrence(SERIES, KEYS[1]!, NOW, ZONE)!;
    expect(lines(changed)).toEqual(expect.arrayContaining(['EXDATE;TZID=Europe/Amsterdam:20261020T090000', 'SEQUENCE:5', 'DTSTAMP:20261027T081000Z']));
    expect(shown(changed).occurrences.map((o) => o.key)).toEqual([KEYS[0], KEYS[2], KEYS[3]]);
  });

  it('drops the override of an occurrence it removes', () => {
    const moved = ics(
      AMSTERDAM,
      vevent(
        'UID:standup',
        'DTSTART;TZID=Europe/Amsterdam:20261013T090000',
        'DTEND;TZID=Europe/Amsterdam:20261013T093000',
        'RRULE:FREQ=WEEKLY',
        'SUMMARY:Standup',
      ),
      vevent('UID:standup', 'RECURRENCE-ID;TZID=Europe/Amsterdam:20261020T090000', 'DTSTART;TZID=Europe/Amsterdam:20261020T140000', 'DTEND;TZID=Europe/Amsterdam:20261020T150000'),
    );
    const changed = withoutOccurrence(moved, KEYS[1]!, NOW, ZONE)!;
    expect(changed).not.toContain('RECURRENCE-ID');
    expect(shown(changed).occurrences.map((o) => o.key)).toEqual([KEYS[0], KEYS[2], KEYS[3]]);
  });

  it('keeps a THISANDFUTURE override it hides, for the later occurrences it moves', () => {
    const later = ics(
      AMSTERDAM,
      vevent('UID:standup', 'DTSTART;TZID=Europe/Amsterdam:20261013T090000', 'DTEND;TZID=Europe/Amsterdam:20261013T093000', 'RRULE:FREQ=WEEKLY'),
      vevent('UID:standup', 'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Amsterdam:20261020T090000', 'DTSTART;TZID=Europe/Amsterdam:20261020T110000', 'DTEND;TZID=Europe/Amsterdam:20261020T113000'),
    );
    const changed = withoutOccurrence(later, KEYS[1]!, NOW, ZONE)!;
    expect(shown(changed).occurrences.map((o) => `${o.key} ${o.start}`)).toEqual([
      `${KEYS[0]} 2026-10-13T07:00:00.000Z`,
      `${KEYS[2]} 2026-10-27T10:00:00.000Z`,
      `${KEYS[3]} 2026-11-03T10:00:00.000Z`,
    ]);
  });

  it('writes the EXDATE in UTC for a UTC series, and as a date for an all-day one', () => {
    const utc = ics(vevent('UID:utc', 'DTSTART:20261013T070000Z', 'DTEND:20261013T073000Z', 'RRULE:FREQ=WEEKLY'));
    expect(lines(withoutOccurrence(utc, 'utc/2026-10-20T07:00:00.000Z', NOW, ZONE)!)).toContain('EXDATE:20261020T070000Z');
    const allDay = ics(vevent('UID:cleaning', 'DTSTART;VALUE=DATE:20261013', 'RRULE:FREQ=WEEKLY'));
    const changed = withoutOccurrence(allDay, 'cleaning/2026-10-20', NOW, ZONE)!;
    expect(lines(changed)).toContain('EXDATE;VALUE=DATE:20261020');
    expect(shown(changed).occurrences.map((o) => o.start)).toEqual(['2026-10-13', '2026-10-27', '2026-11-03']);
  });

  it('is null for a one-off (the resource goes), and leaves the other events of a text with several', () => {
    const oneOff = vevent('UID:review', 'DTSTART:20261027T100000Z', 'DURATION:PT1H');
    expect(withoutOccurrence(ics(oneOff), 'review', NOW, ZONE)).toBeNull();
    const rest = withoutOccurrence(ics(oneOff, vevent('UID:lunch', 'DTSTART:20261027T110000Z', 'DURATION:PT1H')), 'review', NOW, ZONE)!;
    expect(shown(rest).occurrences.map((o) => o.key)).toEqual(['lunch']);
  });

  it('is undefined for a key the text does not hold, or an occurrence already taken out', () => {
    expect(withoutOccurrence(SERIES, 'standup/2026-10-21T07:00:00.000Z', NOW, ZONE)).toBeUndefined();
    const removed = withoutOccurrence(SERIES, KEYS[1]!, NOW, ZONE)!;
    expect(withoutOccurrence(removed, KEYS[1]!, NOW, ZONE)).toBeUndefined();
  });
});
