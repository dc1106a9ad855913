import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminStatus } from '../../shared/admin-api.ts';
import { adminRequest } from '../support/admin-client.ts';
import { startBridgeProcess, tempDataDir } from '../support/bridge-process.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { until } from '../support/until.ts';
import { DisplayTcp } from '../simulator/display-control/display-tcp.ts';
import { MdcSimulator } from '../simulator/display-control/mdc-simulator.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A rooms file as an admin writes it: one room with its Samsung screen on the LAN, its working day every day, at midday. */
function roomsFile(dir: string, port: number, officeHours: { start: string; end: string }): string {
  const file = join(dir, 'rooms.json');
  const room = {
    id: 'harbour',
    name: 'Harbour',
    timeZone: zoneAtMidday(Date.now()),
    display: { protocol: 'samsung-mdc', host: '127.0.0.1', port, id: 1 },
    settings: { officeHours: { ...officeHours, days: [1, 2, 3, 4, 5, 6, 7] } },
  };
  writeFileSync(file, JSON.stringify({ rooms: [room] }));
  return file;
}

describe('a bridge with a room whose screen is under display control', () => {
  it('switches a Samsung screen on in office hours and to standby outside them, as soon as the bridge starts, and warns when it goes away', async () => {
    const tcp = new DisplayTcp((options) => new MdcSimulator({ ...options, displayId: 1 }));
    const port = await tcp.listen();
    cleanups.push(() => tcp.close());
    tcp.sim.setPowerByHand('standby');

    const data = tempDataDir();
    cleanups.push(() => data.remove());
    const inHours = await startBridgeProcess({ dataDir: data.dir, env: { LINTEL_CONFIG: roomsFile(data.dir, port, { start: '08:00', end: '18:00' }) } });
    cleanups.push(() => inHours.stop());
    // Within 5 s of starting, and read back.
    await until(() => (tcp.sim.power === 'on' ? true : undefined), 8_000, 'the screen switched on');
    // The admin page shows the screen with what it last said.
    const token = readFileSync(join(data.dir, 'admin-token'), 'utf8').trim();
    const devices = async () => ((await adminRequest(inHours.url, 'GET', '/status', { token })).body as AdminStatus).rooms[0]?.devices;
    expect(await until(async () => ((await devices())?.[0]?.power === 'on' ? devices() : undefined), 5_000, 'the screen on the admin page')).toEqual([
      { kind: 'display', describe: `Samsung MDC at 127.0.0.1:${port}, display id 1`, connected: true, lastContactAt: expect.any(String), power: 'on', lastFault: null },
    ]);
    await inHours.stop();

    // The same room with its working day over: the screen goes to standby.
    const afterHours = await startBridgeProcess({ dataDir: data.dir, env: { LINTEL_CONFIG: roomsFile(data.dir, port, { start: '06:00', end: '07:00' }) } });
    cleanups.push(() => afterHours.stop());
    await until(() => (tcp.sim.power === 'standby' ? true : undefined), 8_000, 'the screen in standby');

    // The screen goes away: a warning with its fix on the admin page, and in /api/health, which stays healthy (a restart would not help).
    await tcp.close();
    const warnings = async () => ((await adminRequest(afterHours.url, 'GET', '/status', { token })).body as AdminStatus).warnings;
    const warned = await until(async () => ((await warnings()).length > 0 ? warnings() : undefined), 5_000, 'the warning on the admin page');
    expect(warned).toEqual([{ code: 'device-not-answering', roomId: 'harbour', message: expect.stringContaining(`Samsung MDC at 127.0.0.1:${port}`), since: expect.any(String) }]);
    const health = await fetch(`${afterHours.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', problems: [], warnings: [{ code: 'device-not-answering', roomId: 'harbour' }] });
  });
});
