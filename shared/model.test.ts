import { describe, expect, it } from 'vitest';
import { Meeting, Room, toPublicRoom, WalkUpAction } from './model.ts';
import { parseInput } from './validation.ts';

describe('schemas', () => {
  it('fills room settings with their defaults', () => {
    const room = Room.parse({ id: 'demo', name: 'Demo', timeZone: 'Europe/Amsterdam' });
    expect(room.settings).toEqual({
      language: 'en',
      privacy: 'subject-and-organizer',
      startingSoonMinutes: 10,
      checkIn: { required: false, beforeMinutes: 5, afterMinutes: 10, releaseNoShows: false },
      officeHours: { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] },
      maxBookingMinutes: 60,
      bookAheadDays: 0,
      confirmBooking: false,
      askBookerName: false,
      pin: null,
      readOnly: false,
      hardware: { powerOnBeforeMeetingMinutes: 10, standbyAfterIdleMinutes: 30, wakeMinutes: 15, bannerBeforeEndMinutes: 5 },
      occupancyTopic: null,
    });
  });

  it('never lets the PIN into what displays receive', () => {
    const room = Room.parse({ id: 'demo', name: 'Demo', timeZone: 'UTC', settings: { pin: '4711' } });
    const shown = toPublicRoom(room);
    expect(shown.settings.pinRequired).toBe(true);
    expect(JSON.stringify(shown)).not.toContain('4711');
  });

  it('lists every problem of a bad room at once, each with its path', () => {
    const result = parseInput(Room, { id: 'Bad Id', name: '', timeZone: 'Mars/Base', settings: { startingSoonMinutes: -1 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid-input');
    for (const path of ['id:', 'name:', 'timeZone:', 'settings.startingSoonMinutes:']) expect(result.message).toContain(path);
  });

  it('takes no-show strikes of 1 to 10, and only in a room that releases no-shows', () => {
    const checkIn = (settings: Record<string, unknown>) => parseInput(Room, { id: 'demo', name: 'Demo', timeZone: 'UTC', settings: { checkIn: settings } });
    expect(checkIn({ required: true, releaseNoShows: true, strikes: 3 })).toMatchObject({ ok: true, data: { settings: { checkIn: { strikes: 3 } } } });
    expect(checkIn({ required: true, releaseNoShows: true })).toMatchObject({ ok: true, data: { settings: { checkIn: { releaseNoShows: true } } } });
    expect(checkIn({ required: true, strikes: 3 })).toMatchObject({ ok: false, message: 'settings.checkIn.strikes: strikes needs releaseNoShows: true' });
    for (const strikes of [0, 11, 2.5]) expect(checkIn({ required: true, releaseNoShows: true, strikes }).ok).toBe(false);
  });

  it('refuses a timed meeting without an offset or ending before it starts', () => {
    const base = { id: 'a', roomId: 'demo', subject: 's', organizer: null, origin: 'calendar', allDay: false };
    expect(Meeting.safeParse({ ...base, start: '2026-11-23T10:00:00', end: '2026-11-23T11:00:00' }).success).toBe(false);
    expect(Meeting.safeParse({ ...base, start: '2026-11-23T10:00:00Z', end: '2026-11-23T09:00:00Z' }).success).toBe(false);
    expect(Meeting.safeParse({ ...base, start: '2026-11-23T10:00:00+01:00', end: '2026-11-23T11:00:00+01:00' }).success).toBe(true);
  });

  it('accepts only known walk-up actions with their allowed lengths', () => {
    const id = crypto.randomUUID();
    expect(WalkUpAction.safeParse({ id, type: 'book-now', minutes: 30 }).success).toBe(true);
    expect(parseInput(WalkUpAction, { id, type: 'book-now', minutes: 20 })).toMatchObject({ ok: false, message: 'minutes: must be 15, 30, 45 or 60' });
    expect(WalkUpAction.safeParse({ id, type: 'extend', minutes: 45 }).success).toBe(false);
    expect(WalkUpAction.safeParse({ id: 'not-a-uuid', type: 'end-now' }).success).toBe(false);
    expect(WalkUpAction.safeParse({ id, type: 'end-now', extra: true }).success).toBe(false);
  });

  it("takes a booker's name on a booking as one trimmed line of at most 40 characters, and on nothing else", () => {
    const id = crypto.randomUUID();
    expect(WalkUpAction.parse({ id, type: 'book-now', minutes: 30, name: '  Ana  ' })).toMatchObject({ name: 'Ana' });
    expect(WalkUpAction.parse({ id, type: 'book', start: '2026-11-23T14:00:00Z', minutes: 30, name: 'Ana Lúcia Ñúñez' })).toMatchObject({ name: 'Ana Lúcia Ñúñez' });
    expect(parseInput(WalkUpAction, { id, type: 'book-now', name: 'x'.repeat(41) })).toMatchObject({ ok: false, message: 'name: at most 40 characters' });
    expect(parseInput(WalkUpAction, { id, type: 'book-now', name: '   ' })).toMatchObject({ ok: false, message: 'name: leave the name out rather than empty' });
    expect(parseInput(WalkUpAction, { id, type: 'book-now', name: 'Ana\nBcc: x' })).toMatchObject({ ok: false, message: 'name: printable characters only' });
    expect(WalkUpAction.safeParse({ id, type: 'extend', name: 'Ana' }).success).toBe(false);
  });
});
