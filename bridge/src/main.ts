import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { SerialUnitPort } from './devices/base-unit/serial-port.ts';
import { SimulatedPort } from './devices/base-unit/simulated-port.ts';
import { UnitSession } from './devices/base-unit/unit-session.ts';
import { filePinStore } from './devices/clickshare/certificate-pin.ts';
import { ClickShareDevice } from './devices/clickshare/clickshare-device.ts';
import { createDisplayControl } from './devices/display-control/create-display-control.ts';
import type { RoomDevice } from './devices/room-device.ts';
import { startBridge } from './bridge.ts';
import { LocalCalendar } from './calendars/local/local-calendar.ts';
import type { CalendarSource } from './calendars/calendar-source.ts';
import type { RemoteCalendarEngine } from './calendars/remote/remote-calendar-engine.ts';
import type { AnyRemoteCalendarProvider } from './calendars/remote/remote-provider.ts';
import { GoogleWorkspace, type GoogleAccount } from './calendars/google/google-workspace.ts';
import { CalendarSecrets } from './calendars/remote/calendar-secrets.ts';
import type { ProviderLoader } from './calendars/remote/remote-connections.ts';
import { dataDirSeal } from './store/token-seal.ts';
import { remoteCalendarProblems } from './calendars/remote/remote-calendar-problems.ts';
import { parseConfig, unknownSettings, type GoogleConfig, type Microsoft365Config } from './config.ts';
import type { Microsoft365Integration } from './calendars/microsoft-365/microsoft-365.ts';
import type { Cluster } from './cluster/redis-cluster.ts';
import { CREDENTIAL_LEASE, MQTT_LEASE, roomLease } from './cluster/sync-ownership.ts';
import type { MicrosoftIdentity } from './admin/microsoft-identity.ts';
import { localAdminToken, sharedAdminToken } from './admin/local-admin-token.ts';
import { signInBanner } from './admin/sign-in-banner.ts';
import { createLogger, terminalLines } from './logger.ts';
import { projectRoot, projectVersion } from './project-root.ts';
import { loadRoomsFile, roomsToSave } from './rooms-file.ts';
import { seedDemoRoomIfEmpty } from './seed/demo-room.ts';
import { maskedUrl } from './masked-url.ts';
import { httpAlertWebhook } from './problems/alert-webhook.ts';
import { publicUrlProblem } from './public-url-check.ts';
import { guessPublicUrl, isLoopback } from './public-url.ts';
import { openPostgresDatabase } from './store/postgres-database.ts';
import type { SqlDatabase } from './store/sql-database.ts';
import { openSqliteDatabase } from './store/sqlite-database.ts';
import { outageTolerantClock } from './store/outage-tolerant-clock.ts';
import { StoreUnavailableError } from './store/store-unavailable.ts';
import { RoomStore } from './store/room-store.ts';
import { systemClock } from './system-clock.ts';

/** The composition root: the only place real adapters are created. */
const config = parseConfig(process.env);
if (!config.ok) {
  console.error(`Lintel cannot start, the configuration has problems:\n- ${config.message.split('; ').join('\n- ')}`);
  process.exit(1);
}
const { port, host, dataDir, webDir, logLevel, demoTimeZone, demoMeetings, roomsFile, publicUrl, serialPath, redisUrl, databaseUrl, mqtt, alertWebhookUrl, calendarSyncSeconds, google, googleApi } = config.data;
const logger = createLogger(logLevel, process.stdout.isTTY ? await terminalLines() : undefined);
const clock = outageTolerantClock(systemClock, logger);
for (const setting of unknownSettings(process.env)) logger.warn({ setting }, 'not a Lintel setting, so it is ignored: a typo? (npm run config:check lists these)');
const version = projectVersion(projectRoot());

const configuredRooms = roomsFile === undefined ? undefined : loadRoomsFile(roomsFile);
if (configuredRooms && !configuredRooms.ok) {
  console.error(`Lintel cannot start, the rooms file ${roomsFile} has problems:\n- ${configuredRooms.message.split('; ').join('\n- ')}`);
  process.exit(1);
}

