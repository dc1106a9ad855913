import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/clock.ts';
import { Room, type TimedMeeting } from '../../../shared/model.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { timed } from '../../../test/support/meetings.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { InsightsService } from './insights-service.ts';
import { firstSight, MeetingHistory } from './meeting-history.ts';
import { PresenceHistory } from './presence-history.ts';

const ROOMS = [
  Room.parse({ id: 'harbour', name: 'Harbour', timeZone: 'Europe/Amsterdam', capacity: 8, location: { building: 'North', floor: 1 } }),
  Room.parse({ id: 'loft', name: 'Loft', timeZone: 'Europe/Amsterdam', location: { building: 'North', floor: 2 } }),
  Room.parse({ id: 'dock', name: 'Dock', timeZone: 'America/New_York', location: { building: 'South', floor: 1 } }),
];
const meeting = (roomId: string, start: string, minutes: number) =>
  timed(start, new Date(Date.parse(start) + minutes * MINUTE_MS).toISOString(), { id: `${roomId}-${start}`, roomId }) as TimedMeeting;

/** The history as the recorders leave it in the store, read back by the service: on SQLite, and in the on-postgres project on PostgreSQL. */
function service() {
  const database = openTestDatabase();
  const meetings = new MeetingHistory(database);
  const presence = new PresenceHistory(database);
  const monday = (time: string) => `2026-11-23T${time}:00+01:00`;
  meetings.save(firstSight('harbour', meeting('harbour', monday('09:00'), 60)));
  meetings.walkUpBooked('harbour', meeting('harbour', monday('12:00'), 30), 'phone');
  meetings.releasedNoShow('harbour', meeting('harbour', monday('14:00'), 60), Date.parse(monday('14:10')));
  meetings.walkUpBooked('loft', meeting('loft', monday('10:00'), 45), 'panel');
  meetings.save({ ...firstSight('loft', meeting('loft', monday('15:00'), 60)), end: Date.parse(monday('15:20')), endedEarly: true });
  meetings.save(firstSight('dock', meeting('dock', '2026-11-23T09:00:00-05:00', 120)));
  // The week before: outside the range.
  meetings.save(firstSight('harbour', meeting('harbour', '2026-11-16T09:00:00+01:00', 60)));
  presence.save({ roomId: 'harbour', source: 'base-unit', from: Date.parse(monday('09:05')), to: Date.parse(monday('09:45')), maxPeople: 6 });
  presence.save({ roomId: 'harbour', source: 'clickshare', from: Date.parse(monday('12:05')), to: Date.parse(monday('12:15')), maxPeople: null });
  const clock = new FakeClock('2026-11-30T08:00:00+01:00');
  return new InsightsService({ rooms: () => ROOMS, meetings, presence, hasSensor: () => false, clock });
}

describe('insights from the store', () => {
  it("reads every chosen room's meetings and presence of the range, whoever recorded them", () => {
    const answer = service().answer({ from: '2026-11-23', to: '2026-11-29' });
    expect(answer.ok && answer.data.rooms).toEqual([
      // People: 6 counted at 09:00, none at the walk-up, seen by the ClickShare unit only, which counts nobody.
      expect.objectContaining({ roomId: 'harbour', meetings: 3, bookedMinutes: 60 + 30 + 10, occupiedMinutes: 50, noShows: 1, ghostMeetings: 0, walkUps: 1, walkUpsByPhone: 1, medianPeople: 3 }),
      expect.objectContaining({ roomId: 'loft', meetings: 2, bookedMinutes: 45 + 20, occupiedMinutes: null, endedEarly: 1, walkUps: 1, walkUpsByPhone: 0, medianMeetingMinutes: 52.5 }),
      expect.objectContaining({ roomId: 'dock', meetings: 1, bookedMinutes: 120 }),
    ]);
  });

  it('chooses rooms by id, building and floor, and refuses a room it does not have', () => {
    const ids = (query: Record<string, unknown>) => {
      const answer = service().answer({ from: '2026-11-23', to: '2026-11-29', ...query });
      return answer.ok ? answer.data.rooms.map((room) => room.roomId) : answer.code;
    };
    expect(ids({ building: 'North' })).toEqual(['harbour', 'loft']);
    expect(ids({ floor: 1 })).toEqual(['harbour', 'dock']);
    expect(ids({ building: 'North', floor: 2 })).toEqual(['loft']);
    expect(ids({ building: 'East' })).toEqual([]);
    expect(ids({ roomId: 'dock' })).toEqual(['dock']);
    expect(ids({ roomId: 'attic' })).toBe('room-not-found');
  });
});
