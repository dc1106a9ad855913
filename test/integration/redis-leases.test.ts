import { pino } from 'pino';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisLeases } from '../../bridge/src/cluster/redis-leases.ts';
import { StoreUnavailableError } from '../../bridge/src/store/store-unavailable.ts';
import { systemClock } from '../../bridge/src/system-clock.ts';
import { startRedisServer } from '../support/redis-server.ts';

const LEASES = ['credential', 'room:a', 'room:b', 'room:c', 'room:d', 'room:e'];
/** Short, so a test sees leases expire and move in about a second. */
const TIMING = { ttlMs: 900, renewEveryMs: 150 };
const logger = pino({ level: 'silent' });

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function process_(url: string, owner: string, rooms: () => string[] = () => LEASES) {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  const leases = new RedisLeases(client, systemClock, logger, { owner, leases: rooms, ...TIMING });
  const gained: string[] = [];
  leases.onGained((names) => gained.push(...names));
  leases.start();
  cleanup.push(async () => {
    await leases.release();
    if (client.isOpen) await client.quit();
  });
  return { leases, client, gained, held: () => LEASES.filter((name) => leases.owns(name)) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('sync leases in Redis', () => {
  it('processes started together share the leases, each held by exactly one', async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const [a, b] = await Promise.all([process_(redis.url, 'a'), process_(redis.url, 'b')]);
    await until(() => a.held().length + b.held().length === LEASES.length, 3_000, 'every lease held');
    expect(a.held()).toHaveLength(3);
    expect(b.held()).toHaveLength(3);
    expect(a.held().filter((name) => b.held().includes(name))).toEqual([]);
    expect([...a.gained, ...b.gained].sort()).toEqual([...LEASES].sort());
  });

  it('a holder cut off from Redis stops before its leases move, and they move within one expiry and a renewal', async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const [a, b] = await Promise.all([process_(redis.url, 'a'), process_(redis.url, 'b')]);
    await until(() => a.held().length + b.held().length === LEASES.length, 3_000, 'every lease held');
    const cutOff = a.held();

    a.client.destroy();
    const cutAt = Date.now();
    let overlaps = 0;
    while (b.held().length < LEASES.length) {
      overlaps += LEASES.filter((name) => a.leases.owns(name) && b.leases.owns(name)).length;
      if (Date.now() - cutAt > 3_000) throw new Error(`b holds ${b.held().join(', ')} after 3 s`);
      await sleep(5);
    }
    expect(overlaps).toBe(0);
    expect(Date.now() - cutAt).toBeLessThanOrEqual(TIMING.ttlMs + 2 * TIMING.renewEveryMs + 200);
    expect(b.gained).toEqual(expect.arrayContaining(cutOff));
    expect(a.held()).toEqual([]);
  });

  it('a holder that cannot read its rooms (its store unreachable) lets its leases run out to a process that can', async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    let storeUp = true;
    const a = await process_(redis.url, 'a', () => {
      if (!storeUp) throw new StoreUnavailableError('PostgreSQL: cannot connect (connection refused)');
      return LEASES;
    });
    const b = await process_(redis.url, 'b');
    await until(() => a.held().length > 0 && a.held().length + b.held().length === LEASES.length, 3_000, 'every lease held, some by a');

    storeUp = false;
    await until(() => b.held().length === LEASES.length, 3_000, 'b to hold every lease');
    expect(a.held()).toEqual([]);
  });

  it('a process started later gets its share as the holder lets its excess run out, never held twice', async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const a = await process_(redis.url, 'a');
    await until(() => a.held().length === LEASES.length, 3_000, 'a to hold every lease');

    const b = await process_(redis.url, 'b');
    const joinedAt = Date.now();
    let overlaps = 0;
    while (b.held().length < LEASES.length / 2) {
      overlaps += LEASES.filter((name) => a.leases.owns(name) && b.leases.owns(name)).length;
      if (Date.now() - joinedAt > 3_000) throw new Error(`b holds ${b.held().join(', ')} after 3 s`);
      await sleep(5);
    }
    expect(overlaps).toBe(0);
    expect(Date.now() - joinedAt).toBeLessThanOrEqual(TIMING.ttlMs + 3 * TIMING.renewEveryMs + 200);
    expect(a.held()).toHaveLength(LEASES.length / 2);
    expect(b.gained.sort()).toEqual(b.held().sort());
    // Shared, it stays shared: nothing flaps back over the next renewals.
    const settled = [...a.held()];
    await sleep(TIMING.ttlMs);
    expect(a.held()).toEqual(settled);
    expect(b.held()).toHaveLength(LEASES.length / 2);
  });

  it('a process that stops cleanly hands its leases over at the next renewal, without waiting for expiry', async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const [a, b] = await Promise.all([process_(redis.url, 'a'), process_(redis.url, 'b')]);
    await until(() => a.held().length + b.held().length === LEASES.length, 3_000, 'every lease held');

    const releasedAt = Date.now();
    await a.leases.release();
    expect(a.held()).toEqual([]);
    await until(() => b.held().length === LEASES.length, 3_000, 'b to hold every lease');
    expect(Date.now() - releasedAt).toBeLessThan(TIMING.ttlMs);
  });
});
