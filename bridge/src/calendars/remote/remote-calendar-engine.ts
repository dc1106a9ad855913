import type { Clock } from '../../../../shared/clock.ts';
import type { IntegrationWarning } from '../../../../shared/integration-warnings.ts';
import type { Room } from '../../../../shared/model.ts';
import { roomLease, soleOwnership, type SyncOwnership } from '../../cluster/sync-ownership.ts';
import type { Logger } from '../../logger.ts';
import type { RoomStore } from '../../store/room-store.ts';
import type { CalendarSource } from '../calendar-source.ts';
import { LocalCalendar } from '../local/local-calendar.ts';
import { BookingRollback } from './booking-rollback.ts';
import { onCalendar, remoteCalendarOf, type CalendarOf, type RoomOnCalendar } from './calendar-settings.ts';
import { exportableBookings, exportFutureBookings, type ExportReport } from './bulk-export.ts';
import { RemoteCalendars, writesWalkUps, type RoomWithCalendar } from './remote-calendars.ts';
import { RemoteConnections, settingsOf, type ProviderLoader } from './remote-connections.ts';
import type { CalendarSecrets } from './calendar-secrets.ts';
import { forgetFormerCalendar } from './calendar-change.ts';
import { describeCalendar } from './calendar-description.ts';
import { memoryObjectCache } from './memory-object-cache.ts';
import type { ProviderAnswer } from './remote-provider.ts';
import { RemoteOutboxSender } from './remote-outbox-sender.ts';
import { RemoteRoomSync } from './remote-room-sync.ts';
import { RemoteStore } from './remote-store.ts';
import { SyncScheduler, type RoomRounds } from './sync-scheduler.ts';
import { WarningBoard } from './warning-board.ts';
import { mergeWarnings, WarningsElsewhere } from './warnings-elsewhere.ts';

export interface RemoteCalendarsOptions {
  /** The kinds of calendar this engine can reach (CalDAV and ICS always; Google Workspace once configured; Microsoft 365), each loaded when first needed. */
  providers: ProviderLoader;
  /**
   * Which rooms this engine serves, and the calendar of each: an engine runs
   * for each source of settings. By default the rooms' `calendar` (Google,
   * CalDAV, ICS); Microsoft 365's integration runs one for its linked rooms.
   */
  calendarOf?: CalendarOf;
  /** Where its problems are shown: by default the admin page's "Room calendar" warnings. */
  warnings?: WarningBoard;
  /** True (the default): a round is never later than the period (LINTEL_CALENDAR_SYNC_SECONDS is a promise); false: rounds are spread over it. */
  neverLate?: boolean;
  /** The room may give up a series someone else organizes after no-shows (its calendar has `declineSeries`); false by default. */
  declinesSeries?: boolean;
  /** Passwords the admin page saved for rooms; none in tests that need none. */
  secrets?: CalendarSecrets | undefined;
  /** LINTEL_CALENDAR_SYNC_SECONDS: how often each room's calendar is read. */
  syncPeriodSeconds: number;
  /** Which rooms this process syncs and writes for, when bridge processes share the store; all of them when absent. */
  ownership?: SyncOwnership | undefined;
  random?: () => number;
}

