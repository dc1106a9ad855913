import { describe, expect, it } from 'vitest';
import { timed } from '../test/support/meetings.ts';
import { laterOptions, laterSlots } from './book-later-rules.ts';
import { RoomSettings, type Meeting, type WalkUpAction } from './model.ts';
import { bookingOptions, planWalkUpAction } from './walk-up-rules.ts';

const id = '7d9f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f';
const roomWith = (settings: Partial<RoomSettings> = {}) => ({ id: 'room', timeZone: 'Europe/Amsterdam', settings: RoomSettings.parse(settings) });
const at = (iso: string) => Date.parse(iso);
const NOW = '2026-11-23T13:05:42+01:00';

/** 14:30–15:00 and 16:00–17:00 taken, in Amsterdam. */
const day = [
  timed('2026-11-23T14:30:00+01:00', '2026-11-23T15:00:00+01:00', { id: 'call' }),
  timed('2026-11-23T16:00:00+01:00', '2026-11-23T17:00:00+01:00', { id: 'review' }),
];

function plan(action: Omit<Extract<WalkUpAction, { type: 'book' }>, 'id' | 'type'>, meetings: readonly Meeting[] = day, room = roomWith(), now = NOW) {
  return planWalkUpAction({ id, type: 'book', ...action }, { meetings, now: at(now), room, bookingSubject: 'Walk-up booking' });
}

describe('book later', () => {
  it('books a free later slot, to the minute, not checked in until its own window', () => {
    expect(plan({ start: '2026-11-23T15:00:30+01:00', minutes: 45 })).toEqual({
      ok: true,
      data: {
        kind: 'create',
        meeting: {
          id: `walk-up-${id}`,
          roomId: 'room',
          subject: 'Walk-up booking',
          organizer: null,
          isPrivate: false,
          checkedInAt: null,
          origin: 'walk-up',
          allDay: false,
          start: '2026-11-23T14:00:00.000Z',
          end: '2026-11-23T14:45:00.000Z',
        },
      },
    });
  });

  it('checks in a slot that starts in the current minute, as book now does', () => {
    const result = plan({ start: '2026-11-23T13:05:00+01:00', minutes: 30 });
    expect(result.ok && result.data.kind === 'create' && result.data.meeting.checkedInAt).toBe('2026-11-23T12:05:42.000Z');
  });

  it('refuses a slot that overlaps a meeting, naming it', () => {
    expect(plan({ start: '2026-11-23T15:30:00+01:00', minutes: 45 })).toEqual({ ok: false, code: 'slot-taken', message: 'The room is booked from 16:00 to 17:00.' });
    expect(plan({ start: '2026-11-23T14:45:00+01:00', minutes: 15 })).toMatchObject({ ok: false, code: 'slot-taken' });
  });

  it('refuses a start that has passed, a slot longer than the room allows, and one too short to be worth it', () => {
    expect(plan({ start: '2026-11-23T13:04:00+01:00', minutes: 15 })).toMatchObject({ ok: false, code: 'in-the-past' });
    expect(plan({ start: '2026-11-23T17:00:00+01:00', minutes: 75 })).toEqual({ ok: false, code: 'too-long', message: 'This room is booked for at most 60 min at a time.' });
    expect(plan({ start: '2026-11-23T17:00:00+01:00', minutes: 90 }, day, roomWith({ maxBookingMinutes: 120 })).ok).toBe(true);
    expect(plan({ start: '2026-11-23T17:00:00+01:00', minutes: 4 })).toMatchObject({ ok: false, code: 'too-short' });
  });

  it("books today only by default; bookAheadDays reaches the end of that later local day", () => {
    expect(plan({ start: '2026-11-23T23:30:00+01:00', minutes: 30 }).ok).toBe(true);
    expect(plan({ start: '2026-11-23T23:45:00+01:00', minutes: 30 })).toEqual({ ok: false, code: 'too-far-ahead', message: 'This room is booked from its display for today only.' });
    const twoDays = roomWith({ bookAheadDays: 2 });
    expect(plan({ start: '2026-11-25T23:00:00+01:00', minutes: 60 }, day, twoDays).ok).toBe(true);
    expect(plan({ start: '2026-11-26T08:00:00+01:00', minutes: 30 }, day, twoDays)).toMatchObject({ ok: false, code: 'too-far-ahead', message: 'This room is booked from its display at most 2 days ahead.' });
  });

  it('steps days by the calendar across a change of clocks (a 25-hour day)', () => {
    // 2026-10-25 in Amsterdam has 25 hours: its end is 23:00 UTC, not 22:00.
    const night = '2026-10-25T00:30:00+02:00';
    expect(plan({ start: '2026-10-25T23:30:00+01:00', minutes: 30 }, [], roomWith(), night).ok).toBe(true);
    expect(plan({ start: '2026-10-26T00:00:00+01:00', minutes: 15 }, [], roomWith(), night)).toMatchObject({ ok: false, code: 'too-far-ahead' });
  });
});

