import type { Clock } from '../../../../shared/clock.ts';
import type { IntegrationWarningCode } from '../../../../shared/integration-warnings.ts';
import type { TimedMeeting } from '../../../../shared/model.ts';
import type { Logger } from '../../logger.ts';
import type { CalendarKind, CalendarSettings, RoomOnCalendar } from './calendar-settings.ts';

/**
 * One meeting of a room's remote calendar as its provider reads it: a single
 * event, or one occurrence of a recurring series, already expanded.
 */
export interface RemoteOccurrence {
  /** Unique and stable in the room's calendar: Google's event id, or an iCalendar UID with its RECURRENCE-ID. */
  key: string;
  /** Where the provider finds the event to change it (a CalDAV resource's href, a Google event id). */
  ref: string;
  /** An instant (ISO 8601 with offset) for a timed meeting; a date (YYYY-MM-DD) for an all-day one. */
  start: string;
  /** Exclusive, as start. */
  end: string;
  allDay: boolean;
  subject: string;
  organizer: string | null;
  /** Marked private or confidential in its calendar: displays show "Private meeting", never its subject. */
  isPrivate: boolean;
  /** The series' own id in the calendar (its UID, Google's recurringEventId); absent for a one-off. */
  seriesId?: string;
  /** The room only attends: it may decline or shorten its own copy, not move the meeting for others. */
  organizedElsewhere?: true;
  /** The walk-up key it was created with (`create`), when the calendar kept it: how a booking is recognised after a crash. */
  createdFor?: string;
  /** The id every copy of the meeting shares (Exchange's iCalUId): how the room's copy of a booking made in its organizer's calendar is recognised. */
  sharedId?: string;
  /** The room declined it (a conflict, or an organizer it does not take bookings from): it does not hold the room. */
  declined?: true;
}

/** The days a round covers, as instants (ms): the room's yesterday to the end of its seventh day ahead. */
export interface SyncWindow {
  start: number;
  end: number;
}

/**
 * What a round found. `snapshot`: every meeting in the window (what is not in
 * it is gone). `delta`: what changed since the cursor. `unchanged`: nothing did.
 */
export type SyncResult =
  | { kind: 'snapshot'; occurrences: RemoteOccurrence[]; cursor: string }
  | { kind: 'delta'; changed: RemoteOccurrence[]; removedKeys: string[]; cursor: string }
  | { kind: 'unchanged'; cursor: string };

/** A problem an admin must fix, with the provider's own words in `message` (the admin page words the code and its fix). */
export interface RemoteWarning {
  code: IntegrationWarningCode;
  message: string;
}

/**
 * Why a call did not do what it asked. `unreachable` and `throttled` are
 * tried again later (after `retryAfterMs` when the server said); `refused`
 * is not, and carries the warning that tells the admin why; `cursor-expired`
 * means the sync cursor is no longer accepted and the next round starts over.
 */
export type ProviderFailure = {
  ok: false;
  failure: 'unreachable' | 'throttled' | 'refused' | 'cursor-expired';
  message: string;
  retryAfterMs?: number;
  warning?: RemoteWarning;
};

export type ProviderAnswer<T> = { ok: true; value: T } | ProviderFailure;

/** What the bridge knows of an event it changes: its key and where it is. */
export interface RemoteTarget {
  /** Null for a booking made in its organizer's calendar whose copy in the room's calendar was not read yet. */
  key: string | null;
  ref: string;
}

/** The target's key, for calendars where every event the bridge changes has one (all but Microsoft 365's bookings made in their organizer's calendar). */
export function keyOf(target: RemoteTarget): string {
  if (target.key === null) throw new Error(`The event ${target.ref} has no key in the room's calendar`);
  return target.key;
}

/**
 * The event a `create` made. `awaitsAnswer`: it was made in its organizer's
 * calendar with the room invited, and holds the room only once the room
 * accepts (`roomAnswer`); `sharedId` finds the room's copy when it is read.
 */
