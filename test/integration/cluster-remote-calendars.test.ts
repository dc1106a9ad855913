import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_API_PATH } from '../../shared/admin-api.ts';
import { MINUTE_MS } from '../../shared/clock.ts';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { ics, vevent } from '../support/icalendar-text.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { startPostgresServer } from '../support/postgres-server.ts';
import { basic, startRadicale } from '../support/radicale-server.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { roomStateOf } from '../support/room-over-http.ts';
import { until } from '../support/until.ts';

const PASSWORD = 'annex-room-secret';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const icsTime = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

describe('a CalDAV room added on the admin page of one bridge process, two on Redis and PostgreSQL', () => {
  it("is synced by the other once the first is gone, with the password sealed by the data dir's key both hold (admin guide, section 10)", { timeout: 120_000 }, async () => {
    const radicale = await startRadicale({ users: { annex: PASSWORD } });
    cleanup.push(() => radicale.stop());
    const collection = await radicale.createCalendar('annex', 'annex');
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const postgres = await startPostgresServer();
    cleanup.push(() => postgres.stop());
    const databaseUrl = postgres.createDatabase();
    const leases = createClient({ url: redis.url });
    await leases.connect();
    cleanup.push(() => leases.quit().then(() => undefined));

    // Two machines: a data dir each, and the first's seal key copied to the second, as the admin guide says.
    const key = randomBytes(32);
    const dataDirs = [tempDataDir(), tempDataDir()];
    for (const data of dataDirs) {
      cleanup.push(() => data.remove());
      writeFileSync(join(data.dir, 'm365-account.key'), key, { mode: 0o600 });
    }
    const env = { LINTEL_REDIS_URL: redis.url, LINTEL_DATABASE_URL: databaseUrl, LINTEL_CALENDAR_SYNC_SECONDS: '5' };
    const bridges: BridgeProcess[] = [];
    for (const data of dataDirs) {
      const bridge = await startBridgeProcess({ dataDir: data.dir, env });
      cleanup.push(() => bridge.stop('SIGKILL'));
      bridges.push(bridge);
    }
    const token = bridges.flatMap((bridge) => [...bridge.startupOutput.matchAll(/local admin token \(for the admin page without Microsoft 365\): (\S+)/g)].map((match) => match[1]))[0]!;
    const admin = (bridge: BridgeProcess, method: string, path: string, body: unknown) =>
      fetch(`${bridge.url}${ADMIN_API_PATH}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const added = await admin(bridges[0]!, 'POST', '/rooms', { name: 'Annex', timeZone: zoneAtMidday(Date.now()), calendar: { type: 'caldav', url: collection, username: 'annex', password: PASSWORD } });
    expect(added.status).toBe(201);
    expect((await admin(bridges[1]!, 'PUT', '/rooms/annex/access', { access: 'open' })).status).toBe(200);

    // The process that added the room goes: the other, on its own machine, reads it with the password the first sealed.
    await until(async () => ((await leases.get('{lintel}:lease:room:annex')) ? true : undefined), 20_000, "the room's sync lease taken");
    const survivor = bridges[1]!;
    await bridges[0]!.stop('SIGKILL');

    const start = Date.now() - 5 * MINUTE_MS;
    const meeting = ics(vevent('UID:failover', `DTSTART:${icsTime(start)}`, `DTEND:${icsTime(start + 30 * MINUTE_MS)}`, 'SUMMARY:Annex after the failover'));
    const put = await fetch(`${collection}failover.ics`, { method: 'PUT', headers: { authorization: basic('annex', PASSWORD), 'content-type': 'text/calendar' }, body: meeting });
    expect(put.status).toBe(201);
    await until(
      async () => ((await roomStateOf(survivor, 'annex')).events.some((event) => event.subject === 'Annex after the failover') ? true : undefined),
      45_000,
      'the survivor to read the room with the sealed password',
    );
  });
});
