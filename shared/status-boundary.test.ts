import { describe, expect, it } from 'vitest';
import { allDay, timed } from '../test/support/meetings.ts';
import { MINUTE_MS } from './clock.ts';
import { RoomSettings, type Meeting } from './model.ts';
import { computeRoomStatus, type StatusRoom } from './room-status.ts';
import { nextStatusChange } from './status-boundary.ts';

const at = (iso: string) => Date.parse(iso);

function room(settings: Partial<RoomSettings> = {}): StatusRoom {
  return { timeZone: 'Europe/Amsterdam', settings: RoomSettings.parse(settings) };
}

const day = [
  timed('2026-11-23T09:00:00+01:00', '2026-11-23T10:00:00+01:00', { id: 'standup' }),
  timed('2026-11-23T10:00:00+01:00', '2026-11-23T10:30:00+01:00', { id: 'back-to-back' }),
  timed('2026-11-23T10:15:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'overlapping' }),
  timed('2026-11-23T14:30:00+01:00', '2026-11-23T15:00:00+01:00', { id: 'call', checkedInAt: '2026-11-23T13:27:00.000Z' }),
];

/** Every minute of the room's day at which what a display shows (status, free until, busy until) changes. */
function changesOverTheDay(meetings: Meeting[], statusRoom: StatusRoom): number[] {
  const shown = (now: number) => {
    const { status, freeUntil, busyUntil } = computeRoomStatus(meetings, now, statusRoom);
    return JSON.stringify({ status, freeUntil, busyUntil });
  };
  const changes: number[] = [];
  for (let now = at('2026-11-23T00:01:00+01:00'); now < at('2026-11-24T00:00:00+01:00'); now += MINUTE_MS) {
    if (shown(now) !== shown(now - MINUTE_MS)) changes.push(now);
  }
  return changes;
}

describe('the next status change', () => {
  it('is the moment a meeting comes within the starting-soon threshold, starts, or ends', () => {
    expect(nextStatusChange(day, at('2026-11-23T08:00:00+01:00'), room())).toBe(at('2026-11-23T08:50:00+01:00'));
    expect(nextStatusChange(day, at('2026-11-23T08:50:00+01:00'), room())).toBe(at('2026-11-23T09:00:00+01:00'));
    expect(nextStatusChange(day, at('2026-11-23T10:40:00+01:00'), room())).toBe(at('2026-11-23T11:00:00+01:00'));
    expect(nextStatusChange(day, at('2026-11-23T15:00:00+01:00'), room())).toBeNull();
  });

  it("ends an all-day event at the room's local midnight", () => {
    const offsite = [allDay('2026-11-23', '2026-11-24', { id: 'offsite' })];
    expect(nextStatusChange(offsite, at('2026-11-23T12:00:00+01:00'), room())).toBe(at('2026-11-24T00:00:00+01:00'));
  });

  it('includes the check-in window only in rooms that ask for check-in', () => {
    const strict = room({ checkIn: { required: true, beforeMinutes: 5, afterMinutes: 10, releaseNoShows: false }, startingSoonMinutes: 0 });
    expect(nextStatusChange(day, at('2026-11-23T08:00:00+01:00'), strict)).toBe(at('2026-11-23T08:55:00+01:00'));
    expect(nextStatusChange(day, at('2026-11-23T08:00:00+01:00'), room({ startingSoonMinutes: 0 }))).toBe(at('2026-11-23T09:00:00+01:00'));
  });

  const settings: [string, StatusRoom][] = [
    ['the defaults', room()],
    ['check-in required', room({ checkIn: { required: true, beforeMinutes: 5, afterMinutes: 10, releaseNoShows: false } })],
    ['no starting-soon and a long check-in', room({ startingSoonMinutes: 0, checkIn: { required: true, beforeMinutes: 0, afterMinutes: 45, releaseNoShows: false } })],
  ];
  for (const [name, statusRoom] of settings) {
    it(`comes no later than any change a display would show over a whole day (${name})`, () => {
      const changes = changesOverTheDay(day, statusRoom);
      expect(changes.length).toBeGreaterThan(3);
      for (const change of changes) expect(nextStatusChange(day, change - MINUTE_MS, statusRoom), new Date(change).toISOString()).toBeLessThanOrEqual(change);
    });
  }
});
