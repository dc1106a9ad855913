import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Room, WalkUpAction } from '../../../shared/model.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { timed } from '../../../test/support/meetings.ts';
import { LocalCalendar } from '../calendars/local/local-calendar.ts';
import { clientOf } from '../limits/client.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { RoomStore } from '../store/room-store.ts';
import { ACTION_RATE } from './action-limit.ts';
import { NoShowReleaser } from './no-show-releaser.ts';
import { RoomService } from './room-service.ts';

function setup(settings: Record<string, unknown> = {}, start = '2026-11-23T12:50:00+01:00') {
  const clock = new FakeClock(start);
  const store = new RoomStore(openTestDatabase());
  store.saveRoom(Room.parse({ id: 'demo', name: 'Harbour', timeZone: 'Europe/Amsterdam', settings }), clock.now());
  store.saveMeeting(timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'planning', roomId: 'demo' }));
  const rooms = new RoomService({
    store,
    calendar: new LocalCalendar(store, clock),
    clock,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://bridge.local:8080/',
    syncPeriodSeconds: 15,
  });
  const changes: string[] = [];
  rooms.onRoomChanged((roomId) => changes.push(roomId));
  return { clock, store, rooms, changes };
}

const act = (action: Record<string, unknown>): WalkUpAction => WalkUpAction.parse({ id: crypto.randomUUID(), ...action });
/** The display every action below comes from. */
const display = clientOf({ address: '192.0.2.10' });

describe('room service', () => {
  it('books in the room language and links the booking page in the state', () => {
    const { rooms } = setup({ language: 'de' }, '2026-11-23T11:00:00+01:00');
    const result = rooms.applyAction('demo', act({ type: 'book-now', minutes: 30 }), display);
    expect(result).toMatchObject({ ok: true, data: { status: 'busy', current: { subject: 'Spontanbuchung' }, bookingUrl: 'http://bridge.local:8080/rooms/demo?from=qr' } });
  });

  it('refuses every action in a read-only room and records nothing', () => {
    const { rooms, changes } = setup({ readOnly: true }, '2026-11-23T11:00:00+01:00');
    expect(rooms.applyAction('demo', act({ type: 'book-now', minutes: 15 }), display)).toMatchObject({ ok: false, code: 'read-only' });
    expect(changes).toEqual([]);
  });

  it('asks for the PIN, and the same action id goes through once the PIN is right', () => {
    const { rooms } = setup({ pin: '4711' }, '2026-11-23T11:00:00+01:00');
    const booking = act({ type: 'book-now', minutes: 15 });
    expect(rooms.applyAction('demo', booking, display)).toMatchObject({ ok: false, code: 'pin-required' });
    expect(rooms.applyAction('demo', { ...booking, pin: '1234' }, display)).toMatchObject({ ok: false, code: 'wrong-pin' });
    expect(rooms.applyAction('demo', { ...booking, pin: '4711' }, display)).toMatchObject({ ok: true, data: { status: 'busy' } });
    const state = rooms.getState('demo');
    expect(JSON.stringify(state)).not.toContain('4711');
    expect(state).toMatchObject({ ok: true, data: { room: { settings: { pinRequired: true } } } });
  });

  it("takes a client's 100 actions at once, then refuses for now with when to retry, recording nothing, and no other client", () => {
    const { clock, rooms, store } = setup({}, '2026-11-23T11:00:00+01:00');
    for (let n = 0; n < ACTION_RATE.capacity; n++) expect(rooms.applyAction('demo', act({ type: 'end-now' }), display)).toMatchObject({ code: 'no-current-meeting' });
    const booking = act({ type: 'book-now', minutes: 15 });
    expect(rooms.applyAction('demo', booking, display)).toEqual({
      ok: false,
      code: 'rate-limited',
      message: 'Too many walk-up actions from this device: try again in 6 s.',
      retryAfterMs: 6_000,
    });
    expect(store.findAction(booking.id)).toBeUndefined();
    expect(rooms.applyAction('demo', act({ type: 'end-now' }), clientOf({ address: '192.0.2.11' }))).toMatchObject({ code: 'no-current-meeting' });
    clock.advance(6_000);
    expect(rooms.applyAction('demo', booking, display)).toMatchObject({ ok: true, data: { status: 'busy' } });
  });

  it('computes a changed room’s state once for all who hear of the change, and anew when a listener changes it again', () => {
    const { rooms } = setup({}, '2026-11-23T11:00:00+01:00');
    const read: { status: string; state: unknown }[] = [];
    let endedOnce = false;
    rooms.onRoomChanged((roomId) => {
      const state = rooms.getState(roomId);
      if (state.ok) read.push({ status: state.data.status, state: state.data });
    });
    rooms.onRoomChanged((roomId) => {
      const state = rooms.getState(roomId);
      if (state.ok) read.push({ status: state.data.status, state: state.data });
      // A listener that changes the room while the change is announced (as a no-show release could).
      if (!endedOnce) {
        endedOnce = true;
        rooms.applyAction(roomId, act({ type: 'end-now' }), display);
      }
    });
    rooms.applyAction('demo', act({ type: 'book-now', minutes: 30 }), display);
    expect(read.map((each) => each.status)).toEqual(['busy', 'busy', 'available', 'available']);
    expect(read[1]!.state).toBe(read[0]!.state);
    expect(read[3]!.state).toBe(read[2]!.state);
    // Outside an announcement, a state is read afresh.
    const [first, second] = [rooms.getState('demo'), rooms.getState('demo')];
    expect(first.ok && second.ok && first.data !== second.data).toBe(true);
  });

  it('gives the slot to exactly one of two displays booking at once', () => {
    const { rooms } = setup({}, '2026-11-23T11:00:00+01:00');
    const results = [rooms.applyAction('demo', act({ type: 'book-now', minutes: 30 }), display), rooms.applyAction('demo', act({ type: 'book-now', minutes: 30 }), display)];
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'room-busy']);
  });

  describe('no-show release', () => {
    const releasing = { checkIn: { required: true, releaseNoShows: true } };

    it('releases a meeting nobody checked in to exactly when its window closes', () => {
      const { clock, rooms, changes } = setup(releasing);
      const releaser = new NoShowReleaser(rooms, clock);
      releaser.start();
      expect(rooms.getState('demo')).toMatchObject({ ok: true, data: { status: 'starting-soon' } });
      clock.advance(5 * 60_000);
      expect(rooms.getState('demo')).toMatchObject({ ok: true, data: { status: 'awaiting-check-in' } });
      clock.advance(15 * 60_000 - 1);
      expect(rooms.getState('demo')).toMatchObject({ ok: true, data: { status: 'awaiting-check-in', current: { id: 'planning' } } });
      clock.advance(1);
      expect(rooms.getState('demo')).toMatchObject({ ok: true, data: { status: 'available', current: null } });
      expect(changes).toEqual(['demo']);
      releaser.stop();
    });

    it('keeps a checked-in meeting', () => {
      const { clock, rooms } = setup(releasing);
      const releaser = new NoShowReleaser(rooms, clock);
      releaser.start();
      clock.advance(12 * 60_000);
      expect(rooms.applyAction('demo', act({ type: 'check-in' }), display)).toMatchObject({ ok: true, data: { status: 'busy' } });
      clock.advance(30 * 60_000);
      expect(rooms.getState('demo')).toMatchObject({ ok: true, data: { status: 'busy', current: { id: 'planning' } } });
      releaser.stop();
    });

    it('catches up at start on a window that closed while the bridge was down', () => {
      const { clock, rooms } = setup(releasing, '2026-11-23T13:20:00+01:00');
      const releaser = new NoShowReleaser(rooms, clock);
      releaser.start();
      expect(rooms.getState('demo')).toMatchObject({ ok: true, data: { status: 'available' } });
      expect(clock.pendingTimers()).toBe(0);
      releaser.stop();
    });

    it('releases nothing in a room that does not ask for it', () => {
      const { clock, rooms } = setup({});
      const releaser = new NoShowReleaser(rooms, clock);
      releaser.start();
      clock.advance(30 * 60_000);
      expect(rooms.getState('demo')).toMatchObject({ ok: true, data: { status: 'busy' } });
      releaser.stop();
    });
  });
});

