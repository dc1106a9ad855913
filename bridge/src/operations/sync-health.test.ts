import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/clock.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { linkedRoom, schedulerOver } from '../../../test/support/scheduler-fixture.ts';
import type { RoomRounds } from '../calendars/remote/sync-scheduler.ts';
import { checkHealth } from './health-report.ts';
import { STUCK_ROUND_MS, syncProblems } from './sync-health.ts';
import { StoreUnavailableError } from '../store/store-unavailable.ts';
import { StoreHealth } from './store-health.ts';

const reachable = { problem: () => null };

const START = Date.parse('2026-11-23T08:00:00Z');
const rounds = (partial: Partial<RoomRounds>): RoomRounds => ({ roomId: 'harbour', since: START, runningSince: null, lastEndedAt: null, ...partial });

describe('telling a stuck sync from a failing one', () => {
  it('allows a round twice as long as the longest Graph call, 28 minutes, and calls a longer one stuck', () => {
    expect(STUCK_ROUND_MS).toBe(28 * MINUTE_MS);
    const running = [rounds({ runningSince: START, lastEndedAt: START - 5000 })];
    expect(syncProblems(running, START + STUCK_ROUND_MS, 15)).toEqual([]);
    expect(syncProblems(running, START + 29 * MINUTE_MS, 15)).toEqual([
      {
        code: 'sync-stuck',
        roomId: 'harbour',
        since: '2026-11-23T08:00:00.000Z',
        message: expect.stringMatching(/^The calendar sync of room "harbour" has been running for 29 minutes without finishing.*Restart the bridge/),
      },
    ]);
  });

  it('calls a room stalled when no round has run for four periods, counting from its last round or from when it was taken up', () => {
    expect(syncProblems([rounds({ lastEndedAt: START })], START + 60_000, 15)).toEqual([]);
    expect(syncProblems([rounds({ lastEndedAt: START })], START + 61_000, 15)).toEqual([
      { code: 'sync-stalled', roomId: 'harbour', since: '2026-11-23T08:00:00.000Z', message: expect.stringContaining('though one is due every 15 s') },
    ]);
    expect(syncProblems([rounds({})], START + 61_000, 15).map((p) => p.code)).toEqual(['sync-stalled']);
    // A longer period allows longer.
    expect(syncProblems([rounds({ lastEndedAt: START })], START + 3 * MINUTE_MS, 60)).toEqual([]);
  });

  it('names only the rooms that are stuck', () => {
    const now = START + 30 * MINUTE_MS;
    const all = [rounds({ roomId: 'harbour', runningSince: START }), rounds({ roomId: 'lobby', runningSince: now - 1000, lastEndedAt: now - 16_000 })];
    expect(syncProblems(all, now, 15).map((p) => p.roomId)).toEqual(['harbour']);
  });
});

describe('health over a running scheduler, on a fake clock', () => {
  /** Rooms whose rounds fail at once (Microsoft 365 unreachable), except the ones told to hang until released. */
  function bridgeLike() {
    const clock = new FakeClock(START);
    const hanging = new Set<string>();
    const releases: (() => void)[] = [];
    const rooms = [linkedRoom('harbour'), linkedRoom('lobby')];
    const scheduler = schedulerOver(rooms, clock, (room) =>
      hanging.has(room.id) ? new Promise<boolean>((resolve) => releases.push(() => resolve(false))) : Promise.resolve(false),
    );
    const health = () => checkHealth({ clock, version: 'test', roomCount: () => rooms.length, store: reachable, microsoft365: { syncRounds: () => scheduler.rounds(), syncPeriodSeconds: 15 } });
    const advance = async (ms: number) => {
      for (let done = 0; done < ms; done += 1000) {
        clock.advance(1000);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    return { scheduler, hanging, health, advance, release: () => releases.splice(0).forEach((release) => release()) };
  }

  it('stays healthy for an hour of failing rounds, and is unhealthy only while a round hangs', async () => {
    const { scheduler, hanging, health, advance, release } = bridgeLike();
    scheduler.start();
    await advance(60 * MINUTE_MS);
    expect(health()).toEqual({ status: 'ok', version: 'test', time: '2026-11-23T09:00:00.000Z', rooms: 2, problems: [], warnings: [] });

    hanging.add('harbour');
    await advance(16_000);
    hanging.delete('harbour');
    await advance(27 * MINUTE_MS);
    expect(health().status).toBe('ok');
    await advance(2 * MINUTE_MS);
    expect(health()).toMatchObject({ status: 'unhealthy', problems: [{ code: 'sync-stuck', roomId: 'harbour' }] });

    release();
    await advance(1000);
    expect(health()).toMatchObject({ status: 'ok', problems: [] });
    await advance(60_000);
    expect(health().status).toBe('ok');
    scheduler.stop();
  });

  it('is healthy without Microsoft 365', () => {
    const clock = new FakeClock(START);
    expect(checkHealth({ clock, version: '1.2.3', roomCount: () => 1, store: reachable })).toEqual({ status: 'ok', version: '1.2.3', time: '2026-11-23T08:00:00.000Z', rooms: 1, problems: [], warnings: [] });
  });

  it('is unhealthy while the store cannot be reached, since the first check that found it so', () => {
    const clock = new FakeClock(START);
    let down = true;
    const store = new StoreHealth(() => {
      if (down) throw new StoreUnavailableError('PostgreSQL: cannot connect (connection refused)');
    }, clock);
    const health = () => checkHealth({ clock, version: '1.2.3', roomCount: () => 1, store });
    expect(health()).toMatchObject({ status: 'unhealthy', rooms: null, problems: [{ code: 'store-unreachable', since: '2026-11-23T08:00:00.000Z' }] });
    clock.advance(60_000);
    const later = health();
    expect(later.problems).toEqual([
      {
        code: 'store-unreachable',
        since: '2026-11-23T08:00:00.000Z',
        message: expect.stringContaining('The bridge cannot reach its database (PostgreSQL: cannot connect (connection refused))'),
      },
    ]);
    down = false;
    expect(health()).toMatchObject({ status: 'ok', rooms: 1, problems: [], warnings: [] });
  });

  it('lets any other store failure through, as a bug to be logged', () => {
    const store = new StoreHealth(() => {
      throw new Error('no such table: rooms');
    }, new FakeClock(START));
    expect(() => store.problem()).toThrow('no such table: rooms');
  });
});