const db = openStore();
const store = new RoomStore(db);
if (configuredRooms) {
  store.transaction(() => roomsToSave(configuredRooms.data, (roomId) => store.getRoom(roomId)).forEach((room) => store.saveRoom(room, clock.now())));
  logger.info({ roomsFile, rooms: configuredRooms.data.map((room) => room.id) }, 'rooms from the rooms file');
} else if (seedDemoRoomIfEmpty(store, clock, { timeZone: demoTimeZone, withMeetings: demoMeetings })) {
  logger.info({ timeZone: demoTimeZone, withMeetings: demoMeetings }, 'first start: seeded the demo room');
}
const calendarProblems = remoteCalendarProblems(store.listRooms());
if (calendarProblems.length > 0) {
  console.error(`Lintel cannot start, rooms' calendars have problems:\n- ${calendarProblems.join('\n- ')}`);
  process.exit(1);
}

const baseUnits = new Map<string, UnitSession>();
store.listRooms().forEach((room, index) => {
  const serial = room.baseUnit ?? (index === 0 && serialPath ? { path: serialPath } : null);
  // A rooms file lists the base units there are; only the embedded default shows one off, simulated.
  if (!serial && configuredRooms) return;
  const unitPort = serial ? new SerialUnitPort(serial) : new SimulatedPort(clock, { serial: `SIM-${room.id}`.slice(0, 32) });
  const session = new UnitSession(unitPort, clock, logger);
  session.start();
  baseUnits.set(room.id, session);
  logger.info({ roomId: room.id, baseUnit: unitPort.describe() }, 'base unit');
});

// Each room's screen under display control: connected now, so it follows the policy as soon as the bridge runs.
const roomDevices = new Map<string, RoomDevice[]>();
for (const room of store.listRooms()) {
  if (!room.display) continue;
  let display: RoomDevice;
  try {
    display = createDisplayControl(room.display, { clock, logger });
  } catch (error) {
    console.error(`Lintel cannot start: room "${room.id}"'s display: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  display.start();
  roomDevices.set(room.id, [display]);
  logger.info({ roomId: room.id, display: display.status().describe }, 'display control');
}
// Each room's ClickShare unit: its certificate pinned on first contact, in the data dir.
for (const room of store.listRooms()) {
  if (!room.clickshare) continue;
  const unit = new ClickShareDevice({ config: room.clickshare, pinStore: filePinStore(join(dataDir, 'clickshare', `${room.id}.pin`)), clock, logger });
  unit.start();
  roomDevices.set(room.id, [...(roomDevices.get(room.id) ?? []), unit]);
  logger.info({ roomId: room.id, clickshare: unit.status().describe }, 'ClickShare');
}

const adminToken =
  databaseUrl === undefined
    ? { ...localAdminToken(dataDir), renew: 'delete that file' }
    : { ...sharedAdminToken(db), file: 'the database (table admin_token)', renew: 'run DELETE FROM admin_token in the database' };
if (adminToken.created) {
  // Shown once, on the console only (not in the log): it is kept where only the bridge can read it.
  console.log(
    `\nLintel's local admin token (for the admin page without Microsoft 365): ${adminToken.token}\n` +
      `It is kept in ${adminToken.file}; it is not shown again. For a new one, ${adminToken.renew} and restart the bridge.\n`,
  );
}

const cluster = redisUrl === undefined ? undefined : await joinRedisCluster(redisUrl);
// Where browsers reach this bridge: known before it listens only when configured (PORT=0 picks the port then).
const reachedAt = { url: publicUrl ?? '' };
const m365 = config.data.microsoft365 ? await startMicrosoft365(config.data.microsoft365) : undefined;
const microsoft365 = m365?.integration;
const ownCalendar: CalendarSource = microsoft365?.calendar ?? new LocalCalendar(store, clock);
// Passwords and keys the admin page saves, sealed with the data dir's key, made when the first is saved.
const calendarSecrets = new CalendarSecrets(db, () => dataDirSeal(dataDir));
const googleWorkspace = await connectGoogle(google);
// Rooms on Google Workspace, CalDAV servers and ICS feeds: from the rooms file, or added on the admin page while the bridge runs.
const remoteCalendars = await startRemoteCalendars(ownCalendar);
const alertWebhook = alertWebhookUrl === undefined ? undefined : httpAlertWebhook(alertWebhookUrl);
if (alertWebhook) logger.info({ webhook: alertWebhook.describe }, 'problem reports are sent to the alert webhook');

const bridge = await startBridge(
  {
    clock,
    store,
    calendar: remoteCalendars?.calendar ?? ownCalendar,
    logger,
    baseUnits,
    roomDevices,
    microsoft365,
    remoteCalendars,
    google: googleWorkspace,
    calendarSecrets,
    roomsFromFile: new Set(configuredRooms?.ok ? configuredRooms.data.map((room) => room.id) : []),
    admin: { localToken: adminToken.token, microsoft: m365?.identity },
    cluster,
    alertWebhook,
  },
  { port, host, webDir, version, publicUrl, allowedOrigins: config.data.allowedOrigins, metricsToken: config.data.metricsToken, timeZone: demoTimeZone, mqtt },
).catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EADDRINUSE' ? `port ${port} is already in use: stop the other program or set PORT` : String(error);
  // One plain sentence first, for whoever started it at a terminal; the log line after it has the details.
  console.error(`Lintel cannot start: ${reason}.`);
  logger.fatal({ err: error }, `Lintel cannot start: ${reason}`);
  process.exit(1);
});
reachedAt.url = publicUrl ?? guessPublicUrl(bridge.port, host);
if (publicUrl === undefined && isLoopback(host)) {
  logger.warn({ host, publicUrl: reachedAt.url }, 'only this computer reaches the bridge (LINTEL_HOST is a loopback address): for phones and other displays, set LINTEL_HOST=0.0.0.0 and LINTEL_PUBLIC_URL');
}
// Said before the bridge says it runs: it serves meanwhile, and the check waits at most a few seconds.
const unreachable = await publicUrlProblem({ publicUrl: reachedAt.url, configured: publicUrl !== undefined, hostname: hostname(), port: bridge.port });
if (unreachable !== undefined) logger.warn({ publicUrl: reachedAt.url }, unreachable);
// On the console, not in the log, like the admin token: for a phone, which should not have to type that token.
console.log(signInBanner(bridge.signInLink(), process.stdout.isTTY));
logger.info({ port: bridge.port, dataDir, webDir, version }, `Lintel is running: open http://localhost:${bridge.port}`);

