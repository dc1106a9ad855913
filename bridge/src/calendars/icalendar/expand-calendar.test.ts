import { describe, expect, it } from 'vitest';
import { expandCalendar } from './expand-calendar.ts';
import { AMSTERDAM, between, ics, vevent } from '../../../../test/support/icalendar-text.ts';

/** The room's days from Monday 19 October 2026 to Tuesday 3 November 2026 (Amsterdam), across the end of summer time on Sunday 25 October. */
const AUTUMN = between('2026-10-18T22:00:00Z', '2026-11-03T23:00:00Z');

const WEEKLY_STANDUP = [
  'UID:standup',
  'DTSTART;TZID=Europe/Amsterdam:20261013T090000',
  'DTEND;TZID=Europe/Amsterdam:20261013T093000',
  'RRULE:FREQ=WEEKLY',
  'SUMMARY:Standup',
];

function expand(bodies: string[], window: { start: number; end: number }, timeZone = 'Europe/Amsterdam') {
  return expandCalendar(
    bodies.map((body, index) => ({ href: `/cal/${index}.ics`, body })),
    window,
    timeZone,
  );
}

/** What a display lists: when, and under which key. */
function times(bodies: string[], window: { start: number; end: number }, timeZone = 'Europe/Amsterdam') {
  return expand(bodies, window, timeZone).occurrences.map(({ key, start, end }) => ({ key, start, end }));
}

describe('a weekly meeting across the end of summer time', () => {
  const expected = [
    { key: 'standup/2026-10-20T07:00:00.000Z', start: '2026-10-20T07:00:00.000Z', end: '2026-10-20T07:30:00.000Z' },
    { key: 'standup/2026-10-27T08:00:00.000Z', start: '2026-10-27T08:00:00.000Z', end: '2026-10-27T08:30:00.000Z' },
    { key: 'standup/2026-11-03T08:00:00.000Z', start: '2026-11-03T08:00:00.000Z', end: '2026-11-03T08:30:00.000Z' },
  ];

  it('stays at 09:00 in Amsterdam by the object’s VTIMEZONE: one hour later in UTC after 25 October', () => {
    expect(times([ics(AMSTERDAM, vevent(...WEEKLY_STANDUP))], AUTUMN)).toEqual(expected);
  });

  it('does the same with only an IANA TZID, as feeds write it, or a Windows zone name', () => {
    expect(times([ics(vevent(...WEEKLY_STANDUP))], AUTUMN)).toEqual(expected);
    const windows = WEEKLY_STANDUP.map((line) => line.replace('Europe/Amsterdam', 'W. Europe Standard Time'));
    expect(times([ics(vevent(...windows))], AUTUMN)).toEqual(expected);
  });

  it('reads a TZID by its VTIMEZONE, whatever its name, even in a room elsewhere', () => {
    const custom = ics(AMSTERDAM.replace('TZID:Europe/Amsterdam', 'TZID:Office time'), vevent(...WEEKLY_STANDUP.map((line) => line.replace('Europe/Amsterdam', 'Office time'))));
    expect(times([custom], AUTUMN, 'America/New_York')).toEqual(expected);
  });

  it('gives each occurrence the series’ details, its UID as series id and its original start in its key', () => {
    const body = ics(AMSTERDAM, vevent(...WEEKLY_STANDUP, 'ORGANIZER;CN=Ann de Vries:mailto:ann@example.com', 'CLASS:PRIVATE'));
    expect(expand([body], between('2026-10-19T22:00:00Z', '2026-10-20T22:00:00Z')).occurrences).toEqual([
      {
        key: 'standup/2026-10-20T07:00:00.000Z',
        ref: '/cal/0.ics',
        start: '2026-10-20T07:00:00.000Z',
        end: '2026-10-20T07:30:00.000Z',
        allDay: false,
        subject: 'Standup',
        organizer: 'Ann de Vries',
        isPrivate: true,
        seriesId: 'standup',
      },
    ]);
  });
});

