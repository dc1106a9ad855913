import type { Clock } from '../../../../shared/clock.ts';
import type { Room, TimedMeeting } from '../../../../shared/model.ts';
import { findCreatedBooking } from './booking-lookup.ts';
import { bookingRequest, graphTime } from './booking-request.ts';
import { recordCreatedBooking } from './created-booking.ts';
import type { Logger } from '../../logger.ts';
import { mailboxOf, type GraphAnswer, type GraphCall, type GraphGateway } from './graph-gateway.ts';
import { GraphEvent } from './graph-event.ts';
import type { BookingRollback } from '../remote/booking-rollback.ts';
import type { M365Store, OutboxEntry, RemoteLink } from './m365-store.ts';
import type { RoomStore } from '../../store/room-store.ts';
import { isMailboxRefusal, showRoomRefusal, type Permissions } from './graph-refusal.ts';
import type { WarningBoard } from '../remote/warning-board.ts';
import { QueueSender } from '../../queue-sender.ts';
import { RetryBackoff } from '../remote/retry-backoff.ts';
import { seriesDeclineCall, type SeriesDecline } from './series-decline.ts';

export interface OutboxSenderDeps {
  graph: GraphGateway;
  m365: M365Store;
  store: RoomStore;
  getRoom: (roomId: string) => Room | undefined;
  clock: Clock;
  logger: Logger;
  warnings: WarningBoard;
  rollback: BookingRollback;
  /** The mailbox that organizes walk-up bookings; null books on each room's own calendar. */
  serviceMailbox: string | null;
  /** What a refused mailbox means: outside the application's scope, or not shared with the account. */
  permissions: Permissions;
  /** The rooms whose changes this process sends, when bridge processes share the store; all rooms when absent. */
  roomsSentHere?: () => string[];
}

type Outcome = 'sent' | 'retry' | 'refused';
/** A change to a meeting Exchange already has. */
type MeetingUpdate = Exclude<OutboxEntry['change'], { kind: 'create' } | SeriesDecline>;

const BATCH = 500;

/**
 * Writes walk-up changes to Exchange, each room's in the order they were made.
 *
 * Exactly once: a booking is created with `transactionId` set to its local
 * id, so a retry after a lost answer or a crash finds the event already made
 * instead of making a second (answered with it, or refused and then found in
 * the organizer's calendar); updates set absolute values and cancels of a
 * gone event count as done, so repeating them is harmless. An entry leaves
 * the outbox only after Exchange answered it. A change Exchange refuses is
 * not retried for ever: a refused booking is taken back with a notice.
 */
export class OutboxSender extends QueueSender {
  readonly #deps: OutboxSenderDeps;
  readonly #backoff = new RetryBackoff();

  constructor(deps: OutboxSenderDeps) {
    super(deps.clock);
    this.#deps = deps;
  }

  protected failed(error: unknown): void {
    // The store unreachable, say: what waits keeps waiting, and is tried again as when Microsoft 365 is.
    this.#deps.logger.error({ err: error }, 'walk-up changes could not be sent');
    this.#retryLater();
  }

