import type { Clock } from '../../../../shared/clock.ts';
import type { Room } from '../../../../shared/model.ts';
import type { Logger } from '../../logger.ts';
import { QueueSender } from '../../queue-sender.ts';
import type { RoomStore } from '../../store/room-store.ts';
import type { BookingRollback } from './booking-rollback.ts';
import { RetryBackoff } from './retry-backoff.ts';
import { onCalendar, type CalendarOf, type RoomOnCalendar } from './calendar-settings.ts';
import { recordCreatedEvent } from './created-event.ts';
import { writesWalkUps } from './remote-calendars.ts';
import type { RemoteConnections } from './remote-connections.ts';
import type { ProviderAnswer, ProviderFailure, RemoteCalendar } from './remote-provider.ts';
import { raiseRoomWarning } from './remote-room-sync.ts';
import type { RemoteOutboxEntry, RemoteStore } from './remote-store.ts';
import type { WarningBoard } from './warning-board.ts';

export interface RemoteOutboxSenderDeps {
  remote: RemoteStore;
  store: RoomStore;
  connections: RemoteConnections;
  getRoom: (roomId: string) => Room | undefined;
  calendarOf: CalendarOf;
  clock: Clock;
  logger: Logger;
  warnings: WarningBoard;
  rollback: BookingRollback;
  /** The rooms whose changes this engine sends: its rooms, and of those only the ones this process syncs when bridge processes share the store. */
  roomsSentHere: () => string[];
}

type Outcome = 'sent' | 'retry' | 'refused';

const BATCH = 500;

/**
 * Writes walk-up changes to each room's remote calendar, a room's in the
 * order they were made.
 *
 * Exactly once: a booking is created under its own id as the key, which the
 * provider turns into the event's id or UID, so a retry after a lost answer
 * or a crash finds the event made rather than making a second; a new end and
 * a cancel are absolute, and a cancel of a gone event counts as done. An
 * entry leaves the outbox only once the calendar answered it. A change the
 * calendar refuses is not retried for ever: a refused booking is taken back
 * with a notice, and the admin is told why.
 */
export class RemoteOutboxSender extends QueueSender {
  readonly #deps: RemoteOutboxSenderDeps;
  readonly #backoff = new RetryBackoff();
  /** Rooms whose server asked to wait (Retry-After), until when: no wake sends to them sooner. */
  readonly #heldUntil = new Map<string, number>();

  constructor(deps: RemoteOutboxSenderDeps) {
    super(deps.clock);
    this.#deps = deps;
  }

  protected failed(error: unknown): void {
    this.#deps.logger.error({ err: error }, 'walk-up changes could not be sent');
    this.retryIn(this.#backoff.next());
  }

  protected async drain(): Promise<void> {
    const { remote, logger, clock } = this.#deps;
    const blockedRooms = new Set<string>();
    let wait = 0;
    for (const [roomId, until] of this.#heldUntil) {
      if (until <= clock.now()) this.#heldUntil.delete(roomId);
      else {
        blockedRooms.add(roomId);
        wait = Math.max(wait, until - clock.now());
      }
    }
    let progressed = true;
    while (progressed && !this.stopped) {
      progressed = false;
      for (const entry of remote.outbox.waiting(BATCH, this.#deps.roomsSentHere())) {
        if (blockedRooms.has(entry.roomId)) continue;
        const outcome = await this.#send(entry);
        if (outcome.result === 'retry') {
          blockedRooms.add(entry.roomId);
          if (outcome.retryAfterMs !== undefined) this.#heldUntil.set(entry.roomId, clock.now() + outcome.retryAfterMs);
          wait = Math.max(wait, outcome.retryAfterMs ?? 0);
          continue;
        }
        progressed = true;
      }
    }
    if (blockedRooms.size === 0) {
      this.#backoff.reset();
      return;
    }
    const retryInMs = this.#backoff.next(wait);
    logger.info({ rooms: [...blockedRooms], retryInMs, waiting: remote.outbox.depth() }, 'walk-up changes wait for their calendars');
    this.retryIn(retryInMs);
  }

  async #send(entry: RemoteOutboxEntry): Promise<{ result: Outcome; retryAfterMs?: number }> {
    const { remote, getRoom, connections, calendarOf } = this.#deps;
    const room = onCalendar(getRoom(entry.roomId), calendarOf);
    // The room left its calendar meanwhile: nothing to write to.
    if (!room || !writesWalkUps(room.calendar)) {
      remote.outbox.markSent(entry.seq);
      return { result: 'sent' };
    }
    const connection = await connections.for(room);
    // Its kind is not configured here now (Google Workspace disconnected): the change waits for it, as for a server down.
    if (!connection) return { result: 'retry' };
    const answer = await this.#call(entry, connection);
    if (answer.ok) {
      remote.outbox.markSent(entry.seq);
      return { result: 'sent' };
    }
    remote.outbox.markFailed(entry.seq, `${answer.failure}: ${answer.message}`);
    if (answer.failure !== 'refused') return { result: 'retry', ...(answer.retryAfterMs !== undefined ? { retryAfterMs: answer.retryAfterMs } : {}) };
    this.#refused(room, entry, answer);
    remote.outbox.markSent(entry.seq);
    return { result: 'refused' };
  }

  async #call(entry: RemoteOutboxEntry, connection: RemoteCalendar): Promise<ProviderAnswer<void>> {
    const { remote, store, clock } = this.#deps;
    const { change } = entry;
    const done = { ok: true, value: undefined } as const;
    if (change.kind === 'decline-series') return connection.declineSeries ? connection.declineSeries(change.seriesId, change.comment) : done;
    const link = remote.linkOf(entry.meetingId);
    if (change.kind === 'create') {
      const key = link?.createdFor ?? change.meeting.id;
      const made = await connection.create(key, change.meeting);
      if (!made.ok) return made;
      // Saved unless the booking was taken back while its write was under way.
      recordCreatedEvent({ store, remote }, { roomId: entry.roomId, meetingId: entry.meetingId, key, event: made.value }, clock.now());
      return done;
    }
    // Never made it to the calendar (refused, or the room moved meanwhile): nothing there to change.
    if (!link?.ref) return done;
    const target = { key: link.key, ref: link.ref };
    if (change.kind === 'update') return change.end === undefined ? done : connection.changeEnd(target, change.end);
    const cancelled = await connection.cancel(target, change.kind === 'release' ? 'release' : 'ended');
    if (cancelled.ok) remote.deleteLink(entry.meetingId);
    return cancelled;
  }

  #refused(room: RoomOnCalendar, entry: RemoteOutboxEntry, failure: ProviderFailure): void {
    const { warnings, logger, rollback } = this.#deps;
    if (failure.warning) raiseRoomWarning(warnings, room.id, failure.warning);
    logger.error({ roomId: room.id, meetingId: entry.meetingId, kind: entry.change.kind, detail: failure.message }, 'the room\'s calendar refused a walk-up change');
    if (entry.change.kind === 'create') rollback.undo(room.id, entry.meetingId, 'booking-not-saved', failure.message);
  }
}