export interface CreatedEvent extends RemoteTarget {
  sharedId?: string;
  awaitsAnswer?: true;
}

/** How the room answered a booking that awaits its answer; `gone`: its organizer's event is no more. */
export type RoomAnswer = 'accepted' | 'declined' | 'pending' | 'gone';

/**
 * One room's calendar at its provider.
 *
 * Rules every provider keeps (one contract suite checks them, against a real
 * server or an emulator written from the provider's documents):
 * - `sync` with a null cursor returns a snapshot of the window; with the
 *   cursor of the previous round over the same window, what changed since,
 *   which may leave out this connection's own writes (the engine applied
 *   them to the room's copy first). A cursor the server no longer accepts is
 *   `cursor-expired`.
 * - `create` is idempotent under its key: a second call with the same key
 *   (a retry after a lost answer, or after a crash) never makes a second
 *   event, and answers with the event the first made.
 * - `shorten` and `cancel` of an event that is gone succeed: the change is moot.
 * - Occurrences of a series are changed one by one: the rest of the series stays.
 * - A read-only calendar (an ICS feed) answers `refused` to every write.
 * - A calendar whose bookings await the room's answer has `roomAnswer`; one
 *   where the room may give up a series someone else organizes has
 *   `declineSeries`, which succeeds when the series is gone.
 * - No call throws for an answer of the server; a bug may.
 */
export interface RemoteCalendar {
  readonly writable: boolean;
  sync(cursor: string | null, window: SyncWindow): Promise<ProviderAnswer<SyncResult>>;
  create(key: string, meeting: TimedMeeting): Promise<ProviderAnswer<CreatedEvent>>;
  /** `create` for a few bookings at once (an export), in one request where the calendar takes one; an answer for each, in order. */
  createMany?(bookings: { key: string; meeting: TimedMeeting }[]): Promise<ProviderAnswer<CreatedEvent>[]>;
  /** Ends the meeting at `end` (an instant): "end now", or "extend" when later than its end. */
  changeEnd(target: RemoteTarget, end: string): Promise<ProviderAnswer<void>>;
  /** `release`: a no-show given back, said so to its organizer where the calendar can; `declined`: the room declined the booking, withdrawn. */
  cancel(target: RemoteTarget, reason: 'ended' | 'release' | 'declined'): Promise<ProviderAnswer<void>>;
  /** Tried before a room is saved: reads the calendar once. */
  check(): Promise<ProviderAnswer<void>>;
  roomAnswer?(target: RemoteTarget): Promise<ProviderAnswer<RoomAnswer>>;
  /** The room declines a series (`seriesId`, an occurrence's `seriesId`) for good, telling its organizer `comment`. */
  declineSeries?(seriesId: string, comment: string): Promise<ProviderAnswer<void>>;
}

/** What a provider keeps of a room's calendar between rounds (CalDAV's resources and etags, an ICS feed's last answer). */
export interface CachedObject {
  href: string;
  etag: string | null;
  body: string;
}

export interface ObjectCache {
  list(): CachedObject[];
  get(href: string): CachedObject | undefined;
  put(object: CachedObject): void;
  delete(href: string): void;
  clear(): void;
}

export interface ConnectDeps {
  clock: Clock;
  logger: Logger;
  /** This room's cache, in the bridge's store. */
  cache: ObjectCache;
  /** The password the admin page saved for this room (calendar-secrets.ts), for settings that name no password file. */
  secret: string | undefined;
}

/** A kind of remote calendar (Microsoft 365, Google, CalDAV, ICS): how the engine reaches a room's calendar of that kind. */
export interface RemoteCalendarProvider<T extends CalendarKind = CalendarKind> {
  readonly type: T;
  connect(room: RoomOnCalendar, config: Extract<CalendarSettings, { type: T }>, deps: ConnectDeps): RemoteCalendar;
}

/** A provider of any one kind, as the engine is given them. */
export type AnyRemoteCalendarProvider = { [T in CalendarKind]: RemoteCalendarProvider<T> }[CalendarKind];
