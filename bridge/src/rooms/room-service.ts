import { DAY_MS, HOUR_MS, MINUTE_MS, toIso, type Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { visibleMeeting } from '../../../shared/meeting-privacy.ts';
import { meetingsOverlapping } from '../../../shared/meeting-span.ts';
import { toPublicRoom, type Meeting, type Room, type RoomAccess, type RoomState, type RoomSummary, type WalkUpAction } from '../../../shared/model.ts';
import { qrCodeAddress } from '../../../shared/phone-page.ts';
import { computeRoomStatus } from '../../../shared/room-status.ts';
import { localDayOf } from '../../../shared/time-zone.ts';
import { dueNoShows, nextNoShowDeadline, planWalkUpAction } from '../../../shared/walk-up-rules.ts';
import { WALK_UP_SUBJECT } from '../../../shared/walk-up-subject.ts';
import type { CalendarSource } from '../calendars/calendar-source.ts';
import type { Logger } from '../logger.ts';
import type { RoomStore } from '../store/room-store.ts';
import type { PresenceLog } from '../hardware/presence-log.ts';
import type { Client } from '../limits/client.ts';
import { clientOfStanding, mayUseRoom, roomRefusal, type Standing } from '../access/standing.ts';
import { ActionLimit } from './action-limit.ts';
import { PinGuard } from './pin-guard.ts';
import type { NoShowStrikes } from './no-show-strikes.ts';
import type { RoomHistory, WalkUpMaker } from './room-history.ts';
import { calendarTakesWalkUps } from '../../../shared/remote-calendar-config.ts';

/** An offline display's queued action older than this is stale news: the room has moved on. */
const MAX_ACTION_AGE_MS = 12 * HOUR_MS;
/**
 * How long answers to walk-up actions are kept for repeats. Far longer than
 * MAX_ACTION_AGE_MS, so a replay that may still be applied always finds the
 * first answer; short enough that the store does not grow for ever.
 */
const ACTION_RETENTION_MS = 30 * DAY_MS;
/** A display clock may run a little ahead of the bridge's; an action from the future is judged now. */
const MAX_CLOCK_SKEW_MS = 2 * MINUTE_MS;
/** A notice about a walk-up booking stays on the display long enough for the person who booked to see it. */
const NOTICE_SHOWN_MS = 15 * MINUTE_MS;

export interface RoomServiceDeps {
  store: RoomStore;
  calendar: CalendarSource;
  clock: Clock;
  logger: Logger;
  /** Where phones reach this bridge, for the booking page in each display's QR code. */
  publicUrl: string;
  /** How often the calendar source confirms the schedule. */
  syncPeriodSeconds: number;
  /** People seen by the rooms' base units: a meeting with people in the room is not released. */
  presence?: PresenceLog;
  /** Recurring meetings' no-shows in a row (checkIn.strikes); none counted without it. */
  strikes?: NoShowStrikes;
  /** Where walk-up bookings and no-show releases are kept for insights; none kept without it. */
  history?: RoomHistory;
}

/**
 * Where a room change happened, for bridge processes sharing one store: in
 * this process, in another one (told over Redis), or in every process at once
 * (the day rolling over at the room's midnight). The displays' fan-out tells
 * them apart: socket.io's Redis adapter already carries an emit from the
 * process that made a change to the displays of every process.
 */
export type ChangeOrigin = 'here' | 'elsewhere' | 'everywhere';
type RoomChangedListener = (roomId: string, origin: ChangeOrigin) => void;

/**
 * The bridge's authority over its rooms: computes each room's state and
 * applies walk-up actions exactly once per action id, atomically with the
 * record of the answer given.
 */
export class RoomService {
  readonly #deps: RoomServiceDeps;
  readonly #pins: PinGuard;
  readonly #actionLimit: ActionLimit;
  readonly #listeners = new Set<RoomChangedListener>();
  readonly #rolloverTimers = new Map<string, () => void>();
  #cancelPrune: () => void = () => {};
  #stopRemote: () => void = () => {};
  /** The rooms served, listed once and then kept by the changes announced: every room state says how many there are. */
  #servedRoomIds: Set<string> | undefined;
  /**
   * Each room's state as computed while a change is announced: every listener
   * (its displays, the building board, its base unit) reads the same one,
   * computed once. Only there: outside an announcement nothing says when the
   * calendar changes.
   */
  #announcing: Map<string, RoomState> | undefined;

  constructor(deps: RoomServiceDeps) {
    this.#deps = deps;
    this.#pins = new PinGuard(deps.clock);
    this.#actionLimit = new ActionLimit(deps.clock);
  }

  listRooms(): RoomSummary[] {
    return this.#deps.calendar.listRooms().map(({ id, name, timeZone, capacity, equipment, location }) => ({ id, name, timeZone, capacity, equipment, location }));
  }

  /** The room a display without a room id shows on a one-room install, which needs no pairing; none when there are several. */
  defaultRoomId(): string | undefined {
    const rooms = this.#deps.calendar.listRooms();
    return rooms.length === 1 ? rooms[0]?.id : undefined;
  }

  hasRoom(roomId: string): boolean {
    return this.#deps.calendar.getRoom(roomId) !== undefined;
  }

  getState(roomId: string): Result<RoomState> {
    const room = this.#deps.calendar.getRoom(roomId);
    if (!room) return fail('room-not-found', `There is no room "${roomId}".`);
    const announced = this.#announcing?.get(roomId);
    if (announced) return ok(announced);
    const state = this.#stateOf(room);
    this.#announcing?.set(roomId, state);
    return ok(state);
  }

  /** Who may read the room and act on it; undefined for no such room. */
  accessOf(roomId: string): RoomAccess | undefined {
    return this.#deps.calendar.getRoom(roomId)?.access;
  }

  /** The room's state for a client of `standing`: refused unless it may use the room (see access/standing.ts). */
  stateFor(roomId: string, standing: Standing): Result<RoomState> {
    const access = this.accessOf(roomId);
    if (access === undefined) return fail('room-not-found', `There is no room "${roomId}".`);
    const now = this.#deps.clock.now();
    return mayUseRoom(standing, roomId, access, now) ? this.getState(roomId) : roomRefusal(standing, roomId, now);
  }

  /** A walk-up action from a client of `standing` (at `address`): refused unless it may use the room; limited by its proof, or its address without one. */
  actionFrom(roomId: string, action: WalkUpAction, standing: Standing, address: string | undefined): Result<RoomState> {
    const access = this.accessOf(roomId);
    if (access === undefined) return fail('room-not-found', `There is no room "${roomId}".`);
    // Counted before the refusal too: refused requests cost the bridge as well.
    const client = clientOfStanding(standing, address);
    const admitted = this.#actionLimit.admit(client);
    if (!admitted.ok) return admitted;
    const now = this.#deps.clock.now();
    if (!mayUseRoom(standing, roomId, access, now)) return roomRefusal(standing, roomId, now);
    // A phone acts with its room link; anyone else acting on the room stands at its panel (an open room's display proves nothing).
    return this.#apply(roomId, action, client, standing.kind === 'phone' ? 'phone' : 'panel');
  }

  /**
   * Applies a walk-up action once, for a client already allowed to act in
   * the room (the room's base unit, or one that passed actionFrom). A repeated id with the same request gets
   * the answer the first one got; a repeated id with a different request is
   * refused, because it means a client reused an id by mistake. Refusals for
   * read-only rooms, PINs and `client`'s rate are not recorded: the same
   * action may be sent again with the right PIN, or later.
   */
  applyAction(roomId: string, action: WalkUpAction, client: Client): Result<RoomState> {
    const admitted = this.#actionLimit.admit(client);
    // Acting for the room itself (its base unit's BOOK button): a booking made at its panel.
    return admitted.ok ? this.#apply(roomId, action, client, 'panel') : admitted;
  }

  #apply(roomId: string, action: WalkUpAction, client: Client, madeAt: WalkUpMaker): Result<RoomState> {
    const { store, calendar, clock, logger } = this.#deps;
    const room = calendar.getRoom(roomId);
    if (!room) return fail('room-not-found', `There is no room "${roomId}".`);
    if (room.settings.readOnly) return fail('read-only', 'This room takes no walk-up actions: its displays only show the schedule.');
    if (!calendarTakesWalkUps(room.calendar)) return fail('read-only-calendar', 'This room\'s calendar is a read-only ICS feed: it takes no walk-up actions (set "walkUps": "local" to keep them in the bridge).');
    const pinCheck = this.#pins.check(client, roomId, room.settings.pin, action.pin);
    if (!pinCheck.ok) return pinCheck;

    const { pin: _pin, ...withoutPin } = action;
    const request = JSON.stringify({ roomId, action: withoutPin });
    let changed = false;
    const result = store.transaction((): Result<RoomState> => {
      const earlier = store.findAction(action.id);
      if (earlier) {
        return earlier.request === request
          ? earlier.result
          : fail('action-id-reused', `Action id ${action.id} was already used for a different action.`);
      }
      const received = clock.now();
      const now = judgedAt(action, received);
      if (now === null) {
        const answer = fail<RoomState>('expired', 'This action was taken more than 12 hours ago and is no longer applied.');
        store.recordAction({ id: action.id, roomId, request, result: answer, appliedAt: received });
        return answer;
      }
      const meetings = this.meetingsAround(room, now);
      const plan = planWalkUpAction(action, { meetings, now, room, bookingSubject: WALK_UP_SUBJECT[room.settings.language] });
      if (plan.ok) {
        calendar.applyChange(roomId, plan.data);
        changed = plan.data.kind !== 'none';
        const change = plan.data;
        if (change.kind === 'create') this.#deps.history?.walkUpBooked(roomId, change.meeting, madeAt);
        const checkedIn = change.kind === 'update' && change.checkedInAt !== undefined ? meetings.find((meeting) => meeting.id === change.meetingId) : undefined;
        if (checkedIn) this.#deps.strikes?.attended(room, checkedIn);
      }
      const answer = plan.ok ? ok(this.#stateOf(room)) : plan;
      store.recordAction({ id: action.id, roomId, request, result: answer, appliedAt: received });
      return answer;
    });

    logger.info({ roomId, actionId: action.id, type: action.type, ok: result.ok, code: result.ok ? undefined : result.code }, 'walk-up action');
    if (changed) this.#notify(roomId);
    return result;
  }

  /** Releases the room's meetings whose check-in window closed with nobody checked in; returns how many. */
  releaseNoShows(roomId: string): number {
    const { store, calendar, clock, logger } = this.#deps;
    const room = calendar.getRoom(roomId);
    if (!room) return 0;
    const released = store.transaction((): Meeting[] => {
      const beforeMs = room.settings.checkIn.beforeMinutes * MINUTE_MS;
      const noShows: Meeting[] = [];
      for (const meeting of dueNoShows(this.meetingsAround(room, clock.now()), clock.now(), room)) {
        // People in the room during its window: it is no no-show, whether or not anyone tapped.
        if (this.#deps.presence?.seenSince(roomId, Date.parse(meeting.start) - beforeMs)) this.#deps.strikes?.attended(room, meeting);
        else noShows.push(meeting);
      }
      for (const meeting of noShows) {
        calendar.applyChange(roomId, { kind: 'release', meetingId: meeting.id });
        this.#deps.strikes?.released(room, meeting);
        if (!meeting.allDay) this.#deps.history?.releasedNoShow(roomId, meeting, clock.now());
      }
      return noShows;
    });
    for (const meeting of released) logger.info({ roomId, meetingId: meeting.id }, 'released a meeting nobody checked in to');
    if (released.length > 0) this.#notify(roomId);
    return released.length;
  }

  /** When the next check-in window of the room closes, or null when no release can come. */
  nextNoShowDeadline(roomId: string): number | null {
    const room = this.#deps.calendar.getRoom(roomId);
    if (!room) return null;
    const now = this.#deps.clock.now();
    return nextNoShowDeadline(this.meetingsAround(room, now), now, room);
  }

  roomIds(): string[] {
    return this.#deps.calendar.listRooms().map((room) => room.id);
  }

  /** A room an admin added while the bridge runs: its displays roll over at its midnight too. */
  roomAdded(roomId: string): void {
    const room = this.#deps.calendar.getRoom(roomId);
    if (room && !this.#rolloverTimers.has(roomId)) this.#scheduleRollover(room);
    this.#notify(roomId);
    // A one-room bridge just became one of several: its first room's displays can now send people elsewhere.
    if (this.#servedRooms().size === 2) for (const other of this.#servedRooms()) if (other !== roomId) this.#notify(other);
  }

  /** An admin changed the room's settings (its access, say): everything that follows the room hears it. */
  roomChanged(roomId: string): void {
    this.#notify(roomId);
  }

  onRoomChanged(listener: RoomChangedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Another bridge process sharing this store changed the room: what here follows the room hears it too. */
  changedElsewhere(roomId: string): void {
    this.#notify(roomId, 'elsewhere');
  }

  /** Pushes each room's new day to its displays at its local midnight, and prunes old action answers daily. */
  start(): void {
    this.#stopRemote = this.#deps.calendar.onRemoteChange((roomId) => this.#notify(roomId));
    for (const room of this.#deps.calendar.listRooms()) this.#scheduleRollover(room);
    this.#pruneDaily();
  }

  stop(): void {
    this.#stopRemote();
    for (const cancel of this.#rolloverTimers.values()) cancel();
    this.#rolloverTimers.clear();
    this.#cancelPrune();
  }

  #pruneDaily(): void {
    const { store, clock, logger } = this.#deps;
    const pruned = store.pruneActions(clock.now() - ACTION_RETENTION_MS);
    store.pruneNotices(clock.now() - DAY_MS);
    if (pruned > 0) logger.info({ pruned }, 'forgot walk-up action answers older than 30 days');
    this.#cancelPrune = clock.setTimer(() => this.#pruneDaily(), DAY_MS);
  }

  /** Wide enough that a booking at 23:50 sees the meeting at 00:05, and a meeting across midnight is seen. */
  meetingsAround(room: Room, now: number): Meeting[] {
    return this.#deps.calendar.meetingsBetween(room.id, now - DAY_MS, now + 2 * DAY_MS);
  }

  #scheduleRollover(room: Room): void {
    const { clock } = this.#deps;
    const now = clock.now();
    const cancel = clock.setTimer(() => {
      this.#notify(room.id, 'everywhere');
      this.#scheduleRollover(room);
    }, localDayOf(now, room.timeZone).end - now);
    this.#rolloverTimers.set(room.id, cancel);
  }

  #stateOf(room: Room): RoomState {
    const { calendar, clock, publicUrl, syncPeriodSeconds } = this.#deps;
    const now = clock.now();
    const day = localDayOf(now, room.timeZone);
    const events = meetingsOverlapping(calendar.meetingsBetween(room.id, day.start, day.end), day, room.timeZone);
    const view = computeRoomStatus(events, now, room);
    const iso = (ms: number | null) => (ms === null ? null : toIso(ms));
    const synced = calendar.syncedAt(room.id);
    // Every room state goes to displays, phones, building screens or a walk-up action's answer, none of them an admin.
    const visible = (meeting: Meeting) => visibleMeeting(meeting, room.settings.privacy);
    return {
      room: toPublicRoom(room),
      status: view.status,
      current: view.current && visible(view.current),
      next: view.next.map(visible),
      events: events.map(visible),
      freeUntil: iso(view.freeUntil),
      busyUntil: iso(view.busyUntil),
      now: toIso(now),
      updatedAt: toIso(calendar.updatedAt(room.id) ?? now),
      syncedAt: synced === null ? null : toIso(synced),
      syncPeriodSeconds,
      // Marked as the QR code's: a phone opening it gets the phone page, the kiosk at the bare address its display.
      bookingUrl: qrCodeAddress(new URL(`/rooms/${encodeURIComponent(room.id)}`, publicUrl)),
      roomCount: this.#servedRooms().size,
      notices: this.#deps.store.noticesSince(room.id, now - NOTICE_SHOWN_MS),
      occupied: this.#deps.presence?.occupied(room.id) ?? null,
    };
  }

  #servedRooms(): Set<string> {
    this.#servedRoomIds ??= new Set(this.roomIds());
    return this.#servedRoomIds;
  }

  #notify(roomId: string, origin: ChangeOrigin = 'here'): void {
    // A room added by another bridge process sharing the store is first heard of here.
    this.#servedRoomIds?.add(roomId);
    const outermost = this.#announcing === undefined;
    this.#announcing ??= new Map();
    // Changed again by a listener of an announcement under way: what was read before is out of date.
    this.#announcing.delete(roomId);
    try {
      for (const listener of this.#listeners) {
        try {
          listener(roomId, origin);
        } catch (error) {
          this.#deps.logger.error({ err: error, roomId }, 'room change listener failed');
        }
      }
    } finally {
      if (outermost) this.#announcing = undefined;
    }
  }
}

/** The moment an action is judged at: when it was taken, if that is believable; null when too old. */
function judgedAt(action: WalkUpAction, received: number): number | null {
  if (action.takenAt === undefined) return received;
  const takenAt = Date.parse(action.takenAt);
  if (takenAt > received + MAX_CLOCK_SKEW_MS) return received;
  if (takenAt < received - MAX_ACTION_AGE_MS) return null;
  return Math.min(takenAt, received);
}
