import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminStatus } from '../../shared/admin-api.ts';
import type { RoomState } from '../../shared/model.ts';
import { startGraphEmulator } from '../graph-emulator/graph-emulator.ts';
import { EmulatedTenant } from '../graph-emulator/tenant.ts';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { adminRequest, pairingDisplay, type AdminAnswer } from '../support/admin-client.ts';
import { postJson } from '../support/http.ts';
import { emulatedM365Env } from '../support/m365-process-env.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { scrape } from '../support/prometheus-text.ts';
import { startPostgresServer } from '../support/postgres-server.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { watchingClient, type TestSocket } from '../support/socket-client.ts';
import { until } from '../support/until.ts';

const SERVICE = 'lintel-bookings@contoso.example';
const PERSON = 'ada@contoso.example';
const SECRET = 'cluster~test~secret';
const ROOMS = Array.from({ length: 6 }, (_, i) => ({ id: `room-${i}`, name: `Room ${i}`, mailbox: `room-${i}@contoso.example` }));

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The states a display socket receives, kept, so a test can wait for one that shows what it expects. */
function received(socket: TestSocket): RoomState[] {
  const states: RoomState[] = [];
  socket.on('room:state', (state) => states.push(state));
  return states;
}

/** How the processes share their store: one SQLite data dir on one machine, or a PostgreSQL database and a data dir each, as on two machines. */
type Sharing = 'one data dir' | 'PostgreSQL';

/**
 * Two bridge processes behind one address share a store and a Debian
 * redis-server on a random port, against the Graph emulator. Their rooms are
 * in a zone where it is midday, so meetings booked hours ahead are on today's
 * displays whenever the test runs.
 */
async function twoBridges(sharing: Sharing, options: { syncSeconds?: number } = {}) {
  const redis = await startRedisServer();
  cleanup.push(() => redis.stop());
  const leases = createClient({ url: redis.url });
  await leases.connect();
  cleanup.push(() => leases.quit().then(() => undefined));

  const tenant = new EmulatedTenant();
  const app = tenant.addApp({ secret: SECRET, secretEndDateTime: '2030-01-01T00:00:00Z', roles: ['Calendars.ReadWrite', 'Place.Read.All', 'Application.ReadWrite.OwnedBy'] });
  tenant.addMailbox({ displayName: 'Lintel Bookings', emailAddress: SERVICE });
  tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
  for (const room of ROOMS) tenant.addRoom({ displayName: room.name, emailAddress: room.mailbox });
  const emulator = await startGraphEmulator(tenant);
  cleanup.push(() => emulator.close());

  const dataDirs = Array.from({ length: sharing === 'PostgreSQL' ? 2 : 1 }, () => tempDataDir());
  for (const data of dataDirs) cleanup.push(() => data.remove());
  let databaseUrl: string | undefined;
  if (sharing === 'PostgreSQL') {
    const postgres = await startPostgresServer();
    cleanup.push(() => postgres.stop());
    databaseUrl = postgres.createDatabase();
  }
  const env = {
    ...emulatedM365Env({
      dataDir: dataDirs[0]!.dir,
      emulator,
      tenantId: tenant.tenantId,
      clientId: app.appId,
      secret: SECRET,
      serviceMailbox: SERVICE,
      rooms: ROOMS,
      timeZone: zoneAtMidday(Date.now()),
      // Its clients are anonymous: what is shared between processes here is not who may read a room.
      access: 'open',
    }),
    LINTEL_REDIS_URL: redis.url,
    LINTEL_M365_SYNC_SECONDS: String(options.syncSeconds ?? 5),
    ...(databaseUrl ? { LINTEL_DATABASE_URL: databaseUrl } : {}),
  };
  const start = async (index: number) => {
    const dataDir = dataDirs[index % dataDirs.length]!.dir;
    const bridge = await startBridgeProcess({ dataDir, env: { ...env, LINTEL_DATA_DIR: dataDir } });
    cleanup.push(() => bridge.stop('SIGKILL'));
    return bridge;
  };
  const [first, second] = await Promise.all([start(0), start(1)]);

  /** Which bridge holds each room's sync lease, read from Redis itself. */
  const holders = async (): Promise<Map<string, BridgeProcess | undefined>> => {
    const owners = await leases.mGet(ROOMS.map((room) => `{lintel}:lease:room:${room.id}`));
    return new Map(ROOMS.map((room, i) => [room.id, [first, second].find((bridge) => owners[i]?.includes(`:${bridge.pid}:`))]));
  };
  /** Waits until every room is leased, some by each bridge: the rooms are shared out. */
  const sharedOut = () =>
    until(
      async () => {
        const leased = await holders();
        const by = [...leased.values()];
        return by.every(Boolean) && by.includes(first) && by.includes(second) ? leased : undefined;
      },
      20_000,
      'every room leased, some by each bridge',
    );
  const adminToken = sharedAdminToken(sharing, [first, second]);
  return { tenant, first, second, holders, sharedOut, adminToken };
}

