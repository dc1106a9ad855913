import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Room } from '../../../shared/model.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { timed } from '../../../test/support/meetings.ts';
import { SimulatedPort } from '../devices/base-unit/simulated-port.ts';
import { UnitSession } from '../devices/base-unit/unit-session.ts';
import { BaseUnitDevice } from '../devices/base-unit/base-unit-device.ts';
import { LocalCalendar } from '../calendars/local/local-calendar.ts';
import { NoShowReleaser } from '../rooms/no-show-releaser.ts';
import { RoomService } from '../rooms/room-service.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { RoomStore } from '../store/room-store.ts';
import { PresenceLog } from './presence-log.ts';
import { RoomHardware } from './room-hardware.ts';

const settle = async () => {
  for (let i = 0; i < 6; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

async function roomWithUnit(now: string, settings: Record<string, unknown> = {}) {
  const clock = new FakeClock(now);
  const logger = pino({ level: 'silent' });
  const store = new RoomStore(openTestDatabase());
  store.saveRoom(Room.parse({ id: 'demo', name: 'Harbour', timeZone: 'Europe/Amsterdam', settings }), clock.now());
  store.saveMeeting(timed('2026-11-23T10:00:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'review', roomId: 'demo' }));
  const calendar = new LocalCalendar(store, clock);
  const presence = new PresenceLog();
  const rooms = new RoomService({ store, calendar, clock, logger, publicUrl: 'http://x/', syncPeriodSeconds: 15, presence });
  const port = new SimulatedPort(clock);
  const unit = new UnitSession(port, clock, logger);
  unit.start();
  const hardware = new RoomHardware({ roomId: 'demo', devices: [new BaseUnitDevice(unit)], rooms, calendar, presence, clock, logger, syncPeriodSeconds: 15 });
  hardware.start();
  const releaser = new NoShowReleaser(rooms, clock);
  releaser.start();
  await settle();
  // The simulated unit answers on microtasks: flushing them after every
  // half second of fake time lets replies beat the 1 s reply timeout.
  const advance = async (ms: number) => {
    for (let left = ms; left > 0; left -= 500) {
      clock.advance(Math.min(500, left));
      for (let i = 0; i < 30; i++) await Promise.resolve();
    }
    await settle();
  };
  return { clock, store, rooms, sim: port.unit, advance, stop: () => (hardware.stop(), releaser.stop(), unit.close()) };
}

const stateOf = (rooms: RoomService) => {
  const state = rooms.getState('demo');
  if (!state.ok) throw new Error(state.message);
  return state.data;
};

describe('a room with its base unit', () => {
  it('lights the ring for the room status and follows changes', async () => {
    const room = await roomWithUnit('2026-11-23T09:00:00+01:00');
    expect(room.sim.state).toMatchObject({ power: 'on', led: 'GREEN/SOLID' });
    await room.advance(50 * 60_000);
    expect(room.sim.state.led).toBe('AMBER/PULSE');
    await room.advance(10 * 60_000);
    expect(room.sim.state.led).toBe('RED/SOLID');
    room.stop();
  });

  it('counts screen sharing in the check-in window as check-in', async () => {
    const room = await roomWithUnit('2026-11-23T09:58:00+01:00', { checkIn: { required: true, releaseNoShows: true } });
    room.sim.startSharing(1);
    await settle();
    expect(stateOf(room.rooms).events[0]?.checkedInAt).not.toBeNull();
    await room.advance(15 * 60_000);
    expect(stateOf(room.rooms)).toMatchObject({ status: 'busy', current: { id: 'review' } });
    room.stop();
  });

  it("says in the room's state whether its sensor sees people, null before it said", async () => {
    const room = await roomWithUnit('2026-11-23T09:00:00+01:00');
    expect(stateOf(room.rooms).occupied).toBeNull();
    const pushed: (boolean | null)[] = [];
    room.rooms.onRoomChanged(() => pushed.push(stateOf(room.rooms).occupied));
    room.sim.setPeople(2);
    await settle();
    expect(stateOf(room.rooms).occupied).toBe(true);
    room.sim.setPeople(0);
    await settle();
    expect(stateOf(room.rooms).occupied).toBe(false);
    expect(pushed).toEqual([true, false]);
    room.stop();
  });

  it('does not release a meeting while people are in the room', async () => {
    const room = await roomWithUnit('2026-11-23T09:58:00+01:00', { checkIn: { required: true, releaseNoShows: true } });
    room.sim.setPeople(2);
    await settle();
    await room.advance(15 * 60_000);
    expect(stateOf(room.rooms)).toMatchObject({ status: 'busy', current: { id: 'review' } });
    room.stop();
  });

  it('releases it when nobody came', async () => {
    const room = await roomWithUnit('2026-11-23T09:58:00+01:00', { checkIn: { required: true, releaseNoShows: true } });
    await room.advance(15 * 60_000);
    expect(stateOf(room.rooms)).toMatchObject({ status: 'available', current: null });
    room.stop();
  });

  it('books the room for 30 min when BOOK is pressed while it is free', async () => {
    const room = await roomWithUnit('2026-11-23T08:30:00+01:00');
    room.sim.pressButton('BOOK');
    await settle();
    expect(stateOf(room.rooms)).toMatchObject({ status: 'busy', current: { origin: 'walk-up', end: '2026-11-23T08:00:00.000Z' } });
    expect(room.sim.state.led).toBe('RED/SOLID');
    room.stop();
  });

  it('shows the end-of-meeting banner while someone shares, and clears it after', async () => {
    const room = await roomWithUnit('2026-11-23T10:50:00+01:00');
    room.sim.startSharing(1);
    await settle();
    expect(room.sim.state.banner).toBeNull();
    await room.advance(5 * 60_000);
    expect(room.sim.state.banner).toBe('Meeting ends in 5 min');
    await room.advance(5 * 60_000);
    expect(room.sim.state.banner).toBeNull();
    room.stop();
  });

  it('sleeps after hours and wakes for 15 min on WAKE', async () => {
    const room = await roomWithUnit('2026-11-23T21:00:00+01:00');
    expect(room.sim.state).toMatchObject({ power: 'standby', led: 'OFF/SOLID' });
    room.sim.pressButton('WAKE');
    await settle();
    expect(room.sim.state).toMatchObject({ power: 'on', led: 'GREEN/SOLID' });
    await room.advance(15 * 60_000);
    expect(room.sim.state.power).toBe('standby');
    room.stop();
  });

  it('wakes the monitor for 15 min when people are seen after hours', async () => {
    const room = await roomWithUnit('2026-11-23T22:00:00+01:00');
    expect(room.sim.state.power).toBe('standby');
    room.sim.setPeople(1);
    await settle();
    expect(room.sim.state).toMatchObject({ power: 'on', led: 'GREEN/SOLID' });
    await room.advance(15 * 60_000);
    expect(room.sim.state.power).toBe('standby');
    room.stop();
  });
});
