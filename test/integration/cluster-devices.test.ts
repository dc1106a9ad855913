import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { PtySimulator } from '../simulator/pty-simulator.ts';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { getJson } from '../support/http.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { startMosquitto } from '../support/mosquitto-server.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { until } from '../support/until.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/**
 * Two bridge processes sharing one data dir on a Debian redis-server, both on
 * one mosquitto; the room's base unit (the pty simulator) is cabled to the
 * second only, as a unit is to one machine. The room is where it is midday.
 */
async function twoBridgesOneUnit() {
  const [redis, broker] = await Promise.all([startRedisServer(), startMosquitto()]);
  cleanup.push(() => redis.stop(), () => broker.stop());
  const leases = createClient({ url: redis.url });
  await leases.connect();
  cleanup.push(() => leases.quit());
  const pty = new PtySimulator('CLUSTER1');
  cleanup.push(() => pty.stop());
  const unitPath = await pty.plugIn();
  const data = tempDataDir();
  cleanup.push(() => data.remove());
  const roomsFile = join(data.dir, 'rooms.json');
  writeFileSync(roomsFile, JSON.stringify({ rooms: [{ id: 'harbour', name: 'Harbour', access: 'open', timeZone: zoneAtMidday(Date.now()) }] }));
  const env = { LINTEL_CONFIG: roomsFile, LINTEL_DEMO_MEETINGS: 'false', LINTEL_REDIS_URL: redis.url, LINTEL_MQTT_URL: broker.url };
  const start = async (extra: Record<string, string>) => {
    const bridge = await startBridgeProcess({ dataDir: data.dir, env: { ...env, ...extra } });
    cleanup.push(() => bridge.stop('SIGKILL'));
    return bridge;
  };
  const [first, second] = await Promise.all([start({}), start({ LINTEL_SERIAL_PATH: unitPath })]);
  /** The process holding the MQTT lease, read from Redis itself. */
  const publisher = async (): Promise<BridgeProcess | undefined> => {
    const holder = await leases.get('{lintel}:lease:mqtt');
    return [first, second].find((bridge) => holder?.includes(`:${bridge.pid}:`));
  };
  const watcher = await connectAsync(broker.url);
  cleanup.push(() => watcher.endAsync(true));
  const states: Record<string, unknown>[] = [];
  const availability: string[] = [];
  watcher.on('message', (topic, payload) => {
    if (topic === 'lintel/harbour/state' && payload.length > 0) states.push(JSON.parse(payload.toString()) as Record<string, unknown>);
    if (topic === 'lintel/status') availability.push(payload.toString());
  });
  await watcher.subscribeAsync(['lintel/harbour/state', 'lintel/status']);
  return { first, second, pty, publisher, states, availability };
}

const occupiedOn = async (bridge: BridgeProcess) => ((await getJson(`${bridge.url}/api/rooms/harbour/state`)).body as RoomState).occupied;

describe('two bridge processes on Redis with the room’s devices on one of them', () => {
  it('the base unit’s people count is the room’s occupancy on both; one process publishes on MQTT, and another takes over when it dies', { timeout: 90_000 }, async () => {
    const { first, second, pty, publisher, states, availability } = await twoBridgesOneUnit();
    const holder = await until(publisher, 30_000, 'one process holding the MQTT lease');
    await until(() => states.at(-1), 10_000, 'the room on the broker');
    expect(await occupiedOn(first), 'no reading yet').toBeNull();

    pty.unit.setPeople(2);
    await until(async () => ((await occupiedOn(first)) === true ? true : undefined), 5_000, 'occupied on the process without the unit');
    expect(await occupiedOn(second)).toBe(true);
    await until(() => (states.at(-1)?.occupied === true ? true : undefined), 5_000, 'occupied on the broker');
    const published = states.length;
    pty.unit.setPeople(0);
    await until(() => (states.at(-1)?.occupied === false ? true : undefined), 5_000, 'not occupied on the broker');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(states.length - published, 'one change, published once: by one process, not by both').toBe(1);
    expect(await occupiedOn(first)).toBe(false);

    // The publisher dies without a goodbye: the broker sends its will, and the other process says online and publishes everything within 30 s.
    const survivor = holder === first ? second : first;
    const before = states.length;
    await holder.stop('SIGKILL');
    await until(() => (availability.at(-1) === 'offline' ? true : undefined), 10_000, 'the will of the dead publisher');
    await until(async () => ((await publisher()) === survivor && availability.at(-1) === 'online' ? true : undefined), 40_000, 'the survivor publishing');
    await until(() => (states.length > before ? true : undefined), 5_000, 'the room published again by the survivor');
    expect(states.at(-1)).toMatchObject({ status: 'available' });
  });
});
