import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Clock } from '../../../shared/clock.ts';
import type { Logger } from '../logger.ts';
import { RedisLeases } from './redis-leases.ts';
import { maskedUrl } from '../masked-url.ts';

/** What a bridge process needs to work beside others behind one address. */
export interface Cluster {
  /** socket.io's Redis adapter: an emit in any process reaches the displays connected to every process. */
  adapter: ReturnType<typeof createAdapter>;
  ownership: RedisLeases;
  /** Unique among the processes sharing the Redis: host, PID and a random part. */
  processId: string;
  close(): Promise<void>;
}

/** How long a process waits for Redis at start before it refuses to start. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connects to Redis (rejecting with a sentence an admin can act on when it
 * does not answer) and makes the adapter and the leases on it. Loaded only
 * when LINTEL_REDIS_URL is set: a lone bridge carries no Redis client.
 */
export async function joinCluster(url: string, deps: { clock: Clock; logger: Logger; leases: () => string[] }): Promise<Cluster> {
  const logger = deps.logger.child({ component: 'cluster' });
  const pub = createClient({ url, socket: { connectTimeout: CONNECT_TIMEOUT_MS } });
  const sub = pub.duplicate();
  let connected = false;
  for (const client of [pub, sub]) {
    // node-redis reconnects on its own; until it does, leases run out and fan-out stays within this process.
    client.on('error', (error: unknown) => {
      if (connected) logger.error({ err: error }, 'Redis connection lost: reconnecting');
    });
  }
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (error) {
    pub.destroy();
    sub.destroy();
    throw new Error(`Redis at ${maskedUrl(url)} does not answer (${String(error)}): start it, or correct LINTEL_REDIS_URL`, { cause: error });
  }
  connected = true;
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const ownership = new RedisLeases(pub, deps.clock, logger, { owner, leases: deps.leases });
  ownership.start();
  logger.info({ redis: maskedUrl(url), owner }, 'joined the bridges sharing this Redis');
  return {
    // The longest request between processes is an admin's "Check status": a token and a round per room against a healthy Graph.
    adapter: createAdapter(pub, sub, { requestsTimeout: 15_000 }),
    ownership,
    processId: owner,
    async close() {
      await ownership.release();
      await Promise.all([pub.quit(), sub.quit()]).catch(() => undefined);
    },
  };
}
