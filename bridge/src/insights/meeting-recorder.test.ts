import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/clock.ts';
import { Room, type Meeting, type TimedMeeting } from '../../../shared/model.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { timed } from '../../../test/support/meetings.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import type { SyncOwnership } from '../cluster/sync-ownership.ts';
import { MeetingHistory, type MeetingHistoryRow } from './meeting-history.ts';
import { MeetingRecorder } from './meeting-recorder.ts';

const ROOM = Room.parse({ id: 'harbour', name: 'Harbour', timeZone: 'Europe/Amsterdam' });
const at = (time: string) => Date.parse(`2026-11-23T${time}:00+01:00`);
const WHOLE_DAY = { start: at('00:00'), end: at('23:59') };

/** A room's calendar as the room service shows it, changed by the test, with its change announced as the service announces one. */
function recorded(options: { ownership?: SyncOwnership } = {}) {
  const clock = new FakeClock(at('08:00'));
  const database = openTestDatabase();
  const history = new MeetingHistory(database);
  const calendar = new Map<string, Meeting>();
  const listeners = new Set<(roomId: string, origin: 'here') => void>();
  const recorder = new MeetingRecorder({
    schedules: {
      roomIds: () => [ROOM.id],
      roomOf: (roomId) => (roomId === ROOM.id ? ROOM : undefined),
      meetingsAround: () => [...calendar.values()],
      onRoomChanged: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    history,
    database,
    clock,
    logger: pino({ level: 'silent' }),
    ownership: options.ownership,
  });
  const change = (update: () => void) => {
    update();
    for (const listener of listeners) listener(ROOM.id, 'here');
  };
  return {
    clock,
    history,
    recorder,
    book: (meeting: Meeting) => change(() => calendar.set(meeting.id, meeting)),
    update: (id: string, fields: Partial<TimedMeeting>) => change(() => calendar.set(id, { ...(calendar.get(id) as TimedMeeting), ...fields })),
    remove: (id: string) => change(() => calendar.delete(id)),
    rows: () => history.overlapping(ROOM.id, WHOLE_DAY).sort((a, b) => a.start - b.start),
  };
}

const standup = () => timed('2026-11-23T09:00:00+01:00', '2026-11-23T10:00:00+01:00', { id: 'standup', roomId: 'harbour', subject: 'Stand-up', organizer: 'Ada' });
const row = (fields: Partial<MeetingHistoryRow>): MeetingHistoryRow => ({
  roomId: 'harbour',
  meetingId: 'standup',
  start: at('09:00'),
  bookedEnd: at('10:00'),
  end: at('10:00'),
  origin: 'calendar',
  checkedInAt: null,
  releasedAt: null,
  endedEarly: false,
  ...fields,
});

describe('the history of meetings as the calendar shows them', () => {
  it('keeps a meeting once however often it is seen, booked as the calendar says until it starts', () => {
    const room = recorded();
    room.book(standup());
    room.recorder.start();
    room.book(standup());
    room.update('standup', { start: '2026-11-23T09:30:00+01:00', end: '2026-11-23T10:30:00+01:00' });
    room.update('standup', { end: '2026-11-23T11:00:00+01:00' });
    expect(room.rows()).toEqual([row({ start: at('09:30'), bookedEnd: at('11:00'), end: at('11:00') })]);
  });

  it('records a check-in, an extension and an early end once the meeting started, and keeps its booked end', () => {
    const room = recorded();
    room.recorder.start();
    room.book(standup());
    room.clock.advance(at('09:02') - room.clock.now());
    room.update('standup', { checkedInAt: new Date(at('09:02')).toISOString() });
    room.update('standup', { end: '2026-11-23T10:30:00+01:00' });
    expect(room.rows()).toEqual([row({ end: at('10:30'), checkedInAt: at('09:02') })]);
    room.clock.advance(at('09:40') - room.clock.now());
    room.update('standup', { end: '2026-11-23T09:40:00+01:00' });
    expect(room.rows()).toEqual([row({ end: at('09:40'), checkedInAt: at('09:02'), endedEarly: true })]);
  });

  it('forgets a meeting taken off before it started, or in its first minute, and ends one taken off while it ran', () => {
    const room = recorded();
    room.recorder.start();
    room.book(standup());
    room.book(timed('2026-11-23T11:00:00+01:00', '2026-11-23T12:00:00+01:00', { id: 'review', roomId: 'harbour' }));
    room.book(timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'planning', roomId: 'harbour' }));
    room.remove('review');
    room.clock.advance(at('09:20') + 30_000 - room.clock.now());
    room.remove('standup');
    room.clock.advance(at('13:00') + 30_000 - room.clock.now());
    room.remove('planning');
    expect(room.rows()).toEqual([row({ end: at('09:20'), endedEarly: true })]);
  });

  it('keeps a meeting over, or released as a no-show, when the calendar no longer shows it', () => {
    const room = recorded();
    room.recorder.start();
    room.book(standup());
    room.book(timed('2026-11-23T11:00:00+01:00', '2026-11-23T12:00:00+01:00', { id: 'review', roomId: 'harbour' }));
    room.clock.advance(at('11:10') - room.clock.now());
    room.history.releasedNoShow('harbour', timed('2026-11-23T11:00:00+01:00', '2026-11-23T12:00:00+01:00', { id: 'review', roomId: 'harbour' }) as TimedMeeting, at('11:10'));
    room.remove('review');
    room.remove('standup');
    expect(room.rows()).toEqual([row({}), row({ meetingId: 'review', start: at('11:00'), bookedEnd: at('12:00'), end: at('12:00'), releasedAt: at('11:10') })]);
  });

  it('keeps who made a walk-up booking, whatever the calendar shows after', () => {
    const room = recorded();
    room.recorder.start();
    const walkUp = timed('2026-11-23T08:00:00+01:00', '2026-11-23T08:30:00+01:00', { id: 'walk-up', roomId: 'harbour', origin: 'walk-up' }) as TimedMeeting;
    room.history.walkUpBooked('harbour', walkUp, 'phone');
    room.book(walkUp);
    room.clock.advance(10 * MINUTE_MS);
    room.update('walk-up', { end: '2026-11-23T08:10:00+01:00' });
    expect(room.rows()).toEqual([row({ meetingId: 'walk-up', start: at('08:00'), bookedEnd: at('08:30'), end: at('08:10'), origin: 'phone', endedEarly: true })]);
  });

  it("records a room's meetings only in the process holding its lease", () => {
    let owned = false;
    const gained = new Set<(leases: string[]) => void>();
    const room = recorded({ ownership: { owns: () => owned, onGained: (listener) => (gained.add(listener), () => gained.delete(listener)), release: () => Promise.resolve() } });
    room.recorder.start();
    room.book(standup());
    expect(room.rows()).toEqual([]);
    owned = true;
    for (const listener of gained) listener(['room:harbour']);
    expect(room.rows()).toEqual([row({})]);
  });

  it('holds no subject or organizer, not even of a private meeting', () => {
    const room = recorded();
    room.recorder.start();
    room.book(timed('2026-11-23T09:00:00+01:00', '2026-11-23T10:00:00+01:00', { id: 'merger', roomId: 'harbour', subject: 'Merger with Northwind', organizer: 'Petra Partner', isPrivate: true }));
    expect(room.rows()).toEqual([row({ meetingId: 'merger' })]);
  });
});
