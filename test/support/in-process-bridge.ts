import pino from 'pino';
import type { Clock } from '../../shared/clock.ts';
import { Room, type Meeting } from '../../shared/model.ts';
import { startBridge, type RunningBridge } from '../../bridge/src/bridge.ts';
import type { BaseUnit } from '../../bridge/src/devices/base-unit/unit-session.ts';
import { LocalCalendar } from '../../bridge/src/calendars/local/local-calendar.ts';
import { createRemoteCalendars, type RemoteCalendarEngine } from '../../bridge/src/calendars/remote/remote-calendar-engine.ts';
import type { AnyRemoteCalendarProvider } from '../../bridge/src/calendars/remote/remote-provider.ts';
import { providersFrom, type ProviderLoader } from '../../bridge/src/calendars/remote/remote-connections.ts';
import { GoogleWorkspace, type GoogleAccount, type GoogleEndpoints } from '../../bridge/src/calendars/google/google-workspace.ts';
import { CalendarSecrets } from '../../bridge/src/calendars/remote/calendar-secrets.ts';
import { TokenSeal } from '../../bridge/src/store/token-seal.ts';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../bridge/src/logger.ts';
import type { MqttConfig } from '../../bridge/src/config.ts';
import { httpAlertWebhook } from '../../bridge/src/problems/alert-webhook.ts';
import { openTestDatabase } from './test-database.ts';
import { RoomStore } from '../../bridge/src/store/room-store.ts';

/** Every test bridge's local admin token: tests call the admin API with it. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789';

export interface TestBridge extends RunningBridge {
  url: string;
  store: RoomStore;
  /** The remote calendars' engine, when the test gave providers. */
  remote: RemoteCalendarEngine | undefined;
}

export interface TestBridgeOptions {
  clock: Clock;
  rooms?: (Partial<Omit<Room, 'settings'>> & { settings?: Record<string, unknown> })[];
  meetings?: Meeting[];
  /** The built web app, for end-to-end tests; none by default. */
  webDir?: string;
  /** A store kept from a bridge stopped earlier, to start "the same" bridge again. */
  store?: RoomStore;
  port?: number;
  /** Each room's base unit, started; none by default. */
  baseUnits?: ReadonlyMap<string, BaseUnit>;
  /** LINTEL_METRICS_TOKEN; none by default. */
  metricsToken?: string;
  /** Where the bridge logs; nowhere by default. */
  logger?: Logger;
  /** LINTEL_ALLOWED_ORIGINS; none by default. */
  allowedOrigins?: string[];
  /** LINTEL_MQTT_URL and its prefixes; none by default. */
  mqtt?: MqttConfig;
  /** LINTEL_ALERT_WEBHOOK_URL; none by default. */
  alertWebhookUrl?: string;
  /** Rooms on remote calendars (Google, CalDAV, ICS), synced every 15 s of the clock: the providers to reach them with. */
  remoteCalendars?: readonly AnyRemoteCalendarProvider[];
  /** Where Google's APIs are (an emulator), and the service account set as in the environment; none by default. */
  google?: { endpoints: GoogleEndpoints; fromEnvironment: GoogleAccount | null };
}

/**
 * A real bridge on a random port with an in-memory store and the given clock.
 * Its rooms are `open` unless a test says otherwise, as the embedded
 * default's demo room: most tests are about something other than who may
 * read a room, and the access tests give `access: 'paired'`.
 */
export async function startTestBridge(options: TestBridgeOptions): Promise<TestBridge> {
  const store = options.store ?? new RoomStore(openTestDatabase());
  for (const partial of options.store ? [] : (options.rooms ?? [{}])) {
    store.saveRoom(Room.parse({ id: 'demo', name: 'Harbour', timeZone: 'Europe/Amsterdam', access: 'open', ...partial }), options.clock.now());
  }
  for (const meeting of options.store ? [] : (options.meetings ?? [])) store.saveMeeting(meeting);
  const logger = options.logger ?? pino({ level: 'silent' });
  const local = new LocalCalendar(store, options.clock);
  const remote = options.remoteCalendars || options.google ? remoteCalendarsOf(options, { store, logger, local }) : undefined;
  const bridge = await startBridge(
    {
      clock: options.clock,
      store,
      calendar: remote?.engine.calendar ?? local,
      remoteCalendars: remote?.engine,
      google: remote?.google,
      calendarSecrets: remote?.secrets,
      logger,
      admin: { localToken: TEST_ADMIN_TOKEN },
      ...(options.baseUnits ? { baseUnits: options.baseUnits } : {}),
      ...(options.alertWebhookUrl ? { alertWebhook: httpAlertWebhook(options.alertWebhookUrl) } : {}),
    },
    { port: options.port ?? 0, host: '127.0.0.1', webDir: options.webDir ?? '/nonexistent', version: 'test', publicUrl: 'http://lintel.test:8080/', allowedOrigins: options.allowedOrigins, metricsToken: options.metricsToken, timeZone: 'Europe/Amsterdam', mqtt: options.mqtt },
  );
  return { ...bridge, url: `http://127.0.0.1:${bridge.port}`, store, remote: remote?.engine };
}

/** The remote-calendar engine as main.ts makes it: the given providers, and Google Workspace's from its account in the environment or the one the admin page connects. */
function remoteCalendarsOf(options: TestBridgeOptions, deps: { store: RoomStore; logger: Logger; local: LocalCalendar }) {
  const { store, logger, local } = deps;
  const secrets = new CalendarSecrets(store.database, () => new TokenSeal(randomBytes(32)));
  const google = new GoogleWorkspace({
    endpoints: options.google?.endpoints ?? { apiUrl: 'https://google.invalid', tokenUrl: 'https://google.invalid/token' },
    fromEnvironment: options.google?.fromEnvironment ?? null,
    secrets,
    clock: options.clock,
    logger,
    load: () => import('../../bridge/src/calendars/google/google-provider.ts'),
  });
  const listed = providersFrom(options.remoteCalendars ?? []);
  const providers: ProviderLoader = (type) => (type === 'google' ? google.provider() : listed(type));
  const engine = createRemoteCalendars({ store, clock: options.clock, logger, inner: local }, { providers, secrets, syncPeriodSeconds: 15 });
  return { engine, google, secrets };
}
