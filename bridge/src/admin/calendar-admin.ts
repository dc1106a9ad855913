import type { DiscoveredGoogleRoom, GoogleConnection, NewRoomRequest, RoomCalendarRequest } from '../../../shared/admin-api.ts';
import type { Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { Room } from '../../../shared/model.ts';
import type { RemoteCalendarConfig } from '../../../shared/remote-calendar-config.ts';
import type { GoogleWorkspace } from '../calendars/google/google-workspace.ts';
import { describeCalendar } from '../calendars/remote/calendar-description.ts';
import { caldavPasswordOf, type CalendarSecrets } from '../calendars/remote/calendar-secrets.ts';
import type { RemoteCalendarEngine } from '../calendars/remote/remote-calendar-engine.ts';
import type { RoomWithCalendar } from '../calendars/remote/remote-calendars.ts';
import type { Logger } from '../logger.ts';
import type { RoomService } from '../rooms/room-service.ts';
import type { RoomStore } from '../store/room-store.ts';
import { adminActionRecorder, type RecordAdminAction } from './admin-action.ts';
import type { AdminIdentity } from './admin-identity.ts';
import type { AuditLog } from './audit-log.ts';
import { freeRoomId } from './discovered-room.ts';

export interface CalendarAdminDeps {
  store: RoomStore;
  rooms: RoomService;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** The zone of a room added without one: the bridge's. */
  timeZone: string;
  engine: Pick<RemoteCalendarEngine, 'tryCalendar' | 'syncNow' | 'outboxDepth' | 'moveRoom'>;
  /** The rooms of the rooms file: their calendars are changed there. */
  roomsFromFile: ReadonlySet<string>;
  secrets: CalendarSecrets;
  google: GoogleWorkspace;
}

/**
 * The admin page's calendar settings beyond Microsoft 365: rooms added on a
 * CalDAV server or an ICS feed, and Google Workspace connected with a
 * service account's key. Each is tried with the calendar before anything is
 * saved: a refusal says the server's reason and changes nothing.
 */
export class CalendarAdmin {
  readonly #deps: CalendarAdminDeps;
  readonly #audit: RecordAdminAction;

  constructor(deps: CalendarAdminDeps) {
    this.#deps = deps;
    this.#audit = adminActionRecorder(deps);
  }

  /** A new room of this bridge on the calendar the request names, once that calendar answered. */
  async addRoom(request: NewRoomRequest & { timeZone?: string | undefined }, you: AdminIdentity): Promise<Result<Room>> {
    const { store, clock, engine, secrets, timeZone } = this.#deps;
    const calendar: RemoteCalendarConfig =
      request.calendar.type === 'caldav' ? { type: 'caldav', url: request.calendar.url, username: request.calendar.username } : { type: 'ics', url: request.calendar.url, walkUps: request.calendar.walkUps ?? 'refused' };
    const same = store.listRooms().find((room) => room.calendar && sameCalendar(room.calendar, calendar));
    if (same) return fail('invalid-input', `"${same.name}" is already on this calendar: link displays to it instead.`);
    const room = Room.parse({
      id: freeRoomId(request.name.toLowerCase(), new Set(store.listRooms().map((each) => each.id))),
      name: request.name,
      timeZone: request.timeZone ?? timeZone,
      capacity: request.capacity ?? null,
      calendar,
    }) as RoomWithCalendar;
    const password = request.calendar.type === 'caldav' ? request.calendar.password : undefined;
    const tried = await engine.tryCalendar(room, password);
    if (!tried.ok) return fail('calendar-check-failed', tried.message);
    // Checked again: another admin may have added a room of that name while the calendar was read.
    if (store.getRoom(room.id)) return fail('invalid-input', `A room "${room.id}" was added meanwhile: try again.`);
    store.transaction(() => {
      if (password !== undefined) secrets.save(caldavPasswordOf(room.id), password, clock.now());
      store.saveRoom(room, clock.now());
    });
    this.#deps.rooms.roomAdded(room.id);
    void engine.syncNow(room.id);
    this.#audit(you, { action: 'add-room', room: room.name, calendar: describeCalendar(calendar).describe });
    return ok(room);
  }

  /**
   * Another address, account or password for a CalDAV or ICS room added on
   * the admin page (what the request leaves out stays), once the calendar
   * answered with them. Refused while walk-up changes wait to be written to a
   * calendar the room would leave: they would land nowhere, or twice.
   */
  async changeCalendar(roomId: string, request: RoomCalendarRequest, you: AdminIdentity): Promise<Result<Room>> {
    const { store, engine, secrets, clock, roomsFromFile } = this.#deps;
    const room = store.getRoom(roomId);
    if (!room) return fail('room-not-found', `There is no room "${roomId}" on this bridge.`);
    const current = room.calendar;
    if (current?.type !== 'caldav' && current?.type !== 'ics') return fail('not-allowed', `"${room.name}" is not on a CalDAV server or an ICS feed.`);
    if (roomsFromFile.has(roomId)) return fail('not-allowed', `"${room.name}" is in the rooms file: change its calendar there.`);
    if (request.type !== current.type) return fail('invalid-input', `type: "${room.name}" stays on its kind of calendar (${current.type}); add another room for the other kind.`);
    const calendar: RemoteCalendarConfig =
      current.type === 'caldav' && request.type === 'caldav'
        ? { type: 'caldav', url: request.url ?? current.url, username: request.username ?? current.username }
        : { type: 'ics', url: request.url ?? current.url, walkUps: (request.type === 'ics' ? request.walkUps : undefined) ?? (current.type === 'ics' ? current.walkUps : 'refused') };
    const elsewhere = calendar.url !== current.url || (calendar.type === 'caldav' && current.type === 'caldav' && calendar.username !== current.username);
    const waiting = () => fail<Room>('not-allowed', `${engine.outboxDepth(roomId)} walk-up change(s) of "${room.name}" wait to be written to its calendar: change it once they are.`);
    if (elsewhere && engine.outboxDepth(roomId) > 0) return waiting();
    const same = store.listRooms().find((other) => other.id !== roomId && other.calendar && sameCalendar(other.calendar, calendar));
    if (same) return fail('invalid-input', `"${same.name}" is already on this calendar.`);
    const given = request.type === 'caldav' ? request.password : undefined;
    const password = calendar.type === 'caldav' ? (given ?? secrets.get(caldavPasswordOf(roomId))) : undefined;
    const changed = { ...room, calendar } as RoomWithCalendar;
    const tried = await engine.tryCalendar(changed, password);
    if (!tried.ok) return fail('calendar-check-failed', tried.message);
    const saved = store.transaction(() => {
      if (!elsewhere) store.saveRoom(changed, clock.now());
      // Checked again with the move: a booking made while the calendar was read may wait for the old one now.
      else if (!engine.moveRoom(changed)) return false;
      // A new saved time: every process connects to the room again with it (remote-connections.ts).
      if (given !== undefined) secrets.save(caldavPasswordOf(roomId), given, clock.now());
      return true;
    });
    if (!saved) return waiting();
    void engine.syncNow(roomId);
    this.#audit(you, { action: 'room-calendar', room: room.name, calendar: describeCalendar(calendar).describe, password: given !== undefined });
    return ok(changed);
  }

  async connectGoogle(key: string, subject: string | null, you: AdminIdentity): Promise<Result<GoogleConnection>> {
    const connected = await this.#deps.google.connect(key, subject);
    if (connected.ok) this.#audit(you, { action: 'connect-google', serviceAccount: connected.data.serviceAccount, subject });
    return connected;
  }

  disconnectGoogle(you: AdminIdentity): Result<void> {
    const gone = this.#deps.google.disconnect();
    if (!gone.ok) return gone;
    this.#audit(you, { action: 'disconnect-google', serviceAccount: gone.data });
    return ok(undefined);
  }

  /** The Workspace's rooms, from the Admin SDK, for the admin to link a display to. */
  async googleRooms(): Promise<Result<DiscoveredGoogleRoom[]>> {
    const directory = await this.#deps.google.directory();
    if (!directory) return fail('not-connected', 'Google Workspace is not connected: connect it on this page, or give the bridge LINTEL_GOOGLE_CREDENTIALS_FILE.');
    const found = await directory.discoverRooms();
    return found.ok ? ok(found.value) : fail('not-connected', found.message);
  }
}

/** The same calendar: a collection or feed at the same address (for CalDAV, as the same account). */
function sameCalendar(a: RemoteCalendarConfig, b: RemoteCalendarConfig): boolean {
  if (a.type === 'google' || b.type === 'google') return false;
  return a.type === b.type && a.url === b.url && (a.type !== 'caldav' || (b.type === 'caldav' && a.username === b.username));
}