/**
 * The token every process accepts: in the data dir they share, or made once
 * in the database and shown by the one process that made it.
 */
function sharedAdminToken(sharing: Sharing, bridges: BridgeProcess[]): string {
  if (sharing === 'one data dir') return readFileSync(join(bridges[0]!.dataDir, 'admin-token'), 'utf8').trim();
  const shown = bridges.flatMap((bridge) => [...bridge.startupOutput.matchAll(/local admin token \(for the admin page without Microsoft 365\): (\S+)/g)].map((match) => match[1]));
  expect(shown, 'the token, shown by exactly one process').toHaveLength(1);
  return shown[0]!;
}

describe.each(['one data dir', 'PostgreSQL'] as const)('two bridge processes on Redis, sharing %s', (sharing) => {
  it('share the rooms, and an action through one reaches displays connected to the other', { timeout: 90_000 }, async () => {
    const { first, second, sharedOut } = await twoBridges(sharing);

    const shared = [...(await sharedOut()).values()];
    expect(shared.filter((bridge) => bridge === first).length).toBe(ROOMS.length / 2);
    // What monitoring sees: each room synced by exactly one of the processes, the one Redis names. A process learns
    // of a lease it took when Redis's answer reaches it, a moment after Redis holds it: on a busy machine, later.
    const seenBy = async () => {
      const [firstMetrics, secondMetrics] = await Promise.all([scrape(first.url), scrape(second.url)]);
      return ROOMS.map((room) => [firstMetrics.get(`lintel_room_synced_here{room="${room.id}"}`), secondMetrics.get(`lintel_room_synced_here{room="${room.id}"}`)]);
    };
    const expected = shared.map((holder) => (holder === first ? [1, 0] : [0, 1]));
    await until(async () => (JSON.stringify(await seenBy()) === JSON.stringify(expected) ? true : undefined), 5_000, 'each room synced by the process Redis names').catch(() => undefined);
    expect(await seenBy()).toEqual(expected);

    const onSecond = await watchingClient(second.url, { roomId: 'room-0' });
    cleanup.push(() => void onSecond.socket.close());
    const alsoOnSecond = await watchingClient(second.url, { roomId: 'room-0' });
    cleanup.push(() => void alsoOnSecond.socket.close());
    const states = [received(onSecond.socket), received(alsoOnSecond.socket)];

    const booking = await postJson(`${first.url}/api/rooms/room-0/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 30 });
    expect(booking.status).toBe(200);
    for (const display of states) {
      const busy = await until(() => display.find((state) => state.status === 'busy'), 5_000, 'the booking on a display of the other bridge');
      expect(busy.current?.origin).toBe('walk-up');
    }

    // And the other way round, over the socket a display uses.
    const onFirst = await watchingClient(first.url, { roomId: 'room-0' });
    cleanup.push(() => void onFirst.socket.close());
    const firstStates = received(onFirst.socket);
    const ended = await onSecond.socket.emitWithAck('room:action', { roomId: 'room-0', action: { id: crypto.randomUUID(), type: 'end-now' } });
    expect(ended.ok).toBe(true);
    await until(() => firstStates.find((state) => state.status === 'available'), 5_000, 'the ended meeting on a display of the first bridge');
  });

  it('moves a dead bridge’s rooms to the other within 30 s, with no booking lost or made twice', { timeout: 120_000 }, async () => {
    const { tenant, first, second, holders } = await twoBridges(sharing);
    await until(async () => ([...(await holders()).values()].every(Boolean) ? true : undefined), 20_000, 'every room leased');
    const before = await holders();
    const victimRooms = ROOMS.filter((room) => before.get(room.id) === first);
    expect(victimRooms.length).toBeGreaterThan(0);

    const watcher = await watchingClient(second.url, { roomId: victimRooms[0]!.id });
    cleanup.push(() => void watcher.socket.close());
    const states = received(watcher.socket);

    // Slow Exchange down, so the kill lands while walk-up bookings (made through both bridges) are on their way.
    for (let i = 0; i < 40; i++) tenant.faults.push({ kind: 'latency', ms: 300, mailbox: SERVICE });
    const bookings = ROOMS.map((room, i) => ({ room, via: i % 2 === 0 ? first : second, action: { id: crypto.randomUUID(), type: 'book-now', minutes: 30 } }));
    const answers = await Promise.all(bookings.map(({ room, via, action }) => postJson(`${via.url}/api/rooms/${room.id}/actions`, action)));
    expect(answers.map((answer) => answer.status)).toEqual(ROOMS.map(() => 200));

    const killedAt = Date.now();
    await first.stop('SIGKILL');
    expect(tenant.eventsOf(SERVICE).length).toBeLessThan(ROOMS.length);
    await until(
      async () => ([...(await holders()).values()].every((bridge) => bridge === second) ? true : undefined),
      30_000,
      "the second bridge to hold every room's lease",
    );
    expect(Date.now() - killedAt, 'time for the leases to move').toBeLessThan(30_000);

    // The survivor syncs the dead bridge's rooms: a meeting booked in Outlook reaches its display.
    const victim = victimRooms[0]!;
    tenant.scheduleMeeting(PERSON, {
      subject: 'Planning after the failover',
      start: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      end: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      rooms: [victim.mailbox],
    });
    await until(
      () => states.find((state) => state.events.some((event) => event.subject === 'Planning after the failover')),
      15_000,
      `the survivor to sync ${victim.id} from Exchange`,
    );

    await until(() => (tenant.eventsOf(SERVICE).length >= ROOMS.length ? true : undefined), 30_000, 'every walk-up booking in Exchange');
    // Give a wrongly repeated create the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const made = tenant.eventsOf(SERVICE).map((event) => event.transactionId);
    expect(made.sort()).toEqual(bookings.map(({ action }) => `walk-up-${action.id}`).sort());
    for (const room of ROOMS) expect(tenant.eventsOf(room.mailbox).filter((event) => event.subject !== 'Planning after the failover')).toHaveLength(1);
  });

  it('an admin page served by one process links a display connected to the other, and a revoke stops both', { timeout: 90_000 }, async () => {
    const { tenant, first, second, holders, adminToken } = await twoBridges(sharing);
    await until(async () => ([...(await holders()).values()].every(Boolean) ? true : undefined), 20_000, 'every room leased');

    const display = await pairingDisplay(second.url);
    cleanup.push(() => void display.socket.close());
    const { code } = await display.code();
    const assigned = display.nextAssignment();
    const linked = await adminRequest(first.url, 'POST', '/links', { token: adminToken, body: { code, room: { roomId: 'room-2' } } });
    expect(linked.status).toBe(200);
    expect(await assigned).toBe('room-2');
    const again = await adminRequest(second.url, 'POST', '/links', { token: adminToken, body: { code, room: { roomId: 'room-3' } } });
    expect(again.body).toMatchObject({ code: 'pairing-code-used' });

    // The admin page served by the process not holding the display's socket sees it online, and Identify reaches it.
    const onlineOn = async (bridge: BridgeProcess) =>
      ((await adminRequest(bridge.url, 'GET', '/status', { token: adminToken })).body as AdminStatus).displays.find((each) => each.id === display.displayId)?.online;
    expect([await onlineOn(first), await onlineOn(second)]).toEqual([true, true]);
    const identified = new Promise((resolve) => display.socket.once('display:identify', resolve));
    expect((await adminRequest(first.url, 'POST', `/displays/${display.displayId}/identify`, { token: adminToken })).status).toBe(200);
    expect(await identified).toMatchObject({ room: 'Room 2', seconds: 10 });

    display.socket.close();
    await until(async () => ((await onlineOn(first)) === false ? true : undefined), 5_000, 'the display closed to be offline on the other process');

    const revoked = await adminRequest(first.url, 'POST', '/revoke', { token: adminToken });
    expect(revoked.status).toBe(200);
    for (const bridge of [first, second]) {
      const connection = async () => ((await adminRequest(bridge.url, 'GET', '/status', { token: adminToken })).body as { connection: { reason?: string } }).connection;
      await until(async () => ((await connection()).reason === 'revoked' ? true : undefined), 5_000, 'the revoke to reach both processes');
      expect(await connection()).toMatchObject({ state: 'not-connected', reason: 'revoked' });
    }
    // Neither process goes on asking Exchange about the rooms.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const asked = ROOMS.map((room) => tenant.requestCount(room.mailbox));
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(ROOMS.map((room) => tenant.requestCount(room.mailbox))).toEqual(asked);
  });

  it('an admin page served by either process shows and checks every room, and a room linked through either is synced at once', { timeout: 120_000 }, async () => {
    // Sync rounds a minute apart: what happens sooner was done at once, not by the schedule.
    const { tenant, first, second, sharedOut, adminToken } = await twoBridges(sharing, { syncSeconds: 60 });
    const held = await sharedOut();
    const [checked, relinked] = ROOMS.filter((room) => held.get(room.id) === first);
    const problems = (answer: AdminAnswer) => (answer.body as AdminStatus).warnings.map((warning) => `${warning.code}@${warning.roomId ?? '-'}`);
    const ask = (bridge: BridgeProcess, method: 'GET' | 'POST', path: string) => adminRequest(bridge.url, method, path, { token: adminToken });

    // A problem only the first process can see (it syncs the room), checked from the second's admin page.
    tenant.room(checked!.mailbox)!.unreachable = 'access-denied';
    expect(problems(await ask(second, 'POST', '/check'))).toEqual([`room-access-policy@${checked!.id}`]);
    expect(problems(await ask(first, 'GET', '/status'))).toEqual([`room-access-policy@${checked!.id}`]);
    delete tenant.room(checked!.mailbox)!.unreachable;
    expect(problems(await ask(second, 'POST', '/check'))).toEqual([]);
    expect(problems(await ask(first, 'GET', '/status'))).toEqual([]);

    // The second process links a room the first syncs to another mailbox: its meetings reach the display at once.
    tenant.addRoom({ displayName: 'Boardroom', emailAddress: 'boardroom@contoso.example' });
    const start = Date.now() + 3_600_000;
    tenant.scheduleMeeting(PERSON, { subject: 'Board meeting', start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString(), rooms: ['boardroom@contoso.example'] });
    const display = await watchingClient(second.url, { roomId: relinked!.id });
    cleanup.push(() => void display.socket.close());
    const states = received(display.socket);
    expect((await adminRequest(second.url, 'DELETE', `/rooms/${relinked!.id}/microsoft-365`, { token: adminToken })).status).toBe(200);
    const linked = await adminRequest(second.url, 'PUT', `/rooms/${relinked!.id}/microsoft-365`, { token: adminToken, body: { mailbox: 'boardroom@contoso.example' } });
    expect(linked.status).toBe(200);
    await until(() => states.find((state) => state.events.some((event) => event.subject === 'Board meeting')), 10_000, 'the new mailbox’s meeting on the room’s display');
  });
});