/** SQLite in the data dir, or the PostgreSQL database bridge processes on several machines share. */
function openStore(): SqlDatabase {
  if (databaseUrl === undefined) return openSqliteDatabase(dataDir);
  try {
    const database = openPostgresDatabase(databaseUrl, clock);
    logger.info({ database: maskedUrl(databaseUrl) }, 'store: PostgreSQL');
    return database;
  } catch (error) {
    const advice = error instanceof StoreUnavailableError ? ': start it, or correct LINTEL_DATABASE_URL' : '';
    console.error(`Lintel cannot start: the database at ${maskedUrl(databaseUrl)}: ${error instanceof Error ? error.message : String(error)}${advice}`);
    process.exit(1);
  }
}

/** Loaded only when configured: MSAL and the Graph client cost memory a local-only bridge does not need. */
async function startMicrosoft365(m365: Microsoft365Config): Promise<{ integration: Microsoft365Integration; identity: MicrosoftIdentity }> {
  const [{ createMicrosoft365 }, { createHttpsFetch }, { readCredential }, { MicrosoftIdentity }] = await Promise.all([
    import('./calendars/microsoft-365/microsoft-365.ts'),
    import('./calendars/microsoft-365/https-fetch.ts'),
    import('./calendars/microsoft-365/credential-file.ts'),
    import('./admin/microsoft-identity.ts'),
  ]);
  const credential = readCredential(m365);
  if (!credential.ok) {
    console.error(`Lintel cannot start: ${credential.message}`);
    process.exit(1);
  }
  const fetch = createHttpsFetch(m365.caFile === undefined ? undefined : readFileSync(m365.caFile, 'utf8'));
  const delegated =
    m365.permissions === 'delegated'
      ? { seal: dataDirSeal(dataDir), redirectUri: () => new URL('api/admin/m365/callback', reachedAt.url).href }
      : undefined;
  const integration = createMicrosoft365(
    { db, store, clock, logger },
    {
      connection: { tenantId: m365.tenantId, clientId: m365.clientId, authorityHost: m365.authorityHost, graphUrl: m365.graphUrl },
      credential: credential.data,
      serviceMailbox: m365.serviceMailbox,
      syncPeriodSeconds: m365.syncPeriodSeconds,
      timeZone: demoTimeZone,
      fetch,
      ...(cluster ? { ownership: cluster.ownership } : {}),
      ...(delegated ? { delegated } : {}),
    },
  );
  const identity = new MicrosoftIdentity({
    tenant: { tenantId: m365.tenantId, clientId: m365.clientId, authorityHost: m365.authorityHost, graphUrl: m365.graphUrl },
    fetch,
    clock,
    logger,
  });
  logger.info({ tenantId: m365.tenantId, clientId: m365.clientId, credential: credential.data.kind, permissions: m365.permissions, rooms: store.listRooms().filter((r) => r.microsoft365).map((r) => r.id) }, 'Microsoft 365 connected');
  return { integration, identity };
}