/** The remote calendars running: their calendar source for the bridge, and what health checks and the admin page need. */
export interface RemoteCalendarEngine {
  readonly calendar: RemoteCalendars;
  readonly syncPeriodSeconds: number;
  start(): void;
  /** Stops its timers and waits for work in flight, so nothing touches the store after. */
  stop(): Promise<void>;
  syncNow(roomId: string): Promise<boolean>;
  /** "Check status": syncs every room this process syncs now, so the warnings say how things stand. */
  check(): Promise<void>;
  flushOutbox(): Promise<void>;
  /** Resolves when no round runs and nothing is being sent. */
  idle(): Promise<void>;
  /** The rounds of each room this process syncs, for the health check. */
  syncRounds(): RoomRounds[];
  /** Every room's problems: this process's and those other processes sharing the rooms told (followWarningsElsewhere). */
  warnings(): IntegrationWarning[];
  /** The problems of the rooms this process syncs, each with its room: what it tells the others. */
  warningsHere(): IntegrationWarning[];
  onWarningsChanged(listener: () => void): void;
  /** Another process's warnings now, shown beside this one's. */
  followWarningsElsewhere(from: string, warnings: IntegrationWarning[]): void;
  /** Walk-up changes waiting to be written. */
  outboxDepth(roomId?: string): number;
  /** When the room's calendar last confirmed its copy, and what waits to be written to it. */
  roomSync(roomId: string): { syncedAt: number | null; outboxDepth: number };
  /** The same for every room on a remote calendar, for the metrics. */
  roomsSynced(): { roomId: string; syncedAt: number | null; outboxDepth: number }[];
  /** A room changed in another process: read its calendar if it is new to it, and send what was queued there for it, if this process writes for it. */
  followRoomChange(roomId: string): void;
  /** The room leaves its calendar: its cursor and the changes still waiting go, its meetings stay as local ones. Joins the caller's transaction. */
  forgetRoom(roomId: string): void;
  /**
   * Saves the room on another calendar, forgetting the one it followed (its
   * meetings from there, cursor, cache) in the same transaction, so a walk-up
   * booking made a moment later belongs to the new one. False, and nothing
   * changed, while walk-up changes wait to be written to the old one.
   */
  moveRoom(room: RoomWithCalendar): boolean;
  /** The room's future walk-up bookings its calendar has not got, made before it had one. */
  exportableCount(roomId: string): number;
  /** Writes them to its calendar (bulk-export.ts); undefined when the room has no calendar of this engine's, or its kind is not configured. */
  exportFutureBookings(roomId: string, onProgress?: (done: number, total: number) => void): Promise<ExportReport | undefined>;
  /** Reads a room's calendar once, with `secret` as its saved password, before the room is saved: whether it answers as it should. */
  tryCalendar(room: RoomWithCalendar, secret: string | undefined): Promise<ProviderAnswer<void>>;
}

