import { describe, expect, it } from 'vitest';
import { bookingCalendar, keyFromUid, uidForKey } from './booking-ics.ts';
import { expandCalendar } from './expand-calendar.ts';

const NOW = Date.parse('2026-10-20T08:59:12.345Z');
const MEETING = { subject: 'Walk-up', start: '2026-10-20T09:00:00.000Z', end: '2026-10-20T09:30:00.000Z' };

describe('the UID of a booking', () => {
  it('is its key at lintel, and gives the key back', () => {
    expect(uidForKey('walk-up-42')).toBe('walk-up-42@lintel');
    expect(keyFromUid(uidForKey('walk-up-42'))).toBe('walk-up-42');
  });

  it('gives no key for a UID the bridge did not make', () => {
    expect(keyFromUid('040000008200E00074C5B7101A82E008@outlook.com')).toBeUndefined();
    expect(keyFromUid('@lintel')).toBeUndefined();
  });
});

describe('the calendar resource of a booking', () => {
  it('is one VEVENT with its times in UTC, every line ending in CRLF', () => {
    expect(bookingCalendar('walk-up-42', MEETING, NOW)).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Lintel//Room display//EN',
        'BEGIN:VEVENT',
        'UID:walk-up-42@lintel',
        'DTSTAMP:20261020T085912Z',
        'DTSTART:20261020T090000Z',
        'DTEND:20261020T093000Z',
        'SUMMARY:Walk-up',
        'TRANSP:OPAQUE',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('escapes its subject and folds long lines at 75 octets, and reads back as the booking', () => {
    const subject = 'Überleg; mal, \\ «Réunion» '.repeat(6).trim();
    const text = bookingCalendar('walk-up-43', { ...MEETING, subject }, NOW);
    expect(text).toContain('SUMMARY:Überleg\\; mal\\, \\\\ «Réunion»');
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.filter((line) => line.includes('\n') || line.includes('\r'))).toEqual([]);
    expect(lines.filter((line) => new TextEncoder().encode(line).length > 75)).toEqual([]);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(1);
    const window = { start: Date.parse('2026-10-20T00:00:00Z'), end: Date.parse('2026-10-21T00:00:00Z') };
    expect(expandCalendar([{ href: '/room/walk-up-43.ics', body: text }], window, 'Europe/Amsterdam')).toEqual({
      occurrences: [
        {
          key: 'walk-up-43@lintel',
          ref: '/room/walk-up-43.ics',
          allDay: false,
          start: MEETING.start,
          end: MEETING.end,
          subject,
          organizer: null,
          isPrivate: false,
          createdFor: 'walk-up-43',
        },
      ],
      skipped: 0,
    });
  });
});
