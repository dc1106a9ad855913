import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { toIso } from '../../shared/clock.ts';
import { SimulatedPort } from '../../bridge/src/devices/base-unit/simulated-port.ts';
import { UnitSession } from '../../bridge/src/devices/base-unit/unit-session.ts';
import { HealthReport } from '../../bridge/src/operations/health-report.ts';
import { documented } from '../support/admin-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson } from '../support/http.ts';
import { startTestBridge } from '../support/in-process-bridge.ts';
import { startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';
import { scrape } from '../support/prometheus-text.ts';
import { watchingClient, type TestSocket } from '../support/socket-client.ts';

const HARBOUR = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const LOBBY = { id: 'lobby', name: 'Lobby', mailbox: 'lobby@contoso.example' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function health(url: string): Promise<{ status: number; body: HealthReport }> {
  const { status, body } = await getJson(`${url}/api/health`);
  return { status, body: documented(HealthReport, body) };
}

async function startM365(rooms = [HARBOUR]): Promise<M365Bridge> {
  const m365 = await startM365Bridge({ clock: new FakeClock('2026-11-23T08:00:00Z'), rooms });
  cleanups.push(() => m365.close());
  await m365.settle();
  return m365;
}

describe('monitoring a bridge without Microsoft 365', () => {
  it('counts connected displays in all and per room, and shows how the base unit stands', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00+01:00');
    const port = new SimulatedPort(clock, { serial: 'SIM-demo' });
    const unit = new UnitSession(port, clock, pino({ level: 'silent' }));
    unit.start();
    const bridge = await startTestBridge({ clock, rooms: [{ id: 'demo' }, { id: 'lobby', name: 'Lobby' }], baseUnits: new Map([['demo', unit]]) });
    cleanups.push(() => bridge.close());
    const sockets: TestSocket[] = [];
    cleanups.push(() => sockets.forEach((socket) => socket.disconnect()));
    for (const roomId of ['demo', 'demo', 'lobby']) sockets.push((await watchingClient(bridge.url, { roomId })).socket);

    let metrics = await until(() => scrape(bridge.url), (m) => m.get('lintel_base_unit_power{room="demo",state="on"}') === 1, 'the unit powered on in office hours');
    expect(metrics.get('lintel_displays_connected')).toBe(3);
    expect(metrics.get('lintel_room_displays_connected{room="demo"}')).toBe(2);
    expect(metrics.get('lintel_room_displays_connected{room="lobby"}')).toBe(1);
    expect(metrics.get('lintel_base_unit_connected{room="demo"}')).toBe(1);
    expect(metrics.get('lintel_base_unit_power{room="demo",state="standby"}')).toBe(0);
    expect(metrics.get('lintel_base_unit_sharing{room="demo"}')).toBe(0);
    // The lobby has no base unit, and nothing of Microsoft 365 is there without it.
    expect([...metrics.keys()].filter((name) => name.includes('lobby') && name.startsWith('lintel_base_unit'))).toEqual([]);
    expect([...metrics.keys()].filter((name) => name.startsWith('lintel_m365_'))).toEqual([]);

    port.unit.startSharing(2);
    port.unit.setPeople(3);
    sockets.shift()!.disconnect();
    metrics = await until(() => scrape(bridge.url), (m) => m.get('lintel_room_displays_connected{room="demo"}') === 1 && m.get('lintel_base_unit_people{room="demo"}') === 3, 'a display gone, people in the room');
    expect(metrics.get('lintel_displays_connected')).toBe(2);
    expect(metrics.get('lintel_base_unit_sharing{room="demo"}')).toBe(1);

    port.unplug();
    await until(() => scrape(bridge.url), (m) => m.get('lintel_base_unit_connected{room="demo"}') === 0, 'the unplugged unit');
    expect(await health(bridge.url)).toMatchObject({ status: 200, body: { status: 'ok', rooms: 2, problems: [] } });
  });
});

describe('monitoring Microsoft 365', () => {
  it('counts Graph requests as they rise and shows each linked room\'s sync lag, by room id and never by mailbox', async () => {
    const m365 = await startM365([HARBOUR, LOBBY]);
    await m365.advance(15_000);
    const first = await scrape(m365.bridge.url);
    const before = first.get('lintel_m365_graph_requests_total{outcome="2xx"}')!;
    expect(before).toBeGreaterThan(0);
    for (const room of ['harbour', 'lobby']) expect(first.get(`lintel_m365_sync_lag_seconds{room="${room}"}`)).toBeLessThanOrEqual(15);
    expect(first.get('lintel_m365_outbox_depth')).toBe(0);
    expect(first.get('lintel_m365_graph_throttles_total{status="429"}')).toBe(0);
    expect(await (await fetch(`${m365.bridge.url}/api/metrics`)).text()).not.toContain('@');

    await m365.advance(30_000);
    const later = await scrape(m365.bridge.url);
    // Two more rounds for each of the two rooms.
    expect(later.get('lintel_m365_graph_requests_total{outcome="2xx"}')).toBeGreaterThanOrEqual(before + 4);
    expect(later.get('lintel_m365_graph_requests_total{outcome="no-answer"}')).toBe(0);
  });

  it('counts a 429 as a throttle', async () => {
    const m365 = await startM365();
    m365.tenant.faults.push({ kind: 'throttle', retryAfterSeconds: 5, mailbox: HARBOUR.mailbox });
    await m365.advance(30_000);
    const metrics = await scrape(m365.bridge.url);
    expect(metrics.get('lintel_m365_graph_throttles_total{status="429"}')).toBe(1);
    expect(metrics.get('lintel_m365_graph_requests_total{outcome="4xx"}')).toBe(1);
    expect(metrics.get('lintel_m365_sync_lag_seconds{room="harbour"}')).toBeLessThanOrEqual(15);
  });

  it('shows walk-up changes waiting while Microsoft 365 is unreachable, and the lag growing, yet stays healthy; all back to normal after', async () => {
    const m365 = await startM365();
    await m365.advance(15_000);
    for (let i = 0; i < 400; i++) m365.tenant.faults.push({ kind: 'connection-reset' });
    m365.act(HARBOUR.id, { type: 'book-now', minutes: 30 });
    await m365.advance(60_000, 1000);

    let metrics = await scrape(m365.bridge.url);
    expect(metrics.get('lintel_m365_outbox_depth')).toBe(1);
    expect(metrics.get('lintel_m365_room_outbox_depth{room="harbour"}')).toBe(1);
    expect(metrics.get('lintel_m365_sync_lag_seconds{room="harbour"}')).toBeGreaterThanOrEqual(60);
    expect(metrics.get('lintel_m365_graph_requests_total{outcome="no-answer"}')).toBeGreaterThan(0);
    expect(await health(m365.bridge.url)).toMatchObject({ status: 200, body: { status: 'ok', problems: [] } });

    m365.tenant.faults.splice(0);
    await m365.advance(5 * 60_000, 5000);
    metrics = await scrape(m365.bridge.url);
    expect(metrics.get('lintel_m365_outbox_depth')).toBe(0);
    expect(metrics.get('lintel_m365_room_outbox_depth{room="harbour"}')).toBe(0);
    expect(metrics.get('lintel_m365_sync_lag_seconds{room="harbour"}')).toBeLessThanOrEqual(15);
  });

  it('stays healthy through 40 minutes of a room calendar Exchange refuses to show: a warning and lag, not a restart', async () => {
    const m365 = await startM365();
    m365.tenant.room(HARBOUR.mailbox)!.unreachable = 'access-denied';
    await m365.advance(40 * 60_000, 15_000);
    expect(await health(m365.bridge.url)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(m365.integration.status().warnings.map((w) => w.code)).toContain('room-access-policy');
    expect((await scrape(m365.bridge.url)).get('lintel_m365_sync_lag_seconds{room="harbour"}')).toBeGreaterThanOrEqual(40 * 60);
  });

  it('turns unhealthy (503) while a sync round hangs on Graph far longer than a request can take, and healthy again once it ends', async () => {
    const m365 = await startM365();
    await m365.advance(15_000);
    let release: () => void = () => {};
    m365.tenant.faults.push({ kind: 'stall', released: new Promise<void>((resolve) => (release = resolve)), mailbox: HARBOUR.mailbox });
    cleanups.push(() => release());
    // The next round starts, and its delta request gets no answer.
    m365.clock.advance(15_000);
    await until(() => m365.tenant.faults.length, (left) => left === 0, 'the delta request to reach the emulator');
    const startedAt = m365.integration.syncRounds()[0]!.runningSince!;

    m365.clock.advance(20 * 60_000);
    expect((await health(m365.bridge.url)).status).toBe(200);
    m365.clock.advance(10 * 60_000);
    const stuck = await health(m365.bridge.url);
    expect(stuck).toMatchObject({ status: 503, body: { status: 'unhealthy', rooms: 1 } });
    expect(stuck.body.problems).toEqual([{ code: 'sync-stuck', roomId: 'harbour', since: toIso(startedAt), message: expect.stringContaining('Restart the bridge') }]);

    release();
    await m365.settle();
    expect(await health(m365.bridge.url)).toMatchObject({ status: 200, body: { status: 'ok', problems: [] } });
    expect((await scrape(m365.bridge.url)).get('lintel_m365_sync_lag_seconds{room="harbour"}')).toBe(0);
  });
});
