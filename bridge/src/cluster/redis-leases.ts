import type { Clock } from '../../../shared/clock.ts';
import type { Logger } from '../logger.ts';
import type { SyncOwnership } from './sync-ownership.ts';

/** The one Redis command the leases need; node-redis clients have it. */
export interface RedisScripting {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisLeasesOptions {
  /** Unique among the processes sharing the Redis: host, PID and a random part. */
  owner: string;
  /** Every lease this process may hold; read on every renewal, so rooms added meanwhile are included. */
  leases: () => string[];
  /** A dead holder's leases expire after this long. */
  ttlMs?: number;
  /** How often leases are renewed and free ones taken. */
  renewEveryMs?: number;
}

/**
 * 15 s to expire plus at most one 5 s renewal period to notice: a lease moves
 * within 20 s of its holder's death, inside the 30 s promised, with room for
 * the new holder's first sync round.
 */
const TTL_MS = 15_000;
const RENEW_EVERY_MS = 5_000;
/**
 * A holder stops this share of the expiry before its lease can expire in
 * Redis (1 s of 15 s): its clock and Redis's may run a little apart.
 */
const SAFETY_SHARE = 1 / 15;

/** Hash-tagged, so every key lands on one slot and the scripts also run on a Redis Cluster. */
const PREFIX = '{lintel}';
const MEMBERS = `${PREFIX}:members`;

/**
 * One round trip renews what this process holds and takes free leases up to
 * its fair share of the processes alive (members expire like leases). Redis's
 * own clock judges membership, so the machines' clocks need not agree.
 * Leases held beyond the fair share are not renewed: they run out as a dead
 * holder's would, so the holder has stopped before a newcomer takes them.
 */
const RENEW_AND_TAKE = `
local owner, ttl, take = ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1'
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + ttl, owner)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local fair = math.ceil((#KEYS - 1) / redis.call('ZCARD', KEYS[1]))
local held, count = {}, 0
for i = 2, #KEYS do
  held[i - 1] = 0
  if count < fair and redis.call('GET', KEYS[i]) == owner then
    redis.call('PEXPIRE', KEYS[i], ttl)
    held[i - 1], count = 1, count + 1
  end
end
for i = 2, #KEYS do
  if not take or count >= fair then break end
  if held[i - 1] == 0 and redis.call('SET', KEYS[i], owner, 'NX', 'PX', ttl) then
    held[i - 1], count = 1, count + 1
  end
end
return held`;

const RELEASE = `
for i = 2, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
end
redis.call('ZREM', KEYS[1], ARGV[1])
return 0`;

/**
 * Leases in Redis (see SyncOwnership for the rules). The first renewal only
 * announces this process, so processes started together see each other
 * before taking leases and share the rooms. A process started later (a
 * restart, one added for load) gets its share within one expiry: the others
 * let their excess run out.
 */
export class RedisLeases implements SyncOwnership {
  readonly #redis: RedisScripting;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #options: Required<RedisLeasesOptions>;
  readonly #listeners = new Set<(leases: string[]) => void>();
  #held = new Set<string>();
  #validUntil = 0;
  #renewals = 0;
  #cancel: () => void = () => {};
  #running: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(redis: RedisScripting, clock: Clock, logger: Logger, options: RedisLeasesOptions) {
    this.#redis = redis;
    this.#clock = clock;
    this.#logger = logger;
    this.#options = { ttlMs: TTL_MS, renewEveryMs: RENEW_EVERY_MS, ...options };
  }

  start(): void {
    this.#tick();
  }

  owns(lease: string): boolean {
    return this.#held.has(lease) && this.#clock.now() < this.#validUntil;
  }

  onGained(listener: (leases: string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves when a renewal under way has finished (tests wait for the first ones). */
  settled(): Promise<void> {
    return this.#running;
  }

  async release(): Promise<void> {
    this.#stopped = true;
    this.#cancel();
    await this.#running;
    const keys = [MEMBERS, ...[...this.#held].map(key)];
    this.#held = new Set();
    await this.#redis.eval(RELEASE, { keys, arguments: [this.#options.owner] }).catch((error: unknown) => {
      this.#logger.warn({ err: error }, 'could not hand the sync leases back to Redis: other bridges take them over when they expire');
    });
  }

  #tick(): void {
    if (this.#stopped) return;
    this.#running = this.#renew().finally(() => {
      if (!this.#stopped) this.#cancel = this.#clock.setTimer(() => this.#tick(), this.#options.renewEveryMs);
    });
  }

  async #renew(): Promise<void> {
    const { owner, ttlMs } = this.#options;
    let leases: string[];
    try {
      leases = this.#options.leases();
    } catch (error) {
      // The rooms cannot be read (the store is unreachable): this process cannot sync them either, so its leases run out and move to one that can.
      this.#logger.error({ err: error }, 'the rooms could not be read: sync leases are not renewed');
      return;
    }
    const before = new Set(leases.filter((lease) => this.owns(lease)));
    const sentAt = this.#clock.now();
    const take = this.#renewals++ > 0;
    let answer: unknown;
    try {
      answer = await this.#redis.eval(RENEW_AND_TAKE, { keys: [MEMBERS, ...leases.map(key)], arguments: [owner, String(ttlMs), take ? '1' : '0'] });
    } catch (error) {
      // Held leases simply run out: owns() turns false before another process can take them.
      this.#logger.error({ err: error }, 'Redis did not answer: sync leases could not be renewed');
      return;
    }
    if (this.#stopped) return;
    const flags = Array.isArray(answer) ? answer : [];
    this.#held = new Set(leases.filter((_, index) => flags[index] === 1));
    this.#validUntil = sentAt + ttlMs * (1 - SAFETY_SHARE);
    const given = [...before].filter((lease) => !this.#held.has(lease));
    if (given.length > 0) this.#logger.info({ given: given.length, held: this.#held.size }, 'letting sync leases run out for a bridge process that joined');
    const gained = [...this.#held].filter((lease) => !before.has(lease));
    if (gained.length === 0) return;
    this.#logger.info({ gained: gained.length, held: this.#held.size }, 'took over sync leases');
    for (const listener of this.#listeners) listener(gained);
  }
}

function key(lease: string): string {
  return `${PREFIX}:lease:${lease}`;
}