describe('the occurrences of a series', () => {
  it('leaves out every EXDATE, on several lines and in lists, in any form', () => {
    const body = ics(
      AMSTERDAM,
      vevent(...WEEKLY_STANDUP, 'EXDATE;TZID=Europe/Amsterdam:20261020T090000', 'EXDATE:20261027T080000Z,20261110T080000Z'),
    );
    expect(times([body], between('2026-10-18T22:00:00Z', '2026-11-17T23:00:00Z')).map((o) => o.start)).toEqual([
      '2026-11-03T08:00:00.000Z',
      '2026-11-17T08:00:00.000Z',
    ]);
  });

  it('shows an override where it moved: into the window from outside it, and not where it was', () => {
    const week = between('2026-10-25T23:00:00Z', '2026-11-01T23:00:00Z');
    const body = ics(
      AMSTERDAM,
      vevent(...WEEKLY_STANDUP),
      // 3 November moved back to Friday 30 October, 14:00.
      vevent('UID:standup', 'RECURRENCE-ID;TZID=Europe/Amsterdam:20261103T090000', 'DTSTART;TZID=Europe/Amsterdam:20261030T140000', 'DTEND;TZID=Europe/Amsterdam:20261030T150000', 'SUMMARY:Standup (moved)'),
      // 27 October moved out of the week, to 4 November.
      vevent('UID:standup', 'RECURRENCE-ID;TZID=Europe/Amsterdam:20261027T090000', 'DTSTART;TZID=Europe/Amsterdam:20261104T090000', 'DTEND;TZID=Europe/Amsterdam:20261104T093000', 'SUMMARY:Standup'),
    );
    const shown = expand([body], week).occurrences;
    expect(shown.map(({ key, start, end, subject }) => ({ key, start, end, subject }))).toEqual([
      { key: 'standup/2026-11-03T08:00:00.000Z', start: '2026-10-30T13:00:00.000Z', end: '2026-10-30T14:00:00.000Z', subject: 'Standup (moved)' },
    ]);
  });

  it('leaves out an occurrence whose override is cancelled, and the whole series when the series is', () => {
    const override = vevent('UID:standup', 'RECURRENCE-ID:20261027T080000Z', 'DTSTART:20261027T080000Z', 'DTEND:20261027T083000Z', 'STATUS:CANCELLED');
    expect(times([ics(AMSTERDAM, vevent(...WEEKLY_STANDUP), override)], AUTUMN).map((o) => o.start)).toEqual([
      '2026-10-20T07:00:00.000Z',
      '2026-11-03T08:00:00.000Z',
    ]);
    expect(times([ics(AMSTERDAM, vevent(...WEEKLY_STANDUP, 'STATUS:CANCELLED'), override)], AUTUMN)).toEqual([]);
  });

  it('stops at COUNT, and at an inclusive UNTIL in UTC', () => {
    const daily = (end: string) => ics(vevent('UID:daily', 'DTSTART;TZID=Europe/Amsterdam:20261019T090000', 'DURATION:PT1H', `RRULE:FREQ=DAILY;${end}`));
    const days = (end: string) => times([daily(end)], AUTUMN).map((o) => o.start.slice(0, 10));
    expect(days('COUNT=3')).toEqual(['2026-10-19', '2026-10-20', '2026-10-21']);
    // 09:00 in Amsterdam on 21 October is 07:00 UTC: the last occurrence.
    expect(days('UNTIL=20261021T070000Z')).toEqual(['2026-10-19', '2026-10-20', '2026-10-21']);
  });

  it('follows BYDAY and INTERVAL, and adds RDATEs (a PERIOD with its own length)', () => {
    const body = ics(
      vevent(
        'UID:fortnightly',
        'DTSTART;TZID=Europe/Amsterdam:20261019T100000',
        'DTEND;TZID=Europe/Amsterdam:20261019T110000',
        'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
        'RDATE;VALUE=PERIOD:20261028T150000Z/PT2H',
        'RDATE;TZID=Europe/Amsterdam:20261031T100000',
      ),
    );
    expect(times([body], AUTUMN).map(({ start, end }) => `${start} ${end}`)).toEqual([
      '2026-10-19T08:00:00.000Z 2026-10-19T09:00:00.000Z',
      '2026-10-22T08:00:00.000Z 2026-10-22T09:00:00.000Z',
      '2026-10-28T15:00:00.000Z 2026-10-28T17:00:00.000Z',
      '2026-10-31T09:00:00.000Z 2026-10-31T10:00:00.000Z',
      '2026-11-02T09:00:00.000Z 2026-11-02T10:00:00.000Z',
    ]);
  });

  it('moves later occurrences with a THISANDFUTURE override: two hours later, its length and details', () => {
    const body = ics(
      AMSTERDAM,
      vevent(...WEEKLY_STANDUP),
      vevent(
        'UID:standup',
        'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Amsterdam:20261020T090000',
        'DTSTART;TZID=Europe/Amsterdam:20261020T110000',
        'DTEND;TZID=Europe/Amsterdam:20261020T120000',
        'SUMMARY:Late standup',
      ),
    );
    expect(expand([body], between('2026-10-12T22:00:00Z', '2026-10-28T23:00:00Z')).occurrences.map(({ key, start, end, subject }) => ({ key, start, end, subject }))).toEqual([
      { key: 'standup/2026-10-13T07:00:00.000Z', start: '2026-10-13T07:00:00.000Z', end: '2026-10-13T07:30:00.000Z', subject: 'Standup' },
      { key: 'standup/2026-10-20T07:00:00.000Z', start: '2026-10-20T09:00:00.000Z', end: '2026-10-20T10:00:00.000Z', subject: 'Late standup' },
      // 11:00 in Amsterdam, in winter time.
      { key: 'standup/2026-10-27T08:00:00.000Z', start: '2026-10-27T10:00:00.000Z', end: '2026-10-27T11:00:00.000Z', subject: 'Late standup' },
    ]);
  });

  it('shows the overrides an attendee’s copy holds without their series', () => {
    const body = ics(vevent('UID:board', 'RECURRENCE-ID:20261021T120000Z', 'DTSTART:20261021T130000Z', 'DTEND:20261021T140000Z', 'SUMMARY:Board'));
    expect(expand([body], AUTUMN).occurrences).toMatchObject([{ key: 'board/2026-10-21T12:00:00.000Z', start: '2026-10-21T13:00:00.000Z', seriesId: 'board' }]);
  });

  it('shows every day of a rule with no end in a 9-day window', () => {
    const body = ics(vevent('UID:coffee', 'DTSTART:20260101T150000Z', 'DTEND:20260101T151500Z', 'RRULE:FREQ=DAILY'));
    const shown = times([body], between('2026-10-19T00:00:00Z', '2026-10-28T00:00:00Z'));
    expect(shown.map((o) => o.start)).toEqual(['19', '20', '21', '22', '23', '24', '25', '26', '27'].map((day) => `2026-10-${day}T15:00:00.000Z`));
  });

  it('reaches today of a daily rule from 2000, or a four-hourly one, without walking every occurrence since', () => {
    const today = between('2026-10-20T00:00:00Z', '2026-10-21T00:00:00Z');
    const daily = ics(AMSTERDAM, vevent('UID:daily', 'DTSTART;TZID=Europe/Amsterdam:20000101T090000', 'DURATION:PT15M', 'RRULE:FREQ=DAILY'));
    // Walking would take 58,734 steps to reach today: more than expansion allows (it would be cut short, and counted).
    const fourHourly = ics(vevent('UID:four', 'DTSTART:20000101T000000Z', 'DURATION:PT10M', 'RRULE:FREQ=HOURLY;INTERVAL=4'));
    const started = performance.now();
    const shown = expand([daily, fourHourly], today);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(shown.skipped).toBe(0);
    expect(shown.occurrences.filter((o) => o.seriesId === 'daily').map((o) => o.start)).toEqual(['2026-10-20T07:00:00.000Z']);
    // 9,789 days since 1 January 2000: a multiple of 4 hours, so today's start at midnight.
    expect(shown.occurrences.filter((o) => o.seriesId === 'four').map((o) => o.start.slice(11, 16))).toEqual(['00:00', '04:00', '08:00', '12:00', '16:00', '20:00']);
  });

  it('ends at once with a rule no day satisfies (30 February)', () => {
    const body = ics(vevent('UID:never', 'DTSTART:20261001T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'));
    expect(times([body], AUTUMN)).toEqual([]);
  });

  it('keys an all-day series by date', () => {
    const body = ics(vevent('UID:cleaning', 'DTSTART;VALUE=DATE:20261020', 'RRULE:FREQ=WEEKLY;COUNT=2'));
    expect(times([body], AUTUMN)).toEqual([
      { key: 'cleaning/2026-10-20', start: '2026-10-20', end: '2026-10-21' },
      { key: 'cleaning/2026-10-27', start: '2026-10-27', end: '2026-10-28' },
    ]);
  });
});