describe('what the display offers for later', () => {
  it("lists today's free stretches after the current one, long enough to book", () => {
    const slots = laterSlots(day, at(NOW), roomWith());
    expect(slots.map(({ start, end }) => [new Date(start).toISOString(), new Date(end).toISOString()])).toEqual([
      ['2026-11-23T14:00:00.000Z', '2026-11-23T15:00:00.000Z'],
      ['2026-11-23T16:00:00.000Z', '2026-11-23T23:00:00.000Z'],
    ]);
    expect(laterSlots([timed('2026-11-23T13:00:00+01:00', '2026-11-24T00:00:00+01:00', { id: 'all-day-ish' })], at(NOW), roomWith())).toEqual([]);
  });

  it('changes with the minute, never within one: a display works them out once a minute', () => {
    // Each second of the minute before a meeting ends, of the minute it ends, and of the last minute of the day.
    for (const minute of ['2026-11-23T14:29:00+01:00', '2026-11-23T15:00:00+01:00', '2026-11-23T23:59:00+01:00']) {
      const start = at(minute);
      const atMinute = laterSlots(day, start, roomWith());
      for (let second = 1; second < 60; second++) expect(laterSlots(day, start + second * 1000 + 500, roomWith())).toEqual(atMinute);
    }
    expect(laterSlots(day, at('2026-11-23T14:59:00+01:00'), roomWith())).not.toEqual(laterSlots(day, at('2026-11-23T15:00:00+01:00'), roomWith()));
  });

  it('offers the lengths that fit before the next meeting, within the room’s limit, or until the next meeting', () => {
    const room = roomWith();
    expect(laterOptions(day, at(NOW), room, at('2026-11-23T15:00:00+01:00'))).toEqual({ minutes: [15, 30, 45, 60], untilNext: null });
    expect(laterOptions(day, at(NOW), room, at('2026-11-23T15:20:00+01:00'))).toEqual({ minutes: [15, 30], untilNext: at('2026-11-23T16:00:00+01:00') });
    expect(laterOptions(day, at(NOW), roomWith({ maxBookingMinutes: 30 }), at('2026-11-23T17:00:00+01:00'))).toEqual({ minutes: [15, 30], untilNext: null });
    expect(laterOptions(day, at(NOW), room, at('2026-11-23T14:40:00+01:00')), 'inside a meeting').toEqual({ minutes: [], untilNext: null });
    expect(laterOptions(day, at(NOW), room, at('2026-11-23T12:00:00+01:00')), 'in the past').toEqual({ minutes: [], untilNext: null });
    expect(laterOptions(day, at(NOW), room, at('2026-11-23T23:40:00+01:00')), 'near the end of the day').toEqual({ minutes: [15], untilNext: null });
  });

  it('every length it offers, the rules accept', () => {
    const room = roomWith({ maxBookingMinutes: 45 });
    for (const start of ['2026-11-23T13:30:00+01:00', '2026-11-23T15:20:00+01:00', '2026-11-23T17:00:00+01:00', '2026-11-23T23:20:00+01:00']) {
      const options = laterOptions(day, at(NOW), room, at(start));
      for (const minutes of options.minutes) expect(plan({ start, minutes }, day, room).ok, `${minutes} min at ${start}`).toBe(true);
      if (options.untilNext !== null) expect(plan({ start, minutes: (options.untilNext - at(start)) / 60_000 }, day, room).ok).toBe(true);
    }
  });
});

describe('book now within the room’s limit', () => {
  it('refuses and does not offer lengths longer than maxBookingMinutes, and caps "until the next meeting"', () => {
    const room = roomWith({ maxBookingMinutes: 30 });
    expect(bookingOptions([], at(NOW), room)).toEqual({ minutes: [15, 30], untilNext: null });
    const bookNow = (minutes?: 15 | 30 | 45 | 60) => planWalkUpAction({ id, type: 'book-now', ...(minutes ? { minutes } : {}) }, { meetings: [], now: at(NOW), room, bookingSubject: 'Walk-up booking' });
    expect(bookNow(45)).toEqual({ ok: false, code: 'too-long', message: 'This room is booked for at most 30 min at a time.' });
    const untilNext = bookNow();
    expect(untilNext.ok && untilNext.data.kind === 'create' && untilNext.data.meeting.end).toBe('2026-11-23T12:35:00.000Z');
  });
});
