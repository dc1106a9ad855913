import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { ClickShareEmulator } from '../clickshare-emulator/clickshare-emulator.ts';
import { startBridgeProcess, tempDataDir } from '../support/bridge-process.ts';
import { getJson } from '../support/http.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { until } from '../support/until.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('the bridge with a room’s ClickShare unit, wired as the admin guide says', () => {
  it('names the unit after the room, and a connected laptop is the room’s occupancy', { timeout: 30_000 }, async () => {
    const unit = new ClickShareEmulator();
    await unit.start();
    cleanup.push(() => unit.close());
    const data = tempDataDir();
    cleanup.push(() => data.remove());
    const passwordFile = join(data.dir, 'clickshare.password');
    writeFileSync(passwordFile, `${unit.password}\n`, { mode: 0o600 });
    const roomsFile = join(data.dir, 'rooms.json');
    const clickshare = { host: '127.0.0.1', port: unit.port, username: unit.username, passwordFile };
    writeFileSync(roomsFile, JSON.stringify({ rooms: [{ id: 'harbour', name: 'Harbour', access: 'open', timeZone: zoneAtMidday(Date.now()), clickshare }] }));
    const bridge = await startBridgeProcess({ dataDir: data.dir, env: { LINTEL_CONFIG: roomsFile, LINTEL_DEMO_MEETINGS: 'false' } });
    cleanup.push(() => bridge.stop());
    const occupied = async () => ((await getJson(`${bridge.url}/api/rooms/harbour/state`)).body as RoomState).occupied;

    await until(() => (unit.unit.meetingRoomName === 'Harbour' ? true : undefined), 10_000, 'the unit named after the room');
    await until(async () => ((await occupied()) === false ? true : undefined), 10_000, 'nobody connected: not occupied');
    unit.unit.connectSource(true);
    await until(async () => ((await occupied()) === true ? true : undefined), 2_000, 'a laptop connected: occupied within 2 s');
    unit.unit.connectSource(false);
    await until(async () => ((await occupied()) === false ? true : undefined), 2_000, 'the laptop gone');
  });
});
