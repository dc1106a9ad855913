import type { AccountAuthorization, AccountCalendars, M365Account, AdminDevice, AdminDisplay, AdminRoom, AdminStatus, ExportProgress, LinkResult, ParsedLinkRequest, RoomLinkRequest } from '../../../shared/admin-api.ts';
import { toIso, type Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { IntegrationWarning } from '../../../shared/integration-warnings.ts';
import { Room, type RoomAccess, type RoomStatus } from '../../../shared/model.ts';
import { deviceWarnings } from '../devices/device-warnings.ts';
import type { Client } from '../limits/client.ts';
import type { Logger } from '../logger.ts';
import type { SignInAnswer } from '../calendars/microsoft-365/delegated/account-sign-in.ts';
import type { Microsoft365Integration, Microsoft365Status } from '../calendars/microsoft-365/microsoft-365.ts';
import type { RemoteCalendarEngine } from '../calendars/remote/remote-calendar-engine.ts';
import { describeCalendar } from '../calendars/remote/calendar-description.ts';
import type { DisplayRegistry } from '../pairing/display-registry.ts';
import type { PairingCodes } from '../pairing/pairing-codes.ts';
import type { RoomService } from '../rooms/room-service.ts';
import type { RoomStore } from '../store/room-store.ts';
import { adminActionRecorder, type RecordAdminAction } from './admin-action.ts';
import type { AdminIdentity } from './admin-identity.ts';
import type { AuditLog } from './audit-log.ts';
import { connectionState } from './connection-state.ts';
import { DisplayAdmin, shortId } from './display-admin.ts';
import { ExportJobs } from './export-jobs.ts';
import { roomForDiscovered, type Discovered } from './discovered-room.ts';
import type { GoogleWorkspace } from '../calendars/google/google-workspace.ts';

export interface AdminServiceDeps {
  store: RoomStore;
  rooms: RoomService;
  displays: DisplayRegistry;
  codes: PairingCodes;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** The zone of rooms made for a Microsoft 365 room: Graph's room directory does not give one. */
  timeZone: string;
  microsoft365: Microsoft365Integration | undefined;
  /** Rooms on Google Workspace, CalDAV or ICS feeds, when there are any. */
  remoteCalendars?: Pick<RemoteCalendarEngine, 'warnings' | 'roomSync' | 'check' | 'syncNow'> | undefined;
  /** The rooms of the rooms file: their calendars are changed there, not on the admin page. */
  roomsFromFile?: ReadonlySet<string> | undefined;
  /** Google Workspace: whether it is connected, and as whom. */
  google?: Pick<GoogleWorkspace, 'status'> | undefined;
  /** The room's devices as this process sees them (its base unit, display controller). */
  deviceStatuses: (roomId: string) => AdminDevice[];
  /** The alert webhook's warning while it does not take problem alerts. */
  alertWarnings: () => IntegrationWarning[];
}

type DisplayAssigned = (displayId: string, roomId: string | null) => void;

/**
 * What the admin page does, each step checked, applied, and written to the
 * audit log with who did it. Nothing here trusts the caller beyond the
 * identity the admin API verified.
 */
export class AdminService {
  /** Naming, identifying, unlinking and forgetting the displays. */
  readonly displays: DisplayAdmin;
  readonly #deps: AdminServiceDeps;
  readonly #exports: ExportJobs | undefined;
  readonly #record: RecordAdminAction;
  readonly #assignedListeners = new Set<DisplayAssigned>();

  constructor(deps: AdminServiceDeps) {
    this.#deps = deps;
    this.#exports = deps.microsoft365 && new ExportJobs(deps.microsoft365, deps.logger);
    this.#record = adminActionRecorder(deps);
    this.displays = new DisplayAdmin({ ...deps, record: this.#record, assigned: (displayId, roomId) => this.#assigned(displayId, roomId) });
  }

  /** Someone used a one-time sign-in link from the console: they act as the local admin token from now on. */
  signedInByLink(address: string | null): void {
    this.#record({ name: 'local admin token' }, { action: 'sign-in-link', address });
  }

  /** Tells the display's sockets to watch again: it was linked to a room, or unlinked or forgotten (null: its credential no longer works). */
  onDisplayAssigned(listener: DisplayAssigned): () => void {
    this.#assignedListeners.add(listener);
    return () => this.#assignedListeners.delete(listener);
  }

  status(you: AdminIdentity): AdminStatus {
    const { microsoft365, displays, audit } = this.#deps;
    // Each is read once per answer: the integration's status counts requests and outboxes, the display list is a query.
    const m365 = microsoft365 && microsoft365.revocation() === null ? microsoft365.status() : undefined;
    const warnings = m365 ? m365.warnings : [];
    const shown = displays.list(this.#deps.clock.now());
    const rooms = this.#deps.store.listRooms();
    return {
      you: { name: you.name, via: you.via },
      google: this.#deps.google?.status() ?? null,
      connection: connectionState(microsoft365, warnings),
      access: microsoft365 ? microsoft365.access() : null,
      credential: m365 ? m365.credential : null,
      warnings: [...warnings, ...(this.#deps.remoteCalendars?.warnings() ?? []), ...rooms.flatMap((room) => deviceWarnings(room.id, this.#deps.deviceStatuses(room.id))), ...this.#deps.alertWarnings()],
      rooms: rooms.map((room) => this.#describeRoom(room, m365, shown)),
      displays: shown,
      audit: audit.recent(),
    };
  }

  async check(you: AdminIdentity): Promise<AdminStatus> {
    await Promise.all([this.#deps.microsoft365?.check(), this.#deps.remoteCalendars?.check()]);
    return this.status(you);
  }

  /** Links the display showing `request.code`, typed by `you` from `client`; the code is used up only when the link is made. */
  link(request: ParsedLinkRequest, you: AdminIdentity, client: Client): Result<LinkResult> {
    const { codes, displays, clock } = this.#deps;
    let created: string | undefined;
    const linked = codes.redeem(request.code, { adminId: you.id, client }, ({ displayId, credentialHash }) => {
      const room = 'roomId' in request.room ? this.#existingRoom(request.room.roomId) : this.#roomFor(request.room);
      if (!room.ok) return room;
      if (room.data.created) created = room.data.room.id;
      displays.link(displayId, room.data.room.id, you.name, clock.now(), credentialHash);
      return ok({ displayId, room: room.data.room });
    });
    if (!linked.ok) return linked;
    const { displayId, room } = linked.data;
    if (created !== undefined) {
      this.#deps.rooms.roomAdded(created);
      void (room.calendar ? this.#deps.remoteCalendars?.syncNow(created) : this.#deps.microsoft365?.syncNow(created));
    }
    const calendarAddress = room.microsoft365?.mailbox ?? (room.calendar?.type === 'google' ? room.calendar.calendarId : null);
    this.#record(you, { action: 'link', display: shortId(displayId), room: room.name, mailbox: calendarAddress });
    this.#assigned(displayId, room.id);
    return ok({ display: displays.get(displayId, clock.now())!, room: this.#describeOne(room) });
  }

  /** One room as the admin page's room card shows it. */
  room(roomId: string): Result<AdminRoom> {
    const room = this.#deps.store.getRoom(roomId);
    return room ? ok(this.#describeOne(room)) : fail('room-not-found', `There is no room "${roomId}" on this bridge.`);
  }

  /** Who may read the room and act on it; its displays and watchers are told at once (see RoomAccess). */
  setAccess(roomId: string, access: RoomAccess, you: AdminIdentity): Result<AdminRoom> {
    const { store, clock, rooms } = this.#deps;
    const room = store.getRoom(roomId);
    if (!room) return fail('room-not-found', `There is no room "${roomId}".`);
    const changed = { ...room, access };
    if (room.access !== access) {
      store.saveRoom(changed, clock.now());
      this.#record(you, { action: 'room-access', room: room.name, access });
      rooms.roomChanged(roomId);
    }
    return ok(this.#describeOne(changed));
  }

  async linkRoom(roomId: string, request: RoomLinkRequest, you: AdminIdentity): Promise<Result<AdminRoom>> {
    const integration = this.#integration();
    if (!integration.ok) return integration;
    const linked = await integration.data.linkRoom(roomId, { mailbox: request.mailbox, bookings: request.bookings ?? 'service-mailbox' });
    if (!linked.ok) return linked;
    this.#record(you, { action: 'link-room', room: linked.data.name, mailbox: request.mailbox });
    return ok(this.#describeOne(linked.data));
  }

  async removeRoom(roomId: string, you: AdminIdentity): Promise<Result<AdminRoom>> {
    const integration = this.#integration();
    if (!integration.ok) return integration;
    const mailbox = this.#deps.store.getRoom(roomId)?.microsoft365?.mailbox;
    const removed = await integration.data.removeRoom(roomId);
    if (!removed.ok) return removed;
    this.#record(you, { action: 'remove', room: removed.data.name, mailbox: mailbox ?? null });
    return ok(this.#describeOne(removed.data));
  }

  async revoke(you: AdminIdentity): Promise<Result<AdminStatus>> {
    const integration = this.#integration();
    if (!integration.ok) return integration;
    const rooms = integration.data.status().rooms.length;
    await integration.data.revoke(you.name);
    this.#record(you, { action: 'revoke', rooms });
    return ok(this.status(you));
  }

  /** Starts connecting the account of delegated permissions: where the admin's browser signs in, and its cookie's nonce. */
  async startAccountSignIn(you: AdminIdentity): Promise<Result<AccountAuthorization & { nonce: string }>> {
    const integration = this.#integration();
    return integration.ok ? integration.data.startSignIn(you.name) : integration;
  }

  /** Microsoft's answer at the callback; the admin who started the sign-in is the one the audit log names. */
  async finishAccountSignIn(answer: SignInAnswer, nonce: string | undefined): Promise<Result<M365Account>> {
    const integration = this.#integration();
    if (!integration.ok) return integration;
    const connected = await integration.data.finishSignIn(answer, nonce);
    if (connected.ok) this.#record({ name: connected.data.connectedBy }, { action: 'connect-account', account: connected.data.username });
    return connected;
  }

  async accountCalendars(): Promise<Result<AccountCalendars>> {
    const integration = this.#integration();
    if (!integration.ok) return integration;
    const calendars = await integration.data.calendars();
    return calendars.ok ? ok({ calendars: calendars.data }) : calendars;
  }

  async removeAccount(you: AdminIdentity): Promise<Result<AdminStatus>> {
    const integration = this.#integration();
    if (!integration.ok) return integration;
    const removed = await integration.data.remove();
    if (!removed.ok) return removed;
    this.#record(you, { action: 'remove-account', account: removed.data.account, rooms: removed.data.rooms });
    return ok(this.status(you));
  }

  async renew(you: AdminIdentity): Promise<Result<AdminStatus>> {
    const integration = this.#integration();
    if (!integration.ok) return integration;
    const renewed = await integration.data.renewCredentials();
    this.#record(you, {
      action: 'renew',
      outcome: renewed.ok ? { ok: true, kind: renewed.data.kind, expiresAt: renewed.data.expiresAt } : { ok: false, reason: renewed.message },
    });
    return renewed.ok ? ok(this.status(you)) : renewed;
  }

  startExport(roomId: string, you: AdminIdentity): Result<ExportProgress> {
    const integration = this.#integration();
    if (!integration.ok) return integration;
    const room = this.#deps.store.getRoom(roomId);
    if (!room) return fail('room-not-found', `There is no room "${roomId}".`);
    if (!room.microsoft365) return fail('not-allowed', `Link "${room.name}" to a Microsoft 365 room before exporting its bookings.`);
    return ok(
      this.#exports!.start(roomId, (done) =>
        this.#record(you, {
          action: 'export',
          room: room.name,
          outcome: done.state === 'done' ? { ok: true, exported: done.exported, refused: done.refused.length } : { ok: false, reason: done.message ?? '' },
        }),
      ),
    );
  }

  exportProgress(roomId: string): Result<ExportProgress> {
    return this.#exports ? this.#exports.get(roomId) : fail('not-connected', 'Microsoft 365 is not set up on this bridge.');
  }

  #integration(): Result<Microsoft365Integration> {
    const { microsoft365 } = this.#deps;
    if (!microsoft365) return fail('not-connected', 'Microsoft 365 is not set up on this bridge.');
    if (microsoft365.revocation()) return fail('not-connected', 'Microsoft 365 was revoked on this bridge: configure a credential and restart it to connect again.');
    return ok(microsoft365);
  }

  #existingRoom(roomId: string): Result<{ room: Room; created: boolean }> {
    const room = this.#deps.store.getRoom(roomId);
    return room ? ok({ room, created: false }) : fail('room-not-found', `There is no room "${roomId}" on this bridge.`);
  }

  /** The bridge's room for a room found in Microsoft 365 or Google Workspace, once that integration is set up here. */
  #roomFor(found: Discovered): Result<{ room: Room; created: boolean }> {
    if ('microsoft365' in found) {
      const integration = this.#integration();
      if (!integration.ok) return integration;
    } else if (!this.#deps.google?.status()) {
      return fail('not-connected', 'Google Workspace is not connected: connect it on this page, or give the bridge LINTEL_GOOGLE_CREDENTIALS_FILE.');
    }
    const { store, clock, timeZone } = this.#deps;
    return ok(roomForDiscovered(store, found, { now: clock.now(), timeZone }));
  }

  #describeOne(room: Room): AdminRoom {
    const { microsoft365, displays, clock } = this.#deps;
    return this.#describeRoom(room, room.microsoft365 ? microsoft365?.status() : undefined, displays.list(clock.now()));
  }

  #describeRoom(room: Room, m365: Microsoft365Status | undefined, shown: AdminDisplay[]): AdminRoom {
    const { microsoft365 } = this.#deps;
    const linked = room.microsoft365 ? m365?.rooms.find((each) => each.roomId === room.id) : room.calendar ? this.#deps.remoteCalendars?.roomSync(room.id) : undefined;
    return {
      id: room.id,
      name: room.name,
      timeZone: room.timeZone,
      capacity: room.capacity,
      location: room.location,
      status: this.#statusOf(room.id),
      access: room.access,
      microsoft365: room.microsoft365,
      calendar: room.calendar
        ? {
            ...describeCalendar(room.calendar),
            changedHere: room.calendar.type !== 'google' && !this.#deps.roomsFromFile?.has(room.id),
            ...(room.calendar.type === 'ics' ? { walkUps: room.calendar.walkUps } : {}),
          }
        : null,
      syncedAt: linked?.syncedAt ? toIso(linked.syncedAt) : null,
      outboxDepth: linked?.outboxDepth ?? 0,
      localFutureBookings: microsoft365 ? microsoft365.exportableCount(room.id) : 0,
      displays: shown.filter((display) => display.roomId === room.id).length,
      devices: this.#deps.deviceStatuses(room.id),
    };
  }

  #statusOf(roomId: string): RoomStatus | null {
    const state = this.#deps.rooms.getState(roomId);
    return state.ok ? state.data.status : null;
  }

  #assigned(displayId: string, roomId: string | null): void {
    for (const listener of this.#assignedListeners) listener(displayId, roomId);
  }
}
