import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { Room, type RoomAccess } from '../../shared/model.ts';

import { MicrosoftIdentity } from '../../bridge/src/admin/microsoft-identity.ts';
import { startBridge, type RunningBridge } from '../../bridge/src/bridge.ts';
import { TEST_ADMIN_TOKEN } from './in-process-bridge.ts';
import { countingFetch } from './counting-fetch.ts';
import { roomDriver, type RoomDriver } from './room-driver.ts';
import { createHttpsFetch } from '../../bridge/src/calendars/microsoft-365/https-fetch.ts';
import { TokenSeal } from '../../bridge/src/store/token-seal.ts';
import { createMicrosoft365, type Microsoft365Integration } from '../../bridge/src/calendars/microsoft-365/microsoft-365.ts';
import { openTestDatabase } from './test-database.ts';
import { RoomStore } from '../../bridge/src/store/room-store.ts';
import { startGraphEmulator, type GraphEmulator } from '../graph-emulator/graph-emulator.ts';
import { EmulatedTenant, type EmulatedApp } from '../graph-emulator/tenant.ts';
import type { FakeClock } from './fake-clock.ts';

export const SERVICE_MAILBOX = 'lintel-bookings@contoso.example';
export const SECRET = 'initial~secret~value';

export interface M365RoomSpec {
  id: string;
  name: string;
  mailbox: string;
  timeZone?: string;
  bookings?: 'service-mailbox' | 'room-calendar';
  /** The room exists in the tenant but the bridge's room is not linked to it. */
  unlinked?: boolean;
  settings?: Record<string, unknown>;
  /** `open` unless a test says, as the in-process bridge's rooms: most tests are about something other than who may read a room. */
  access?: RoomAccess;
}

export interface M365Bridge extends RoomDriver {
  clock: FakeClock;
  tenant: EmulatedTenant;
  app: EmulatedApp;
  emulator: GraphEmulator;
  bridge: RunningBridge & { url: string };
  integration: Microsoft365Integration;
  store: RoomStore;
  close(): Promise<void>;
}

/**
 * A real bridge with the Microsoft 365 integration on, against the Graph
 * emulator, on one fake clock shared by bridge and tenant, so tokens, secrets
 * and delta tokens age with the test's time.
 */
export async function startM365Bridge(options: {
  clock: FakeClock;
  rooms: M365RoomSpec[];
  secretEndDateTime?: string;
  serviceMailbox?: string | null;
  tenant?: EmulatedTenant;
  requestTimeoutMs?: number;
  /** The app's application permissions; by default what Lintel asks for. */
  roles?: string[];
  /** The built web app, for end-to-end tests; none by default. */
  webDir?: string;
  /** Where displays' QR codes point; a made-up host by default. */
  publicUrl?: string;
  /** Sign in with this certificate (registered on the app) instead of the client secret. */
  certificate?: { certificatePem: string; privateKeyPem: string; unregistered?: boolean };
  /** Act as a connected Microsoft account (LINTEL_M365_PERMISSIONS=delegated): the app then has no application permission. */
  permissions?: 'application' | 'delegated';
}): Promise<M365Bridge> {
  const delegated = options.permissions === 'delegated';
  const { clock } = options;
  const tenant = options.tenant ?? new EmulatedTenant(undefined, () => clock.now());
  const app = tenant.addApp({
    secret: SECRET,
    secretEndDateTime: options.secretEndDateTime ?? '2027-06-01T00:00:00Z',
    ...(options.certificate && !options.certificate.unregistered ? { certificatePem: options.certificate.certificatePem } : {}),
    roles: options.roles ?? (delegated ? [] : ['Calendars.ReadWrite', 'Place.Read.All', 'Application.ReadWrite.OwnedBy']) });
  // Known once the bridge listens; the app registers it as its Web redirect URI then.
  const callback = { uri: '' };
  const serviceMailbox = options.serviceMailbox === undefined ? SERVICE_MAILBOX : options.serviceMailbox;
  if (serviceMailbox && !tenant.mailbox(serviceMailbox)) tenant.addMailbox({ displayName: 'Lintel Bookings', emailAddress: serviceMailbox });
  for (const room of options.rooms) {
    if (!tenant.room(room.mailbox)) tenant.addRoom({ displayName: room.name, emailAddress: room.mailbox });
  }
  const emulator = await startGraphEmulator(tenant, () => clock.now());

  const db = openTestDatabase();
  const store = new RoomStore(db);
  for (const room of options.rooms) {
    store.saveRoom(
      Room.parse({
        id: room.id,
        name: room.name,
        access: room.access ?? 'open',
        timeZone: room.timeZone ?? 'Europe/Amsterdam',
        settings: room.settings ?? {},
        microsoft365: room.unlinked ? null : { mailbox: room.mailbox, bookings: room.bookings ?? 'service-mailbox' },
      }),
      clock.now(),
    );
  }
  const { fetch: trackedFetch, network } = countingFetch(createHttpsFetch(emulator.ca, options.requestTimeoutMs));
  const logger = pino({ level: process.env.LINTEL_TEST_LOG ?? 'silent' });
  const integration = createMicrosoft365(
    { db, store, clock, logger },
    {
      connection: { tenantId: tenant.tenantId, clientId: app.appId, authorityHost: emulator.url, graphUrl: emulator.url },
      credential: options.certificate
        ? { kind: 'certificate', certificatePem: options.certificate.certificatePem, privateKeyPem: options.certificate.privateKeyPem, keyId: null, expiresAt: null }
        : { kind: 'secret', secretText: SECRET, keyId: null, expiresAt: null },
      serviceMailbox,
      syncPeriodSeconds: 15,
      timeZone: 'Europe/Amsterdam',
      fetch: trackedFetch,
      random: () => 0.5,
      ...(delegated ? { delegated: { seal: new TokenSeal(randomBytes(32)), redirectUri: () => callback.uri } } : {}),
    },
  );
  const identity = new MicrosoftIdentity({
    tenant: { tenantId: tenant.tenantId, clientId: app.appId, authorityHost: emulator.url, graphUrl: emulator.url },
    fetch: trackedFetch,
    clock,
    logger,
  });
  const running = await startBridge(
    { clock, store, calendar: integration.calendar, logger, microsoft365: integration, admin: { localToken: TEST_ADMIN_TOKEN, microsoft: identity } },
    { port: 0, host: '127.0.0.1', webDir: options.webDir ?? '/nonexistent', version: 'test', publicUrl: options.publicUrl ?? 'http://lintel.test:8080/', timeZone: 'Europe/Amsterdam' },
  );
  const bridge = { ...running, url: `http://127.0.0.1:${running.port}` };
  callback.uri = `${bridge.url}/api/admin/m365/callback`;
  if (delegated) app.webRedirectUris.push(callback.uri);

  return {
    clock,
    tenant,
    app,
    emulator,
    bridge,
    integration,
    store,
    ...roomDriver(running.rooms, integration, network, clock),
    async close() {
      await bridge.close();
      await emulator.close();
      db.close();
    },
  };
}