describe('an event’s times', () => {
  it('shows an all-day multi-day event by the room’s days, end exclusive', () => {
    const body = ics(vevent('UID:offsite', 'DTSTART;VALUE=DATE:20261102', 'DTEND;VALUE=DATE:20261105', 'SUMMARY:Offsite'));
    const newYork = (start: string, end: string) => expand([body], between(start, end), 'America/New_York').occurrences;
    expect(newYork('2026-11-04T05:00:00Z', '2026-11-05T05:00:00Z')).toMatchObject([{ key: 'offsite', allDay: true, start: '2026-11-02', end: '2026-11-05' }]);
    // The room's 5 November, and its 1 November (which ends at 05:00 UTC on the 2nd): the event is on neither.
    expect(newYork('2026-11-05T05:00:00Z', '2026-11-06T05:00:00Z')).toEqual([]);
    expect(newYork('2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z')).toEqual([]);
  });

  it('reads a floating time in the room’s zone', () => {
    const body = ics(vevent('UID:floating', 'DTSTART:20261020T090000', 'DTEND:20261020T100000'));
    const on20th = between('2026-10-19T00:00:00Z', '2026-10-22T00:00:00Z');
    expect(times([body], on20th, 'America/New_York')).toEqual([{ key: 'floating', start: '2026-10-20T13:00:00.000Z', end: '2026-10-20T14:00:00.000Z' }]);
    expect(times([body], on20th, 'Europe/Amsterdam')).toEqual([{ key: 'floating', start: '2026-10-20T07:00:00.000Z', end: '2026-10-20T08:00:00.000Z' }]);
  });

  it('reads a TZID nobody defines in the room’s zone', () => {
    const body = ics(vevent('UID:mars', 'DTSTART;TZID=Mars/Olympus:20261020T090000', 'DTEND;TZID=Mars/Olympus:20261020T100000'));
    expect(times([body], AUTUMN)).toEqual([{ key: 'mars', start: '2026-10-20T07:00:00.000Z', end: '2026-10-20T08:00:00.000Z' }]);
  });

  it('counts a DURATION’s days on the wall clock: a day across the change is 25 hours', () => {
    const body = ics(
      AMSTERDAM,
      vevent('UID:day', 'DTSTART;TZID=Europe/Amsterdam:20261024T090000', 'DURATION:P1D'),
      vevent('UID:hours', 'DTSTART:20261020T120000Z', 'DURATION:PT1H30M'),
    );
    expect(times([body], AUTUMN)).toEqual([
      { key: 'hours', start: '2026-10-20T12:00:00.000Z', end: '2026-10-20T13:30:00.000Z' },
      { key: 'day', start: '2026-10-24T07:00:00.000Z', end: '2026-10-25T08:00:00.000Z' },
    ]);
  });

  it('gives a date without an end one day, and leaves out (and counts) a date-time without one', () => {
    const body = ics(vevent('UID:holiday', 'DTSTART;VALUE=DATE:20261026'), vevent('UID:instant', 'DTSTART:20261026T100000Z'));
    const shown = expand([body], AUTUMN);
    expect(shown.occurrences.map(({ key, start, end }) => ({ key, start, end }))).toEqual([{ key: 'holiday', start: '2026-10-26', end: '2026-10-27' }]);
    expect(shown.skipped).toBe(1);
  });
});

