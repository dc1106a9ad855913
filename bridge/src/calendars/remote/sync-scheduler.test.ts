import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../test/support/fake-clock.ts';
import { linkedRoom as linked, schedulerOver } from '../../../../test/support/scheduler-fixture.ts';
import type { Room } from '../../../../shared/model.ts';

/** A scheduler whose rounds are recorded (room and clock time) instead of reaching Graph. */
function scheduler(rooms: Room[], random: () => number, neverLate = false) {
  const clock = new FakeClock('2026-11-23T08:00:00Z');
  const rounds: [string, number][] = [];
  const running = schedulerOver(rooms, clock, (room) => (rounds.push([room.id, (clock.now() - Date.parse('2026-11-23T08:00:00Z')) / 1000]), Promise.resolve(true)), random, neverLate);
  return { clock, rounds, running };
}

/** Advances in 100 ms steps, letting each finished round schedule the next before time moves on. */
async function advance(clock: FakeClock, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    clock.advance(100);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the sync scheduler', () => {
  it('starts each room somewhere in the first period, then syncs it every period stretched or shrunk by at most 10%', async () => {
    const values = [0, 1, 0];
    const { clock, rounds, running } = scheduler([linked('harbour')], () => values.shift() ?? 0.5);
    running.start();
    await advance(clock, 31);
    running.stop();
    // At 0 s (random 0); the round ends within the first 100 ms step, and the next is 16.5 s later (random 1: +10%),
    // then 13.5 s after that (random 0: -10%).
    expect(rounds).toHaveLength(3);
    expect(rounds[1]![1]).toBeCloseTo(0.1 + 16.5, 5);
    expect(rounds[2]![1]).toBeCloseTo(16.6 + 13.5, 5);
  });

  it('never comes later than one period after the last round when told so, spread over its last fifth', async () => {
    const values = [0, 1, 0];
    const { clock, rounds, running } = scheduler([linked('harbour')], () => values.shift() ?? 0.5, true);
    running.start();
    await advance(clock, 31);
    running.stop();
    // At 0 s; the next 15 s later (random 1: the whole period), then 12 s after that (random 0: 80 %).
    expect(rounds[1]![1]).toBeCloseTo(0.1 + 15, 5);
    expect(rounds[2]![1]).toBeCloseTo(15.1 + 12, 5);
  });

  it('picks up a room linked meanwhile and stops syncing one unlinked', async () => {
    const rooms = [linked('harbour')];
    const { clock, rounds, running } = scheduler(rooms, () => 0.5);
    running.start();
    await advance(clock, 10);
    rooms.push(linked('lobby'));
    rooms.splice(0, 1);
    await advance(clock, 60);
    running.stop();
    const harbour = rounds.filter(([id]) => id === 'harbour').length;
    const lobby = rounds.filter(([id]) => id === 'lobby').length;
    expect(harbour).toBe(1);
    expect(lobby).toBeGreaterThanOrEqual(3);
  });
});

describe("the sync scheduler's bookkeeping of rounds", () => {
  /** A scheduler whose rounds wait for the test to end them, one at a time. */
  function controlled(rooms: Room[]) {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const ends: ((synced: boolean) => void)[] = [];
    const running = schedulerOver(rooms, clock, () => new Promise<boolean>((resolve) => ends.push(resolve)));
    const at = (iso: string) => Date.parse(iso);
    return { clock, running, at, end: async (synced: boolean) => (ends.shift()!(synced), await new Promise((resolve) => setImmediate(resolve))) };
  }

  it('records when each room was taken up, when its round started, and when the last one ended, failed or not', async () => {
    const rooms = [linked('harbour')];
    const { clock, running, at, end } = controlled(rooms);
    expect(running.rounds()).toEqual([]);
    running.start();
    expect(running.rounds()).toEqual([{ roomId: 'harbour', since: at('2026-11-23T08:00:00Z'), runningSince: null, lastEndedAt: null }]);

    clock.advance(7500);
    expect(running.rounds()[0]).toMatchObject({ runningSince: at('2026-11-23T08:00:07.500Z'), lastEndedAt: null });
    clock.advance(2500);
    await end(false);
    expect(running.rounds()[0]).toEqual({ roomId: 'harbour', since: at('2026-11-23T08:00:00Z'), runningSince: null, lastEndedAt: at('2026-11-23T08:00:10Z') });

    clock.advance(15_000);
    expect(running.rounds()[0]).toMatchObject({ runningSince: at('2026-11-23T08:00:25Z'), lastEndedAt: at('2026-11-23T08:00:10Z') });
    running.stop();
    expect(running.rounds()).toEqual([]);
    // A round that ends after the stop does not bring the room back.
    await end(true);
    expect(running.rounds()).toEqual([]);
  });

  it('forgets a room once it is unlinked, and takes up one linked meanwhile from then', async () => {
    const rooms = [linked('harbour')];
    const { clock, running, at, end } = controlled(rooms);
    running.start();
    clock.advance(7500);
    await end(true);
    rooms.splice(0, 1, linked('lobby'));
    clock.advance(7500);
    expect(running.rounds()).toEqual([{ roomId: 'lobby', since: at('2026-11-23T08:00:15Z'), runningSince: null, lastEndedAt: null }]);
  });

  it('counts a round started by syncNow, before the room was taken up', async () => {
    const rooms = [linked('harbour')];
    const { clock, running, at, end } = controlled(rooms);
    const synced = running.syncNow('harbour');
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(1000);
    running.start();
    expect(running.rounds()).toEqual([{ roomId: 'harbour', since: at('2026-11-23T08:00:00Z'), runningSince: at('2026-11-23T08:00:00Z'), lastEndedAt: null }]);
    await end(true);
    await synced;
    expect(running.rounds()[0]).toMatchObject({ runningSince: null, lastEndedAt: at('2026-11-23T08:00:01Z') });
    running.stop();
  });
});
