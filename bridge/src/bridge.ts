import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../shared/clock.ts';
import type { CalendarSource } from './calendars/calendar-source.ts';
import { originCheck } from './http/allowed-origin.ts';
import { createApp } from './http/create-app.ts';
import type { Logger } from './logger.ts';
import { attachRealtime, connectedDisplays, displaysWatching, identifyDisplay, tellDisplay, type DisplayPairing } from './realtime/socket-server.ts';
import { checkHealth } from './operations/health-report.ts';
import { StoreHealth } from './operations/store-health.ts';
import { BridgeMetrics } from './operations/metrics.ts';
import { relayBetweenProcesses } from './cluster/cluster-relay.ts';
import { roomLease, type SyncOwnership } from './cluster/sync-ownership.ts';
import type { BaseUnit } from './devices/base-unit/unit-session.ts';
import type { Microsoft365Integration } from './calendars/microsoft-365/microsoft-365.ts';
import type { RemoteCalendarEngine } from './calendars/remote/remote-calendar-engine.ts';
import type { GoogleWorkspace } from './calendars/google/google-workspace.ts';
import type { CalendarSecrets } from './calendars/remote/calendar-secrets.ts';
import { CalendarAdmin } from './admin/calendar-admin.ts';
import { PresenceLog } from './hardware/presence-log.ts';
import { RoomHardware } from './hardware/room-hardware.ts';
import { guessPublicUrl } from './public-url.ts';
import { NoShowReleaser } from './rooms/no-show-releaser.ts';
import { RoomService } from './rooms/room-service.ts';
import { NoShowStrikes } from './rooms/no-show-strikes.ts';
import { StrikeStore } from './rooms/strike-store.ts';
import type { RoomStore } from './store/room-store.ts';
import type { AdminConfig } from '../../shared/admin-api.ts';
import { createAdminRouter } from './admin/admin-router.ts';
import { AdminService } from './admin/admin-service.ts';
import { AuditLog } from './admin/audit-log.ts';
import { SignInLinks } from './admin/sign-in-links.ts';
import type { MicrosoftIdentity } from './admin/microsoft-identity.ts';
import { LocalPresence, SharedPresence } from './pairing/display-presence.ts';
import { DisplayRegistry } from './pairing/display-registry.ts';
import { PairingCodes } from './pairing/pairing-codes.ts';
import { RoomLinks } from './access/room-links.ts';
import { BuildingBoard } from './building/building-board.ts';
import { attachBuildingChannel } from './realtime/building-channel.ts';
import { collectAfterChurn } from './realtime/churn-collector.ts';
import { BaseUnitDevice } from './devices/base-unit/base-unit-device.ts';
import type { RoomDevice } from './devices/room-device.ts';
import { deviceWarnings } from './devices/device-warnings.ts';
import { MqttLink } from './devices/mqtt/mqtt-link.ts';
import type { MqttConfig } from './config.ts';
import type { AlertWebhook } from './problems/alert-webhook.ts';
import { createProblemReporting } from './problems/problem-reporting.ts';
import { attachProblemChannel } from './realtime/problem-channel.ts';
import { MeetingHistory } from './insights/meeting-history.ts';
import { createUsageInsights } from './insights/usage-insights.ts';