describe('an event’s details', () => {
  it('marks PRIVATE and CONFIDENTIAL events private, and names the organizer by CN or address', () => {
    const body = ics(
      vevent('UID:a', 'DTSTART:20261020T090000Z', 'DURATION:PT1H', 'CLASS:PRIVATE', 'ORGANIZER:mailto:bob@example.com', 'SUMMARY:Review'),
      vevent('UID:b', 'DTSTART:20261020T110000Z', 'DURATION:PT1H', 'CLASS:CONFIDENTIAL', 'ORGANIZER;CN="Smith, Ann":MAILTO:ann@example.com'),
      vevent('UID:c', 'DTSTART:20261020T130000Z', 'DURATION:PT1H', 'CLASS:PUBLIC'),
    );
    expect(expand([body], AUTUMN).occurrences.map(({ key, subject, organizer, isPrivate }) => ({ key, subject, organizer, isPrivate }))).toEqual([
      { key: 'a', subject: 'Review', organizer: 'bob@example.com', isPrivate: true },
      { key: 'b', subject: '', organizer: 'Smith, Ann', isPrivate: true },
      { key: 'c', subject: '', organizer: null, isPrivate: false },
    ]);
  });

  it('leaves out cancelled events', () => {
    const body = ics(vevent('UID:gone', 'DTSTART:20261020T090000Z', 'DURATION:PT1H', 'STATUS:CANCELLED'));
    expect(times([body], AUTUMN)).toEqual([]);
  });

  it('knows the bookings the bridge made by their UID', () => {
    const body = ics(vevent('UID:walk-up-42@lintel', 'DTSTART:20261020T090000Z', 'DTEND:20261020T093000Z', 'SUMMARY:Walk-up'));
    expect(expand([body], AUTUMN).occurrences).toMatchObject([{ key: 'walk-up-42@lintel', createdFor: 'walk-up-42' }]);
    expect(expand([ics(vevent(...WEEKLY_STANDUP))], AUTUMN).occurrences[0]).not.toHaveProperty('createdFor');
  });
});