describe('actions queued by an offline display', () => {
  it('are judged at the moment they were taken', () => {
    const { rooms, clock } = setup({}, '2026-11-23T10:00:00+01:00');
    clock.advance(20 * 60_000);
    const result = rooms.applyAction('demo', act({ type: 'book-now', minutes: 30, takenAt: '2026-11-23T09:00:00.000Z' }), display);
    expect(result).toMatchObject({ ok: true, data: { current: { start: '2026-11-23T09:00:00.000Z', end: '2026-11-23T09:30:00.000Z' } } });
  });

  it('are refused when the room was booked meanwhile for that time', () => {
    const { rooms, clock } = setup({}, '2026-11-23T12:40:00+01:00');
    clock.advance(25 * 60_000);
    const late = rooms.applyAction('demo', act({ type: 'book-now', minutes: 30, takenAt: '2026-11-23T11:40:00.000Z' }), display);
    expect(late).toMatchObject({ ok: false, code: 'slot-taken' });
  });

  it('are refused after 12 hours, and judged now when stamped in the future', () => {
    const { rooms } = setup({}, '2026-11-23T23:00:00+01:00');
    expect(rooms.applyAction('demo', act({ type: 'book-now', minutes: 15, takenAt: '2026-11-23T09:59:00.000Z' }), display)).toMatchObject({ ok: false, code: 'expired' });
    expect(rooms.applyAction('demo', act({ type: 'book-now', minutes: 15, takenAt: '2026-11-24T09:00:00.000Z' }), display)).toMatchObject({
      ok: true,
      data: { current: { start: '2026-11-23T22:00:00.000Z' } },
    });
  });
});

describe('the answers kept for repeated actions', () => {
  it('are kept for 30 days, then forgotten by the daily prune', () => {
    const { rooms, store, clock } = setup({}, '2026-11-23T09:00:00+01:00');
    rooms.start();
    const booking = act({ type: 'book-now', minutes: 15 });
    rooms.applyAction('demo', booking, display);
    clock.advance(29 * 86_400_000);
    expect(store.findAction(booking.id)).toBeDefined();
    clock.advance(2 * 86_400_000);
    expect(store.findAction(booking.id)).toBeUndefined();
    rooms.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
