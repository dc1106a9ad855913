import { describe, expect, it } from 'vitest';
import { RoomSettings, type Meeting, type Privacy, type WalkUpAction } from './model.ts';
import { allDay, timed } from '../test/support/meetings.ts';
import { bookingOptions, checkInCandidate, dueNoShows, extendOptions, extendUntilNext, nextNoShowDeadline, planWalkUpAction, type WalkUpContext } from './walk-up-rules.ts';

const id = '7d9f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f';
const room = { id: 'room', timeZone: 'Europe/Amsterdam', settings: RoomSettings.parse({}) };
const at = (iso: string) => Date.parse(iso);

function plan(action: WalkUpAction, now: string, meetings: WalkUpContext['meetings']) {
  return planWalkUpAction(action, { meetings, now: at(now), room, bookingSubject: 'Walk-up booking' });
}

const nextAt1430 = [timed('2026-11-23T14:30:00+01:00', '2026-11-23T15:00:00+01:00', { id: 'call' })];

describe('book now', () => {
  it('books from the current minute for the chosen length', () => {
    const result = plan({ id, type: 'book-now', minutes: 30 }, '2026-11-23T13:05:42+01:00', nextAt1430);
    expect(result).toMatchObject({
      ok: true,
      data: { kind: 'create', meeting: { id: `walk-up-${id}`, subject: 'Walk-up booking', start: '2026-11-23T12:05:00.000Z', end: '2026-11-23T12:35:00.000Z', origin: 'walk-up' } },
    });
  });

  it("takes the booker's name, where one is given, into the subject", () => {
    const result = plan({ id, type: 'book-now', minutes: 30, name: 'Ana' }, '2026-11-23T13:05:42+01:00', nextAt1430);
    expect(result).toMatchObject({ ok: true, data: { meeting: { subject: 'Walk-up booking: Ana' } } });
    const later = plan({ id, type: 'book', start: '2026-11-23T15:00:00+01:00', minutes: 30, name: 'Ana' }, '2026-11-23T13:05:42+01:00', nextAt1430);
    expect(later).toMatchObject({ ok: true, data: { meeting: { subject: 'Walk-up booking: Ana' } } });
  });

  it('refuses a length that runs into the next meeting, saying how much is free', () => {
    const result = plan({ id, type: 'book-now', minutes: 45 }, '2026-11-23T13:50:00+01:00', nextAt1430);
    expect(result).toEqual({ ok: false, code: 'slot-taken', message: '45 min would run into the meeting at 14:30; 40 min are free.' });
  });

  it('books exactly up to the next meeting', () => {
    expect(plan({ id, type: 'book-now', minutes: 15 }, '2026-11-23T14:15:00+01:00', nextAt1430).ok).toBe(true);
  });

  it('books until the next meeting when no length is given, at most an hour', () => {
    const soon = plan({ id, type: 'book-now' }, '2026-11-23T14:10:00+01:00', nextAt1430);
    expect(soon).toMatchObject({ ok: true, data: { meeting: { end: '2026-11-23T13:30:00.000Z' } } });
    const later = plan({ id, type: 'book-now' }, '2026-11-23T11:00:00+01:00', nextAt1430);
    expect(later).toMatchObject({ ok: true, data: { meeting: { end: '2026-11-23T11:00:00.000Z' } } });
  });

  it('refuses a booking of less than 5 min', () => {
    expect(plan({ id, type: 'book-now' }, '2026-11-23T14:26:00+01:00', nextAt1430)).toMatchObject({ ok: false, code: 'too-short' });
  });

  it('refuses while a meeting is in progress', () => {
    expect(plan({ id, type: 'book-now', minutes: 15 }, '2026-11-23T14:40:00+01:00', nextAt1430)).toMatchObject({
      ok: false,
      code: 'room-busy',
      message: 'The room is in use until 15:00.',
    });
  });
});