export interface BridgePorts {
  clock: Clock;
  store: RoomStore;
  calendar: CalendarSource;
  logger: Logger;
  /** Each room's base unit, started; rooms without one have no hardware to follow the calendar. */
  baseUnits?: ReadonlyMap<string, BaseUnit>;
  /** Each room's other devices (its display controller), started: the hardware policy drives them beside its base unit. */
  roomDevices?: ReadonlyMap<string, readonly RoomDevice[]>;
  /** The Microsoft 365 integration when configured; its calendar must be the `calendar` port, or the one remote calendars wrap. */
  microsoft365?: Microsoft365Integration;
  /** Rooms on Google Workspace, CalDAV or ICS feeds, when there are any; its calendar must then be the `calendar` port. */
  remoteCalendars?: RemoteCalendarEngine | undefined;
  /** Google Workspace, connected in the environment or on the admin page: the admin page connects it and links its rooms. */
  google?: GoogleWorkspace | undefined;
  /** The rooms of the rooms file, whose calendars only the file changes; none without one. */
  roomsFromFile?: ReadonlySet<string> | undefined;
  /** Passwords the admin page saves for rooms it adds on CalDAV servers; with `remoteCalendars` and `google`, the admin page adds such rooms. */
  calendarSecrets?: CalendarSecrets | undefined;
  /** Who may use the admin API: the local admin token, and Microsoft sign-ins of the connected tenant. */
  admin: { localToken: string; microsoft?: MicrosoftIdentity | undefined };
  /** Several bridge processes behind one address, sharing the store: fan-out over Redis and who syncs which room. */
  cluster?: { adapter: NonNullable<DisplayPairing['adapter']>; ownership: SyncOwnership; processId: string } | undefined;
  /** Where problems reported at the rooms are sent (LINTEL_ALERT_WEBHOOK_URL); none: the admin page lists them only. */
  alertWebhook?: AlertWebhook | undefined;
}

export interface BridgeOptions {
  port: number;
  host?: string | undefined;
  webDir: string;
  version: string;
  /** Where phones and other devices reach this bridge; guessed from the network when absent. */
  publicUrl?: string | undefined;
  /** Other sites whose pages may change things and connect live (LINTEL_ALLOWED_ORIGINS); the bridge's own and publicUrl's always may. */
  allowedOrigins?: readonly string[] | undefined;
  /** The zone of rooms an admin adds from Microsoft 365, whose directory has none. */
  timeZone: string;
  /** LINTEL_METRICS_TOKEN: the bearer token /api/metrics needs; without one, only this machine may read them. */
  metricsToken?: string | undefined;
  /** LINTEL_MQTT_URL and its prefixes: rooms published for Home Assistant and building systems, occupancy topics read; null for none. */
  mqtt?: MqttConfig | null | undefined;
}

/** The local calendar is always current; this is how often a remote one is confirmed by default. */
const SYNC_PERIOD_SECONDS = 15;

export interface RunningBridge {
  port: number;
  rooms: RoomService;
  microsoft365: Microsoft365Integration | undefined;
  /** A new one-time link that signs a browser in to the admin page as the local admin token (see SignInLinks). */
  signInLink(): string;
  close(): Promise<void>;
}