  protected async drain(): Promise<void> {
    const { m365, logger } = this.#deps;
    const blockedRooms = new Set<string>();
    let progressed = true;
    while (progressed && !this.stopped) {
      progressed = false;
      for (const entry of m365.outbox(BATCH, this.#deps.roomsSentHere?.())) {
        if (blockedRooms.has(entry.roomId)) continue;
        const outcome = await this.#send(entry);
        if (outcome === 'retry') {
          blockedRooms.add(entry.roomId);
          continue;
        }
        progressed = true;
      }
    }
    if (blockedRooms.size === 0) {
      this.#backoff.reset();
      return;
    }
    logger.info({ rooms: [...blockedRooms], retryInMs: this.#backoff.peek(), waiting: m365.outboxDepth() }, 'walk-up changes wait for Microsoft 365');
    this.#retryLater();
  }

  #retryLater(): void {
    this.retryIn(this.#backoff.next());
  }

  async #send(entry: OutboxEntry): Promise<Outcome> {
    const { m365, getRoom } = this.#deps;
    const room = getRoom(entry.roomId);
    if (!room?.microsoft365) {
      m365.markSent(entry.seq);
      return 'sent';
    }
    const { change } = entry;
    let outcome: Outcome;
    if (change.kind === 'create') outcome = await this.#create(room, entry, change.meeting);
    else if (change.kind === 'decline-series') outcome = await this.#declineSeries(room, room.microsoft365.mailbox, entry, change);
    else outcome = await this.#change(room, entry, change);
    if (outcome !== 'retry') m365.markSent(entry.seq);
    return outcome;
  }

  async #declineSeries(room: Room, mailbox: string, entry: OutboxEntry, change: SeriesDecline): Promise<Outcome> {
    const answer = await this.#call(entry, seriesDeclineCall(room.id, mailbox, change));
    // Gone already (its organizer cancelled it, say): the room is free of it either way.
    if (answer.ok || isGoneEvent(answer)) return 'sent';
    return this.#refusedOrRetry(room, entry, answer, mailbox);
  }

  async #create(room: Room, entry: OutboxEntry, meeting: TimedMeeting): Promise<Outcome> {
    const request = bookingRequest(room, meeting, this.#deps.serviceMailbox);
    const answer = await this.#call(entry, { method: 'POST', path: request.path, roomId: room.id, body: request.body });
    let event: GraphEvent;
    if (answer.ok) {
      const parsed = GraphEvent.safeParse(answer.body);
      if (!parsed.success) return 'retry';
      event = parsed.data;
    } else {
      // A refusal may answer the retry of a create that made its event: a booking Exchange holds is never taken back.
      const found = answer.kind === 'refused' ? await findCreatedBooking(this.#deps.graph, room.id, request, meeting) : 'absent';
      if (found === 'unanswered') return 'retry';
      if (found === 'absent') return this.#refusedOrRetry(room, entry, answer, request.organizer);
      this.#deps.logger.info({ roomId: room.id, meetingId: meeting.id, status: answer.status, code: answer.code }, 'a refused walk-up booking was in Exchange already');
      event = found;
    }
    recordCreatedBooking(this.#deps, { roomId: room.id, meetingId: meeting.id, request, event }, this.#deps.clock.now());
    return 'sent';
  }

  async #change(room: Room, entry: OutboxEntry, change: MeetingUpdate): Promise<Outcome> {
    const link = this.#deps.m365.linkOf(entry.meetingId);
    // Never made it to Exchange (refused, or unlinked meanwhile): nothing there to change.
    if (!link || (!link.organizerEventId && !link.remoteId)) return 'sent';
    const call = remoteCall(room, link, change, this.#deps.store.getMeeting(entry.meetingId)?.organizedElsewhere === true);
    if (!call) return 'sent';
    const answer = await this.#call(entry, call);
    if (answer.ok) {
      if (change.kind === 'delete' || change.kind === 'release') this.#deps.m365.deleteLink(entry.meetingId);
      return 'sent';
    }
    // The event is gone: the change is moot.
    if (isGoneEvent(answer)) {
      this.#deps.m365.deleteLink(entry.meetingId);
      return 'sent';
    }
    return this.#refusedOrRetry(room, entry, answer, mailboxOf(call.path) ?? room.microsoft365!.mailbox);
  }

  async #call(entry: OutboxEntry, call: GraphCall): Promise<GraphAnswer> {
    const answer = await this.#deps.graph.send(call);
    if (!answer.ok) this.#deps.m365.markFailed(entry.seq, `${answer.status} ${answer.code}: ${answer.message}`);
    return answer;
  }

  /** `mailbox` is the one Graph refused: the room's, or the service mailbox that organizes its bookings, which the admin then has to fix. */
  #refusedOrRetry(room: Room, entry: OutboxEntry, answer: Extract<GraphAnswer, { ok: false }>, mailbox: string): Outcome {
    if (answer.kind !== 'refused') return 'retry';
    showRoomRefusal(this.#deps.warnings, room.id, mailbox, answer, this.#deps.permissions);
    this.#deps.logger.error({ roomId: room.id, meetingId: entry.meetingId, kind: entry.change.kind, status: answer.status, code: answer.code }, 'Microsoft 365 refused a walk-up change');
    if (entry.change.kind === 'create') this.#deps.rollback.undo(room.id, entry.meetingId, 'booking-not-saved', `${answer.code}: ${answer.message}`);
    return 'refused';
  }
}

/**
 * The Graph call for a change to a meeting Exchange already has. Our own
 * bookings are changed through their organizer, so every attendee's copy
 * follows; so is a meeting the room itself organizes. A meeting someone else
 * organized cannot be moved by an attendee (the walk-up rules refuse to
 * extend it): the room declines it, which frees the room for anyone booking
 * it, and that is what ending it at the room is about.
 */
function remoteCall(room: Room, link: RemoteLink, change: MeetingUpdate, organizedElsewhere: boolean): GraphCall | null {
  const roomMailbox = room.microsoft365!.mailbox;
  const own = link.organizerEventId !== null && link.organizerMailbox !== null;
  const organizerPath = own ? `/users/${encodeURIComponent(link.organizerMailbox!)}/events/${encodeURIComponent(link.organizerEventId!)}` : null;
  const roomPath = link.remoteId ? `/users/${encodeURIComponent(roomMailbox)}/events/${encodeURIComponent(link.remoteId)}` : null;
  const byOrganizerOnRoom = own && link.organizerMailbox!.toLowerCase() === roomMailbox.toLowerCase();
  switch (change.kind) {
    case 'update': {
      if (!change.end) return null;
      // Graph: api-reference/v1.0/api/event-decline.md is how an attendee gives its time back; moving a meeting is its organizer's.
      if (!own && organizedElsewhere) return roomPath ? { method: 'POST', path: `${roomPath}/decline`, roomId: room.id, body: { comment: cancelComment('delete'), sendResponse: true } } : null;
      const path = organizerPath ?? roomPath;
      return path ? { method: 'PATCH', path, roomId: room.id, body: { end: graphTime(change.end) } } : null;
    }
    case 'delete':
    case 'release': {
      if (own && byOrganizerOnRoom) return { method: 'DELETE', path: organizerPath!, roomId: room.id };
      if (own) return { method: 'POST', path: `${organizerPath!}/cancel`, roomId: room.id, body: { comment: cancelComment(change.kind) } };
      if (!roomPath) return null;
      return { method: 'POST', path: `${roomPath}/decline`, roomId: room.id, body: { comment: cancelComment(change.kind), sendResponse: true } };
    }
  }
}

/** A 404 about the event, not about the mailbox itself (which is shown to the admin). */
function isGoneEvent(answer: Extract<GraphAnswer, { ok: false }>): boolean {
  return answer.status === 404 && !isMailboxRefusal(answer);
}

function cancelComment(kind: 'delete' | 'release'): string {
  return kind === 'release'
    ? 'Released by the room display: nobody checked in.'
    : 'Ended at the room display.';
}