describe('extend', () => {
  const meetings = [
    timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'current' }),
    ...nextAt1430,
  ];

  it('extends the current meeting when the room is free after it', () => {
    expect(plan({ id, type: 'extend', minutes: 30 }, '2026-11-23T13:50:00+01:00', meetings)).toEqual({
      ok: true,
      data: { kind: 'update', meetingId: 'current', end: '2026-11-23T13:30:00.000Z' },
    });
  });

  it('extends until the next meeting when no length is given, at most 30 min, and not by less than 5 min', () => {
    const soon = (start: string) => [meetings[0]!, timed(start, '2026-11-23T15:00:00+01:00', { id: 'next' })];
    expect(plan({ id, type: 'extend' }, '2026-11-23T13:50:00+01:00', soon('2026-11-23T14:10:00+01:00'))).toEqual({ ok: true, data: { kind: 'update', meetingId: 'current', end: '2026-11-23T13:10:00.000Z' } });
    expect(plan({ id, type: 'extend' }, '2026-11-23T13:50:00+01:00', meetings.slice(0, 1))).toEqual({ ok: true, data: { kind: 'update', meetingId: 'current', end: '2026-11-23T13:30:00.000Z' } });
    expect(plan({ id, type: 'extend' }, '2026-11-23T13:50:00+01:00', soon('2026-11-23T14:04:00+01:00'))).toMatchObject({
      ok: false,
      code: 'extend-conflict',
      message: 'The room is booked from 14:04: less than 5 min are free after this meeting.',
    });
  });

  it('refuses an extension into the next meeting', () => {
    const result = plan({ id, type: 'extend', minutes: 30 }, '2026-11-23T13:50:00+01:00', [
      meetings[0]!,
      timed('2026-11-23T14:15:00+01:00', '2026-11-23T15:00:00+01:00'),
    ]);
    expect(result).toMatchObject({ ok: false, code: 'extend-conflict' });
  });

  it('refuses without a meeting in progress, and when the meeting shown has changed', () => {
    expect(plan({ id, type: 'extend', minutes: 15 }, '2026-11-23T12:00:00+01:00', meetings)).toMatchObject({ code: 'no-current-meeting' });
    expect(plan({ id, type: 'extend', minutes: 15, meetingId: 'gone' }, '2026-11-23T13:10:00+01:00', meetings)).toMatchObject({ code: 'meeting-changed' });
  });

  it('refuses to extend a meeting someone else organized, and offers no extension for it; ending it stays possible', () => {
    const theirs = [timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'theirs', organizer: 'Ada Lovelace', organizedElsewhere: true })];
    expect(plan({ id, type: 'extend', minutes: 15 }, '2026-11-23T13:50:00+01:00', theirs)).toEqual({
      ok: false,
      code: 'organized-elsewhere',
      message: 'This meeting was booked by Ada Lovelace in their own calendar: only its organizer can extend it.',
    });
    expect(extendOptions(theirs, at('2026-11-23T13:50:00+01:00'), room)).toEqual([]);
    expect(extendOptions(meetings, at('2026-11-23T13:50:00+01:00'), room)).toEqual([15, 30]);
    expect(plan({ id, type: 'end-now' }, '2026-11-23T13:20:00+01:00', theirs)).toMatchObject({ ok: true, data: { kind: 'update', meetingId: 'theirs' } });
  });

  it('names the organizer in that refusal only where the room shows it', () => {
    const theirs = timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'theirs', organizer: 'Ada Lovelace', organizedElsewhere: true });
    const refusal = (meeting: Meeting, privacy: Privacy) =>
      planWalkUpAction({ id, type: 'extend', minutes: 15 }, { meetings: [meeting], now: at('2026-11-23T13:50:00+01:00'), room: { ...room, settings: { ...room.settings, privacy } }, bookingSubject: 'Walk-up booking' });
    const anonymous = { ok: false, code: 'organized-elsewhere', message: 'This meeting was booked in their own calendar: only its organizer can extend it.' };
    expect(refusal(theirs, 'organizer-only')).toMatchObject({ message: expect.stringContaining('by Ada Lovelace') });
    expect(refusal(theirs, 'hidden')).toEqual(anonymous);
    expect(refusal({ ...theirs, isPrivate: true }, 'subject-and-organizer')).toEqual(anonymous);
  });

  it('refuses to extend an all-day event', () => {
    expect(plan({ id, type: 'extend', minutes: 15 }, '2026-11-23T08:00:00+01:00', [allDay('2026-11-23', '2026-11-24')])).toMatchObject({ code: 'not-allowed' });
  });
});