/** Wires the bridge from the ports it is given; main.ts gives real ones, tests give fakes. */
export async function startBridge(ports: BridgePorts, options: BridgeOptions): Promise<RunningBridge> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const baseUnits = ports.baseUnits ?? new Map<string, BaseUnit>();
  const presence = new PresenceLog();
  // A display trusts its copy for two periods; with two kinds of remote calendar, for the longer one's.
  const periods = [ports.microsoft365?.syncPeriodSeconds, ports.remoteCalendars?.syncPeriodSeconds].filter((period) => period !== undefined);
  const syncPeriodSeconds = periods.length > 0 ? Math.max(...periods) : SYNC_PERIOD_SECONDS;
  const publicUrl = options.publicUrl ?? guessPublicUrl(port, options.host);
  const origins = originCheck({ publicUrl, listed: options.allowedOrigins ?? [] });
  const audit = new AuditLog(ports.store.database);
  const strikes = new NoShowStrikes({ ...ports, strikes: new StrikeStore(ports.store.database), audit });
  const meetingHistory = new MeetingHistory(ports.store.database);
  const rooms = new RoomService({ ...ports, presence, publicUrl, syncPeriodSeconds, strikes, history: meetingHistory });
  const { cluster } = ports;
  const displayPresence = cluster ? new SharedPresence(ports.store.database, ports.clock, cluster.processId) : new LocalPresence();
  const displays = new DisplayRegistry(ports.store.database, displayPresence);
  const codes = new PairingCodes(ports.store.database, ports.clock);
  const links = new RoomLinks(ports.store.database, ports.clock, publicUrl);
  const problems = createProblemReporting({ ...ports, rooms, audit, webhook: ports.alertWebhook, ownership: cluster?.ownership });
  const admin = new AdminService({
    store: ports.store,
    rooms,
    displays,
    codes,
    audit,
    clock: ports.clock,
    logger: ports.logger,
    timeZone: options.timeZone,
    microsoft365: ports.microsoft365,
    remoteCalendars: ports.remoteCalendars,
    google: ports.google,
    roomsFromFile: ports.roomsFromFile,
    // Read when an admin asks, once the rooms' hardware below exists.
    deviceStatuses: (roomId) => hardware.get(roomId)?.deviceStatuses() ?? [],
    alertWarnings: () => problems.warnings(),
  });
  const microsoft = ports.admin.microsoft;
  const adminConfig: AdminConfig = { microsoft365: microsoft ? microsoft.pageConfig() : null };
  const releaser = new NoShowReleaser(rooms, ports.clock, cluster?.ownership);
  const building = new BuildingBoard(rooms, ports.clock);
  const insights = createUsageInsights({
    database: ports.store.database,
    meetings: meetingHistory,
    schedules: { roomIds: () => rooms.roomIds(), roomOf: (roomId) => ports.calendar.getRoom(roomId), meetingsAround: (room, now) => rooms.meetingsAround(room, now), onRoomChanged: (listener) => rooms.onRoomChanged(listener) },
    listRooms: () => ports.calendar.listRooms(),
    presence,
    // A base unit here, or one configured (served by another process), a ClickShare unit, an occupancy topic.
    hasSensor: (room) => baseUnits.has(room.id) || room.baseUnit !== null || room.clickshare !== null || (options.mqtt != null && room.settings.occupancyTopic !== null),
    clock: ports.clock,
    logger: ports.logger,
    ownership: cluster?.ownership,
  });
  // Rooms whose devices, or occupancy sensor on MQTT, the hardware policy follows (see RoomHardware).
  const sensedOnMqtt = (roomId: string) => options.mqtt != null && ports.store.getRoom(roomId)?.settings.occupancyTopic != null;
  const hardware = new Map(
    rooms
      .roomIds()
      .filter((roomId) => baseUnits.has(roomId) || ports.roomDevices?.has(roomId) || sensedOnMqtt(roomId))
      .map((roomId) => {
        const unit = baseUnits.get(roomId);
        const devices = [...(unit ? [new BaseUnitDevice(unit)] : []), ...(ports.roomDevices?.get(roomId) ?? [])];
        return [roomId, new RoomHardware({ roomId, devices, rooms, calendar: ports.calendar, presence, clock: ports.clock, logger: ports.logger, syncPeriodSeconds })];
      }),
  );
  const mqtt =
    options.mqtt &&
    new MqttLink(options.mqtt, {
      clock: ports.clock,
      logger: ports.logger,
      rooms: {
        roomIds: () => rooms.roomIds(),
        stateOf: (roomId) => {
          const state = rooms.getState(roomId);
          return state.ok ? state.data : undefined;
        },
        onRoomChanged: (listener) => rooms.onRoomChanged((roomId) => listener(roomId)),
        occupancyOf: (roomId) => presence.occupied(roomId),
        // The room's own sensors; its occupancy topic is added by the publisher, which follows the setting.
        hasOccupancySensor: (roomId) => baseUnits.has(roomId) || ports.store.getRoom(roomId)?.clickshare != null,
      },
      ownership: cluster?.ownership,
      // A room's occupancy topic is its sensor, as a base unit's would be.
      onOccupancy: (roomId, occupied) => hardware.get(roomId)?.report({ kind: 'occupancy', occupied }),
    });
  const storeHealth = new StoreHealth(() => ports.store.database.prepare('SELECT 1').get(), ports.clock);
  const metrics = new BridgeMetrics({
    clock: ports.clock,
    roomIds: () => rooms.listRooms().map((room) => room.id),
    storeReachable: () => storeHealth.problem() === null,
    // socket.io is attached after the app (it must wrap the app's request handler), so it is looked up when scraped.
    displays: { total: () => connectedDisplays(io), watching: (roomId) => displaysWatching(io, roomId) },
    baseUnits,
    microsoft365: ports.microsoft365,
    remoteCalendars: ports.remoteCalendars,
    syncsHere: cluster ? (roomId) => cluster.ownership.owns(roomLease(roomId)) : undefined,
  });
  const adminAuth = { localToken: ports.admin.localToken, microsoft };
  const calendars =
    ports.remoteCalendars && ports.google && ports.calendarSecrets
      ? new CalendarAdmin({ ...ports, rooms, audit, timeZone: options.timeZone, engine: ports.remoteCalendars, secrets: ports.calendarSecrets, google: ports.google, roomsFromFile: ports.roomsFromFile ?? new Set() })
      : undefined;
  const signInLinks = new SignInLinks(ports.store.database, ports.clock, publicUrl);
  const adminRouter = createAdminRouter({ service: admin, calendars, config: adminConfig, problems: problems.service, insights: insights.service, signInLinks, ...adminAuth });
  server.on(
    'request',
    createApp({
      rooms,
      problems: problems.service,
      building,
      baseUnits,
      logger: ports.logger,
      version: options.version,
      health: () =>
        checkHealth({
          clock: ports.clock,
          version: options.version,
          roomCount: () => rooms.listRooms().length,
          store: storeHealth,
          microsoft365: ports.microsoft365,
          remoteCalendars: ports.remoteCalendars,
          deviceWarnings: () => [...hardware].flatMap(([roomId, room]) => deviceWarnings(roomId, room.deviceStatuses())),
        }),
      metrics,
      metricsToken: options.metricsToken,
      webDir: options.webDir,
      admin: adminRouter,
      // The admin page signs in and discovers rooms in the browser, so it talks to Microsoft's hosts itself.
      connectSources: microsoft ? microsoft.origins() : [],
      origins,
      standing: { admin: adminAuth, displays, links },
    }),
  );
  const io = attachRealtime(server, rooms, { displays, codes, links, clock: ports.clock, publicUrl, adapter: cluster?.adapter, origins }, ports.logger);
  const stopRelay = cluster
    ? relayBetweenProcesses(io, { rooms, presence, microsoft365: ports.microsoft365, remoteCalendars: ports.remoteCalendars, problems: problems.service, alerts: problems.alerts, clock: ports.clock, processId: cluster.processId })
    : () => {};
  admin.onDisplayAssigned((displayId, roomId) => tellDisplay(io, displayId, roomId));
  admin.displays.onIdentify((displayId, shown) => identifyDisplay(io, displayId, shown));
  attachBuildingChannel(io, building);
  attachProblemChannel(io, problems.service, ports.logger);
  const stopChurnCollector = collectAfterChurn(io, ports.clock);
  rooms.start();
  ports.microsoft365?.start();
  ports.remoteCalendars?.start();
  releaser.start();
  building.start();
  for (const room of hardware.values()) room.start();
  mqtt?.start();
  problems.start();
  insights.start();

  return {
    port,
    rooms,
    microsoft365: ports.microsoft365,
    signInLink: () => signInLinks.issue(),
    async close() {
      stopRelay();
      stopChurnCollector();
      await ports.microsoft365?.stop();
      await ports.remoteCalendars?.stop();
      for (const room of hardware.values()) room.stop();
      for (const devices of ports.roomDevices?.values() ?? []) for (const device of devices) device.close();
      await mqtt?.stop();
      await problems.stop();
      insights.stop();
      for (const unit of baseUnits.values()) unit.close();
      releaser.stop();
      building.stop();
      rooms.stop();
      // Stop accepting first, then drop keep-alive and polling connections: a
      // display retrying every second would otherwise hold the server open.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await io.close();
      await closed;
      displayPresence.stop();
    },
  };
}
