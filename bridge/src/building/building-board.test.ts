import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { RoomSummaryStatus } from '../../../shared/building.ts';
import { MINUTE_MS } from '../../../shared/clock.ts';
import { Room, WalkUpAction } from '../../../shared/model.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { timed } from '../../../test/support/meetings.ts';
import { LocalCalendar } from '../calendars/local/local-calendar.ts';
import { clientOf } from '../limits/client.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { RoomStore } from '../store/room-store.ts';
import { RoomService } from '../rooms/room-service.ts';
import { BuildingBoard } from './building-board.ts';

/** The display the bookings below come from. */
const display = clientOf({ address: '192.0.2.10' });

function setup() {
  const clock = new FakeClock('2026-11-23T10:00:00+01:00');
  const store = new RoomStore(openTestDatabase());
  const rooms = [
    { id: 'harbour', name: 'Harbour', capacity: 6, location: { building: 'North', floor: 2 }, settings: { pin: '4711' } },
    { id: 'loft', name: 'Loft', capacity: 4, location: { building: 'North', floor: 2 }, microsoft365: { mailbox: 'loft@contoso.example' } },
    { id: 'atlas', name: 'Atlas', capacity: 8, access: 'open', location: { building: 'North', floor: 3 } },
  ];
  for (const room of rooms) store.saveRoom(Room.parse({ timeZone: 'Europe/Amsterdam', ...room }), clock.now());
  store.saveMeeting(timed('2026-11-23T10:30:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'secret', roomId: 'harbour', subject: 'Merger talks', organizer: 'Ada' }));
  store.saveMeeting(timed('2026-11-23T10:30:00+01:00', '2026-11-23T11:30:00+01:00', { id: 'review', roomId: 'loft', subject: 'Review', organizer: 'Grace' }));
  const service = new RoomService({
    store,
    calendar: new LocalCalendar(store, clock),
    clock,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://bridge.local:8080/',
    syncPeriodSeconds: 15,
  });
  const board = new BuildingBoard(service, clock);
  const announced: RoomSummaryStatus[] = [];
  board.onSummaryChanged((summary) => announced.push(summary));
  board.start();
  return { clock, rooms: service, board, announced };
}

const statusOf = (board: BuildingBoard, id: string) => board.summaries().find((room) => room.id === id);

describe('building board', () => {
  it("summarises every room with its place, status and until when, and nothing private", () => {
    const { board } = setup();
    expect(board.summaries()).toEqual([
      { id: 'atlas', name: 'Atlas', timeZone: 'Europe/Amsterdam', capacity: 8, equipment: [], location: { building: 'North', floor: 3 }, status: 'available', freeUntil: null, busyUntil: null },
      expect.objectContaining({ id: 'harbour', status: 'available', freeUntil: '2026-11-23T09:30:00.000Z', busyUntil: null }),
      expect.objectContaining({ id: 'loft', status: 'available', freeUntil: '2026-11-23T09:30:00.000Z' }),
    ]);
    const text = JSON.stringify(board.summaries());
    for (const secret of ['Merger talks', 'Ada', 'Grace', '4711', 'loft@contoso.example', 'pin']) expect(text).not.toContain(secret);
  });

  it('announces a room at each status boundary as time passes, with no change to its schedule', () => {
    const { clock, board, announced } = setup();
    clock.advance(20 * MINUTE_MS - 1);
    expect(announced).toEqual([]);
    clock.advance(1);
    expect(announced.map((room) => [room.id, room.status])).toEqual([
      ['harbour', 'starting-soon'],
      ['loft', 'starting-soon'],
    ]);
    clock.advance(10 * MINUTE_MS);
    expect(announced.slice(2).map((room) => [room.id, room.status, room.busyUntil])).toEqual([
      ['harbour', 'busy', '2026-11-23T10:00:00.000Z'],
      ['loft', 'busy', '2026-11-23T10:30:00.000Z'],
    ]);
    clock.advance(30 * MINUTE_MS);
    expect(statusOf(board, 'harbour')).toMatchObject({ status: 'available', freeUntil: null, busyUntil: null });
    expect(announced.map((room) => room.id)).toEqual(['harbour', 'loft', 'harbour', 'loft', 'harbour']);
    expect(statusOf(board, 'loft')?.status).toBe('busy');
  });

  it('announces only the room a walk-up action changed, at once, and moves its boundary with it', () => {
    const { clock, rooms, board, announced } = setup();
    rooms.applyAction('atlas', WalkUpAction.parse({ id: crypto.randomUUID(), type: 'book-now', minutes: 15 }), display);
    expect(announced.map((room) => [room.id, room.status, room.busyUntil])).toEqual([['atlas', 'busy', '2026-11-23T09:15:00.000Z']]);
    clock.advance(15 * MINUTE_MS);
    expect(announced.at(-1)).toMatchObject({ id: 'atlas', status: 'available' });
    expect(statusOf(board, 'atlas')?.status).toBe('available');
  });

  it('stays quiet for a change that leaves the summary as it was', () => {
    const { rooms, announced } = setup();
    rooms.applyAction('atlas', WalkUpAction.parse({ id: crypto.randomUUID(), type: 'book-now', minutes: 15 }), display);
    rooms.roomAdded('atlas');
    expect(announced).toHaveLength(1);
  });

  it('finds the nearest free rooms for a room, each saying whether anyone may book it, and says when the room does not exist', () => {
    const { clock, board } = setup();
    expect(board.freeNearby('harbour')).toEqual({ ok: true, data: [expect.objectContaining({ id: 'loft', open: false }), expect.objectContaining({ id: 'atlas', open: true })] });
    clock.advance(25 * MINUTE_MS);
    expect(board.freeNearby('harbour')).toEqual({ ok: true, data: [expect.objectContaining({ id: 'atlas' })] });
    expect(board.freeNearby('nowhere')).toMatchObject({ ok: false, code: 'room-not-found' });
  });

  it('leaves no timer behind when stopped', () => {
    const { clock, board } = setup();
    board.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