describe('end now', () => {
  const meetings = [timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'current' })];

  it('ends the meeting at the current minute', () => {
    expect(plan({ id, type: 'end-now' }, '2026-11-23T13:20:31+01:00', meetings)).toEqual({
      ok: true,
      data: { kind: 'update', meetingId: 'current', end: '2026-11-23T12:20:00.000Z' },
    });
  });

  it('removes a meeting ended within its first minute', () => {
    expect(plan({ id, type: 'end-now' }, '2026-11-23T13:00:40+01:00', meetings)).toEqual({ ok: true, data: { kind: 'delete', meetingId: 'current' } });
  });
});

describe('check in', () => {
  const meetings = [timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'm' })];

  it('checks in from 5 min before to 10 min after the start', () => {
    expect(plan({ id, type: 'check-in' }, '2026-11-23T12:54:59+01:00', meetings)).toMatchObject({ code: 'no-meeting-to-check-in' });
    expect(plan({ id, type: 'check-in' }, '2026-11-23T12:55:00+01:00', meetings)).toMatchObject({ ok: true, data: { kind: 'update', meetingId: 'm' } });
    expect(plan({ id, type: 'check-in' }, '2026-11-23T13:09:59+01:00', meetings)).toMatchObject({ ok: true });
    expect(plan({ id, type: 'check-in' }, '2026-11-23T13:10:00+01:00', meetings)).toMatchObject({ code: 'no-meeting-to-check-in' });
  });

  it('changes nothing when already checked in', () => {
    const checkedIn = [timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { checkedInAt: '2026-11-23T11:58:00.000Z' })];
    expect(plan({ id, type: 'check-in' }, '2026-11-23T13:01:00+01:00', checkedIn)).toEqual({ ok: true, data: { kind: 'none' } });
  });
});