describe('what cannot be read', () => {
  const good = ics(vevent('UID:good', 'DTSTART:20261020T090000Z', 'DURATION:PT1H'));

  it('skips an object that is no iCalendar and still reads the others', () => {
    const shown = expand(['this is not a calendar', good, 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n', ''], AUTUMN);
    expect(shown.occurrences.map((o) => o.key)).toEqual(['good']);
    expect(shown.skipped).toBe(3);
  });

  it('skips an event of a feed with unreadable values, or without UID or DTSTART, and reads the rest', () => {
    const feed = ics(
      vevent('UID:bad-date', 'DTSTART:2026-10-20', 'DURATION:PT1H'),
      vevent('DTSTART:20261020T100000Z', 'DURATION:PT1H'),
      vevent('UID:no-start', 'DURATION:PT1H'),
      vevent('UID:fine', 'DTSTART:20261021T090000Z', 'DURATION:PT1H'),
    );
    const shown = expand([feed], AUTUMN);
    expect(shown.occurrences.map((o) => o.key)).toEqual(['fine']);
    expect(shown.skipped).toBe(3);
  });

  it('reads a feed with a byte order mark and bare LF line ends', () => {
    const feed = `\uFEFF${ics(vevent('UID:lf', 'DTSTART:20261020T090000Z', 'DURATION:PT1H', 'SUMMARY:Long', ' er')).replace(/\r\n/g, '\n')}`;
    expect(expand([feed], AUTUMN).occurrences).toMatchObject([{ key: 'lf', subject: 'Longer' }]);
  });

  it('shows an event two objects hold once', () => {
    const shown = expand([good, good], AUTUMN);
    expect(shown.occurrences).toHaveLength(1);
    expect(shown.skipped).toBe(1);
  });
});
