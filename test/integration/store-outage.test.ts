import { afterEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { startBridgeProcess, tempDataDir } from '../support/bridge-process.ts';
import { getJson, postJson } from '../support/http.ts';
import { startPostgresServer } from '../support/postgres-server.ts';
import { scrape } from '../support/prometheus-text.ts';
import { freePort } from '../support/server-process.ts';
import { watchingClient } from '../support/socket-client.ts';
import { until } from '../support/until.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function bridgeOnPostgres() {
  const postgres = await startPostgresServer();
  cleanup.push(() => postgres.stop());
  const data = tempDataDir();
  cleanup.push(() => data.remove());
  const bridge = await startBridgeProcess({ dataDir: data.dir, env: { LINTEL_DATABASE_URL: postgres.createDatabase() } });
  cleanup.push(() => bridge.stop('SIGKILL'));
  return { postgres, bridge };
}

describe('a bridge whose PostgreSQL goes away', () => {
  it('says so to displays, the API and its health check, and takes the same action once the database is back', { timeout: 60_000 }, async () => {
    const { postgres, bridge } = await bridgeOnPostgres();
    expect((await getJson(`${bridge.url}/api/health`)).status).toBe(200);
    const display = await watchingClient(bridge.url, { roomId: 'demo' });
    cleanup.push(() => void display.socket.close());
    expect(display.first.ok).toBe(true);

    await postgres.pause();
    const action = { id: crypto.randomUUID(), type: 'end-now' } as const;
    const refused = await display.socket.emitWithAck('room:action', { roomId: 'demo', action });
    expect(refused).toMatchObject({ ok: false, code: 'store-unavailable' });
    const overHttp = await postJson(`${bridge.url}/api/rooms/demo/actions`, action);
    expect(overHttp).toMatchObject({ status: 503, body: { code: 'store-unavailable' } });
    const health = await getJson(`${bridge.url}/api/health`);
    expect(health).toMatchObject({ status: 503, body: { status: 'unhealthy', rooms: null, problems: [{ code: 'store-unreachable' }] } });
    const metrics = await scrape(bridge.url);
    expect([metrics.get('lintel_store_up'), metrics.get('lintel_displays_connected')]).toEqual([0, 1]);

    await postgres.resume();
    // As a display does: the same action again every few seconds, until the bridge answers it.
    const applied = await until(async () => {
      const answer = await display.socket.emitWithAck('room:action', { roomId: 'demo', action });
      return !answer.ok && answer.code === 'store-unavailable' ? undefined : answer;
    }, 20_000, 'the action taken once the database is back', 1_000);
    expect(applied.ok).toBe(true);
    expect((applied as { data: RoomState }).data.status).toBe('available');
    const again = await postJson(`${bridge.url}/api/rooms/demo/actions`, action);
    expect(again).toMatchObject({ status: 200, body: { status: 'available' } });
    expect(await getJson(`${bridge.url}/api/health`)).toMatchObject({ status: 200, body: { status: 'ok', problems: [] } });
    expect((await scrape(bridge.url)).get('lintel_store_up')).toBe(1);
  });

  it('lives through an outage longer than its timed tasks’ minute, and serves again once the database is back', { timeout: 120_000 }, async () => {
    const { postgres, bridge } = await bridgeOnPostgres();
    await postgres.pause();
    // Its base unit is brought up to date every minute, from the store: that task must wait, not end the process.
    const outageEnds = Date.now() + 65_000;
    while (Date.now() < outageEnds) {
      expect((await getJson(`${bridge.url}/api/health`)).status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    await postgres.resume();
    await until(async () => ((await getJson(`${bridge.url}/api/health`)).status === 200 ? true : undefined), 20_000, 'healthy again', 1_000);
    const booked = await postJson(`${bridge.url}/api/rooms/demo/actions`, { id: crypto.randomUUID(), type: 'end-now' });
    expect(booked).toMatchObject({ status: 200, body: { status: 'available' } });
  });

  it('refuses to start without its database, saying where it looked, without its password', async () => {
    const data = tempDataDir();
    cleanup.push(() => data.remove());
    const closedPort = await freePort();
    const starting = startBridgeProcess({ dataDir: data.dir, env: { LINTEL_DATABASE_URL: `postgresql://lintel:hunter2@127.0.0.1:${closedPort}/lintel` } });
    await expect(starting).rejects.toThrow(`Lintel cannot start: the database at postgresql://lintel:***@127.0.0.1:${closedPort}/lintel`);
    await expect(starting).rejects.not.toThrow('hunter2');
  });
});
