import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BaseUnitStatus } from '../../bridge/src/devices/base-unit/unit-session.ts';
import { startBridgeProcess, tempDataDir } from '../support/bridge-process.ts';
import { getJson, postJson } from '../support/http.ts';
import { PtySimulator } from '../simulator/pty-simulator.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function bridgeWith(env: Record<string, string>) {
  const data = tempDataDir();
  cleanups.push(() => data.remove());
  const bridge = await startBridgeProcess({ dataDir: data.dir, env: { LINTEL_DEMO_MEETINGS: 'false', LINTEL_TIME_ZONE: 'UTC', ...env } });
  cleanups.push(() => bridge.stop());
  // A room's base unit is for admins and its paired displays (the admin token is in the data dir, as README says).
  const admin = { authorization: `Bearer ${readFileSync(join(data.dir, 'admin-token'), 'utf8').trim()}` };
  const unitStatus = async () => (await getJson(`${bridge.url}/api/rooms/demo/base-unit`, admin)).body as BaseUnitStatus;
  return { bridge, unitStatus };
}

describe('the bridge and its base unit', () => {
  it('runs the embedded default with the simulated unit, visible in the API', async () => {
    const { unitStatus } = await bridgeWith({});
    const status = await until(unitStatus, (s) => s.connected, 'the simulated unit');
    expect(status).toMatchObject({ connected: true, model: 'BU-200', serial: 'SIM-demo', firmware: '2.4.1' });
  });

  it('drives a unit on a serial port (the pty simulator): light follows bookings, state comes back after a replug', async () => {
    const pty = new PtySimulator('A1B2C3');
    cleanups.push(() => pty.stop());
    const path = await pty.plugIn();
    const { bridge, unitStatus } = await bridgeWith({ LINTEL_SERIAL_PATH: path });
    await until(unitStatus, (s) => s.connected && s.serial === 'A1B2C3', 'the unit on the pty');
    await until(() => pty.unit.state.led, (led) => led === 'GREEN/SOLID' || led === 'OFF/SOLID', 'the light for a free room');
    const booked = await postJson(`${bridge.url}/api/rooms/demo/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 30 });
    expect(booked.status).toBe(200);
    await until(() => pty.unit.state, (state) => state.led === 'RED/SOLID' && state.power === 'on', 'a red light for a busy room');

    await pty.unplug();
    await until(unitStatus, (s) => !s.connected, 'the bridge to notice the unplug');
    pty.unit.powerCycle();
    await pty.plugIn({ sameName: true });
    await until(() => pty.unit.state.led, (led) => led === 'RED/SOLID', 'the light to be set again after the replug');
    const status = await unitStatus();
    expect(status).toMatchObject({ connected: true, power: 'on' });
  }, 40_000);

  it('answers 404 for the base unit of an unknown room', async () => {
    const { bridge } = await bridgeWith({});
    expect(await getJson(`${bridge.url}/api/rooms/nowhere/base-unit`)).toMatchObject({ status: 404, body: { code: 'room-not-found' } });
  });
});