/** Assembles the engine over `inner` (the local calendar, or another engine's source), which keeps serving every other room. */
export function createRemoteCalendars(
  ports: { store: RoomStore; clock: Clock; logger: Logger; inner: CalendarSource },
  options: RemoteCalendarsOptions,
): RemoteCalendarEngine {
  const { store, clock } = ports;
  const logger = ports.logger.child({ component: 'remote-calendars' });
  const remote = new RemoteStore(store.database);
  const warnings = options.warnings ?? new WarningBoard(clock, logger, 'Room calendar');
  const calendarOf = options.calendarOf ?? remoteCalendarOf;
  const connections = new RemoteConnections(options.providers, { remote, clock, logger, secrets: options.secrets });
  const ownership = options.ownership ?? soleOwnership;
  const syncedHere = (roomId: string) => ownership.owns(roomLease(roomId));
  // A room's warnings are told by the process that syncs it: one that held it before may keep them, stale.
  const warningsHere = () => warnings.list().filter((warning) => warning.roomId === undefined || syncedHere(warning.roomId));
  const warningsElsewhere = new WarningsElsewhere(clock);
  const remoteRooms = () => store.listRooms().flatMap((room) => onCalendar(room, calendarOf) ?? []);
  // The calendar queues changes the sender sends, and the sender's rollbacks are announced by the calendar.
  const wakeSender = { wake: () => {} };
  const calendar = new RemoteCalendars({ inner: ports.inner, local: new LocalCalendar(store, clock), remote, clock, calendarOf, declinesSeries: options.declinesSeries ?? false, queued: () => wakeSender.wake() });
  const rollback = new BookingRollback({ store, links: remote, clock, logger, announce: (roomId) => calendar.announce(roomId) });
  const outbox = new RemoteOutboxSender({
    remote,
    store,
    connections,
    getRoom: (roomId: string): Room | undefined => store.getRoom(roomId),
    calendarOf,
    clock,
    logger,
    warnings,
    rollback,
    roomsSentHere: () => remoteRooms().map((room) => room.id).filter(syncedHere),
  });
  wakeSender.wake = () => void outbox.wake();
  const sync = new RemoteRoomSync({ remote, store, connections, clock, logger, warnings, rollback });
  const scheduler = new SyncScheduler<RoomOnCalendar>({
    sync,
    clock,
    logger,
    linkedRooms: () => remoteRooms().filter((room) => syncedHere(room.id)),
    linkedRoom: (roomId) => (syncedHere(roomId) ? onCalendar(store.getRoom(roomId), calendarOf) : undefined),
    periodSeconds: options.syncPeriodSeconds,
    neverLate: options.neverLate ?? true,
    ...(options.random ? { random: options.random } : {}),
    afterRound: (roomId, synced) => {
      if (synced) calendar.announce(roomId);
      if (remote.outbox.depth(roomId) > 0) void outbox.wake();
    },
  });

  let stopFollowingLeases = () => {};

  return {
    calendar,
    syncPeriodSeconds: options.syncPeriodSeconds,
    start() {
      scheduler.start();
      void outbox.wake();
      // A process that takes a room over catches up at once: its predecessor may have died mid-period.
      stopFollowingLeases = ownership.onGained((leases) => {
        for (const room of remoteRooms()) if (leases.includes(roomLease(room.id))) void scheduler.syncNow(room.id);
        void outbox.wake();
      });
    },
    async stop() {
      stopFollowingLeases();
      scheduler.stop();
      outbox.stop();
      await scheduler.idle();
      await outbox.idle();
    },
    syncNow: (roomId) => scheduler.syncNow(roomId),
    async check() {
      await Promise.all(remoteRooms().filter((room) => syncedHere(room.id)).map((room) => scheduler.syncNow(room.id)));
    },
    flushOutbox: () => outbox.wake(),
    async idle() {
      await scheduler.idle();
      await outbox.idle();
    },
    syncRounds: () => scheduler.rounds(),
    warnings: () => mergeWarnings(warningsHere(), warningsElsewhere.list()),
    warningsHere,
    onWarningsChanged: (listener) => warnings.onChange(listener),
    followWarningsElsewhere: (from, list) => warningsElsewhere.heard(from, list),
    outboxDepth: (roomId) => remote.outbox.depth(roomId),
    roomSync: (roomId) => ({ syncedAt: remote.syncState(roomId)?.syncedAt ?? null, outboxDepth: remote.outbox.depth(roomId) }),
    roomsSynced: () => remoteRooms().map((room) => ({ roomId: room.id, syncedAt: remote.syncState(room.id)?.syncedAt ?? null, outboxDepth: remote.outbox.depth(room.id) })),
    followRoomChange(roomId) {
      if (!syncedHere(roomId)) return;
      if (onCalendar(store.getRoom(roomId), calendarOf) && remote.syncState(roomId) === undefined) void scheduler.syncNow(roomId);
      if (remote.outbox.depth(roomId) > 0) void outbox.wake();
    },
    forgetRoom(roomId) {
      remote.forgetRoom(roomId);
      warnings.clearRoom(roomId);
    },
    moveRoom(room) {
      return store.transaction(() => {
        if (remote.outbox.depth(room.id) > 0) return false;
        forgetFormerCalendar(room.id, { store, remote, now: clock.now() });
        store.saveRoom(room, clock.now());
        // The room's sync state names its new settings: the next round reads a snapshot of them, rather than starting over again.
        remote.saveSyncState(room.id, { calendar: settingsOf(room as RoomOnCalendar), cursor: null, windowStart: 0, syncedAt: null });
        return true;
      });
    },
    exportableCount: (roomId) => exportableBookings(store, remote, roomId, clock.now()).length,
    async exportFutureBookings(roomId, onProgress) {
      const room = onCalendar(store.getRoom(roomId), calendarOf);
      const connection = room && writesWalkUps(room.calendar) ? await connections.for(room) : undefined;
      return connection && exportFutureBookings({ store, remote, clock, connection }, roomId, onProgress);
    },
    async tryCalendar(room, secret) {
      const provider = await options.providers(room.calendar.type);
      if (!provider) return { ok: false, failure: 'refused', message: `${describeCalendar(room.calendar).describe}: this kind of calendar is not configured in this bridge` };
      const connection = provider.connect(room as RoomOnCalendar, room.calendar as never, { clock, logger: logger.child({ roomId: room.id }), cache: memoryObjectCache(), secret });
      return connection.check();
    },
  };
}