/**
 * The engine for rooms on remote calendars, with each kind's provider loaded
 * when a room first needs it: a bridge with no CalDAV room carries no CalDAV
 * or iCalendar code, one without Google Workspace none of Google's libraries.
 */
async function startRemoteCalendars(inner: CalendarSource): Promise<RemoteCalendarEngine> {
  const loaded = new Map<'caldav' | 'ics', Promise<AnyRemoteCalendarProvider>>();
  const once = (type: 'caldav' | 'ics', load: () => Promise<AnyRemoteCalendarProvider>) => loaded.get(type) ?? (loaded.set(type, load()).get(type) as Promise<AnyRemoteCalendarProvider>);
  const providers: ProviderLoader = (type) => {
    switch (type) {
      case 'caldav':
        return once(type, async () => (await import('./calendars/caldav/caldav-provider.ts')).caldavProvider());
      case 'ics':
        return once(type, async () => (await import('./calendars/ics/ics-provider.ts')).icsProvider());
      case 'google':
        return googleWorkspace.provider();
      // Microsoft 365's rooms have an engine of their own, its integration's.
      case 'microsoft365':
        return Promise.resolve(undefined);
    }
  };
  const { createRemoteCalendars } = await import('./calendars/remote/remote-calendar-engine.ts');
  const rooms = store.listRooms().filter((room) => room.calendar).map((room) => room.id);
  if (rooms.length > 0) logger.info({ rooms, syncSeconds: calendarSyncSeconds }, 'room calendars on remote servers');
  return createRemoteCalendars({ store, clock, logger, inner }, { providers, secrets: calendarSecrets, syncPeriodSeconds: calendarSyncSeconds, ownership: cluster?.ownership });
}

/** Google Workspace: the service account of LINTEL_GOOGLE_CREDENTIALS_FILE, read once (one that cannot be read stops the bridge with the reason), or the one connected on the admin page. */
async function connectGoogle(settings: GoogleConfig | null): Promise<GoogleWorkspace> {
  let fromEnvironment: GoogleAccount | null = null;
  if (settings) {
    const { readServiceAccountKey } = await import('./calendars/google/service-account-key.ts');
    const key = readServiceAccountKey(settings.credentialsFile);
    if (!key.ok) {
      console.error(`Lintel cannot start: ${key.message}`);
      process.exit(1);
    }
    fromEnvironment = { key: key.data, subject: settings.subject };
  }
  const { apiUrl, tokenUrl, caFile } = googleApi;
  const endpoints = { apiUrl, tokenUrl, ca: caFile === undefined ? undefined : readFileSync(caFile, 'utf8') };
  const workspace = new GoogleWorkspace({ endpoints, fromEnvironment, secrets: calendarSecrets, clock, logger, load: () => import('./calendars/google/google-provider.ts') });
  const status = workspace.status();
  if (status) logger.info({ serviceAccount: status.serviceAccount, subject: status.subject, configuredIn: status.configuredIn }, 'Google Workspace connected');
  return workspace;
}

/** Loaded only when configured: a lone bridge carries no Redis client. */
async function joinRedisCluster(url: string): Promise<Cluster> {
  const { joinCluster } = await import('./cluster/redis-cluster.ts');
  const leases = () => [CREDENTIAL_LEASE, ...(mqtt ? [MQTT_LEASE] : []), ...store.listRooms().map((room) => roomLease(room.id))];
  return joinCluster(url, { clock, logger, leases }).catch((error: unknown) => {
    console.error(`Lintel cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  // A service manager waits for us; never let a stuck connection hold the exit.
  setTimeout(() => process.exit(1), 5000).unref();
  await bridge.close();
  // After the bridge stopped its syncs: the leases it hands back are taken over by processes that can use them.
  await cluster?.close();
  db.close();
  process.exit(0);
}
// A background task that found the store unreachable tries again on its own schedule: no reason to end the process.
process.on('unhandledRejection', (reason) => {
  if (!(reason instanceof StoreUnavailableError)) throw reason;
  logger.warn({ err: reason }, 'a background task found the store unreachable');
});
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
