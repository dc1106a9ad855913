import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { MicrosoftIdentity } from '../../bridge/src/admin/microsoft-identity.ts';
import { startBridge, type RunningBridge } from '../../bridge/src/bridge.ts';
import { parseConfig } from '../../bridge/src/config.ts';
import { readCredential } from '../../bridge/src/calendars/microsoft-365/credential-file.ts';
import { countingFetch } from './counting-fetch.ts';
import { createHttpsFetch } from '../../bridge/src/calendars/microsoft-365/https-fetch.ts';
import { createMicrosoft365, type Microsoft365Integration } from '../../bridge/src/calendars/microsoft-365/microsoft-365.ts';
import { loadRoomsFile, roomsToSave } from '../../bridge/src/rooms-file.ts';
import { RoomStore } from '../../bridge/src/store/room-store.ts';
import { tempDataDir } from './bridge-process.ts';
import type { FakeClock } from './fake-clock.ts';
import { TEST_ADMIN_TOKEN } from './in-process-bridge.ts';
import { roomDriver, type RoomDriver } from './room-driver.ts';
import { openTestDatabase } from './test-database.ts';

export interface NewUserBridge extends RoomDriver {
  bridge: RunningBridge;
  integration: Microsoft365Integration;
  close(): Promise<void>;
}

/**
 * A bridge set up the way the README tells a new user to: `LINTEL_*`
 * settings (`env`), a rooms file (`rooms`, its content) and a CA file
 * (`ca`), read by the bridge's own parsers and put together as main.ts
 * does. Unlike main.ts it runs on a fake clock, so a test picks the day it
 * runs on, with the test store and a fixed sync jitter.
 */
export async function startAsNewUser(options: { clock: FakeClock; env: Record<string, string>; rooms: unknown; ca: string }): Promise<NewUserBridge> {
  const { clock } = options;
  const files = tempDataDir();
  writeFileSync(join(files.dir, 'rooms.json'), JSON.stringify(options.rooms));
  writeFileSync(join(files.dir, 'ca.pem'), options.ca);
  const config = parseConfig({ LINTEL_DATA_DIR: files.dir, LINTEL_CONFIG: join(files.dir, 'rooms.json'), LINTEL_M365_CA_FILE: join(files.dir, 'ca.pem'), ...options.env });
  if (!config.ok) throw new Error(config.message);
  const m365 = config.data.microsoft365;
  if (!m365) throw new Error('the settings connect no Microsoft 365');
  const credential = readCredential(m365);
  if (!credential.ok) throw new Error(credential.message);
  const rooms = loadRoomsFile(config.data.roomsFile!);
  if (!rooms.ok) throw new Error(rooms.message);

  const db = openTestDatabase();
  const store = new RoomStore(db);
  store.transaction(() => roomsToSave(rooms.data, (roomId) => store.getRoom(roomId)).forEach((room) => store.saveRoom(room, clock.now())));
  const { fetch, network } = countingFetch(createHttpsFetch(readFileSync(m365.caFile!, 'utf8')));
  const logger = pino({ level: process.env.LINTEL_TEST_LOG ?? 'silent' });
  const connection = { tenantId: m365.tenantId, clientId: m365.clientId, authorityHost: m365.authorityHost, graphUrl: m365.graphUrl };
  const integration = createMicrosoft365(
    { db, store, clock, logger },
    {
      connection,
      credential: credential.data,
      serviceMailbox: m365.serviceMailbox,
      syncPeriodSeconds: m365.syncPeriodSeconds,
      timeZone: config.data.demoTimeZone,
      fetch,
      random: () => 0.5,
    },
  );
  const identity = new MicrosoftIdentity({ tenant: connection, fetch, clock, logger });
  const bridge = await startBridge(
    { clock, store, calendar: integration.calendar, logger, microsoft365: integration, admin: { localToken: TEST_ADMIN_TOKEN, microsoft: identity } },
    { port: 0, host: '127.0.0.1', webDir: '/nonexistent', version: 'test', publicUrl: 'http://lintel.test:8080/', timeZone: config.data.demoTimeZone },
  );

  return {
    bridge,
    integration,
    ...roomDriver(bridge.rooms, integration, network, clock),
    async close() {
      await bridge.close();
      db.close();
      files.remove();
    },
  };
}