describe('what a display offers', () => {
  const strict = { ...room, settings: RoomSettings.parse({ checkIn: { required: true, releaseNoShows: true } }) };

  it('offers the lengths that fit, and "until the next meeting" when shorter than an hour', () => {
    expect(bookingOptions(nextAt1430, at('2026-11-23T12:00:00+01:00'), room)).toEqual({ minutes: [15, 30, 45, 60], untilNext: null });
    expect(bookingOptions(nextAt1430, at('2026-11-23T13:50:20+01:00'), room)).toEqual({ minutes: [15, 30], untilNext: at('2026-11-23T14:30:00+01:00') });
    expect(bookingOptions(nextAt1430, at('2026-11-23T14:00:00+01:00'), room)).toEqual({ minutes: [15, 30], untilNext: null });
    expect(bookingOptions(nextAt1430, at('2026-11-23T14:27:00+01:00'), room)).toEqual({ minutes: [], untilNext: null });
    expect(bookingOptions(nextAt1430, at('2026-11-23T14:40:00+01:00'), room)).toEqual({ minutes: [], untilNext: null });
  });

  it('offers only the extensions that fit', () => {
    const meetings = [timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'now' }), timed('2026-11-23T14:20:00+01:00', '2026-11-23T15:00:00+01:00')];
    expect(extendOptions(meetings, at('2026-11-23T13:30:00+01:00'), room)).toEqual([15]);
    expect(extendOptions(meetings.slice(0, 1), at('2026-11-23T13:30:00+01:00'), room)).toEqual([15, 30]);
    expect(extendOptions(meetings, at('2026-11-23T12:30:00+01:00'), room)).toEqual([]);
  });

  it('offers "until the next meeting" as an extension when no listed length reaches it and 5 to 30 min are free', () => {
    const now = at('2026-11-23T13:30:00+01:00');
    const current = timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'now' });
    const nextAt = (start: string) => [current, timed(start, '2026-11-23T15:00:00+01:00')];
    expect(extendUntilNext(nextAt('2026-11-23T14:10:00+01:00'), now, room)).toBe(at('2026-11-23T14:10:00+01:00'));
    expect(extendOptions(nextAt('2026-11-23T14:10:00+01:00'), now, room)).toEqual([]);
    expect(extendUntilNext(nextAt('2026-11-23T14:25:00+01:00'), now, room)).toBe(at('2026-11-23T14:25:00+01:00'));
    expect(extendUntilNext(nextAt('2026-11-23T14:15:00+01:00'), now, room)).toBeNull();
    expect(extendUntilNext(nextAt('2026-11-23T14:04:00+01:00'), now, room)).toBeNull();
    expect(extendUntilNext(nextAt('2026-11-23T14:45:00+01:00'), now, room)).toBeNull();
    expect(extendUntilNext([current], now, room)).toBeNull();
    expect(extendUntilNext([{ ...current, organizedElsewhere: true }, ...nextAt('2026-11-23T14:10:00+01:00').slice(1)], now, room)).toBeNull();
  });

  it('finds the meeting to check in only inside its window, and not once checked in', () => {
    const meetings = [timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'm' })];
    expect(checkInCandidate(meetings, at('2026-11-23T12:54:00+01:00'), strict)).toBeNull();
    expect(checkInCandidate(meetings, at('2026-11-23T12:56:00+01:00'), strict)?.id).toBe('m');
    expect(checkInCandidate(meetings, at('2026-11-23T13:10:00+01:00'), strict)).toBeNull();
    const checkedIn = [timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { checkedInAt: '2026-11-23T11:58:00.000Z' })];
    expect(checkInCandidate(checkedIn, at('2026-11-23T13:01:00+01:00'), strict)).toBeNull();
  });

  it('offers no check-in for the next meeting while one checked in is under way, and does once it ends', () => {
    const meetings = [
      timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'now', checkedInAt: '2026-11-23T12:01:00.000Z' }),
      timed('2026-11-23T14:00:00+01:00', '2026-11-23T15:00:00+01:00', { id: 'next' }),
    ];
    expect(checkInCandidate(meetings, at('2026-11-23T13:56:00+01:00'), strict)).toBeNull();
    expect(checkInCandidate(meetings, at('2026-11-23T14:00:00+01:00'), strict)?.id).toBe('next');
    // Nobody checked in to the meeting under way: the next one's window is open as always.
    const unchecked = [{ ...meetings[0]!, checkedInAt: null }, meetings[1]!];
    expect(checkInCandidate(unchecked, at('2026-11-23T13:56:00+01:00'), strict)?.id).toBe('next');
  });
});

describe('no-show release', () => {
  const releasing = { ...room, settings: RoomSettings.parse({ checkIn: { required: true, releaseNoShows: true } }) };
  const meetings = [
    timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'no-show' }),
    timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'checked-in', checkedInAt: '2026-11-23T12:01:00.000Z' }),
    timed('2026-11-23T15:00:00+01:00', '2026-11-23T15:05:00+01:00', { id: 'too-short-to-release' }),
    allDay('2026-11-23', '2026-11-24', { id: 'all-day' }),
  ];

  it('releases exactly at the end of the window, only meetings nobody checked in to', () => {
    expect(dueNoShows(meetings, at('2026-11-23T13:09:59+01:00'), releasing)).toEqual([]);
    expect(dueNoShows(meetings, at('2026-11-23T13:10:00+01:00'), releasing).map((m) => m.id)).toEqual(['no-show']);
  });

  it('leaves meetings that already ended, and rooms that do not release', () => {
    expect(dueNoShows(meetings, at('2026-11-23T14:00:00+01:00'), releasing)).toEqual([]);
    expect(dueNoShows(meetings, at('2026-11-23T13:30:00+01:00'), room)).toEqual([]);
  });

  it('knows when the next window closes', () => {
    expect(nextNoShowDeadline(meetings, at('2026-11-23T12:00:00+01:00'), releasing)).toBe(at('2026-11-23T13:10:00+01:00'));
    expect(nextNoShowDeadline(meetings, at('2026-11-23T13:10:00+01:00'), releasing)).toBeNull();
    expect(nextNoShowDeadline(meetings, at('2026-11-23T12:00:00+01:00'), room)).toBeNull();
  });
});
