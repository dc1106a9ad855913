import type { Clock } from '../../../../shared/clock.ts';
import type { TimedMeeting } from '../../../../shared/model.ts';
import type { Logger } from '../../logger.ts';
import type { RoomOnCalendar } from '../remote/calendar-settings.ts';
import type { CreatedEvent, ProviderAnswer, RemoteCalendar, RemoteCalendarProvider, RemoteTarget, RoomAnswer } from '../remote/remote-provider.ts';
import { findCreatedBooking } from './booking-lookup.ts';
import { bookingRequest, createdEvent, graphTime } from './booking-request.ts';
import { createInBatch } from './batch-create.ts';
import { calendarViewDelta } from './calendar-view-delta.ts';
import { eventPath, parseEventRef } from './event-ref.ts';
import { graphFailure } from './graph-failure.ts';
import type { GraphAnswer, GraphCall, GraphGateway } from './graph-gateway.ts';
import { GraphEvent, roomResponseOf } from './graph-event.ts';
import { isMailboxRefusal, type Permissions } from './graph-refusal.ts';

export interface Microsoft365ProviderOptions {
  graph: GraphGateway;
  clock: Clock;
  logger: Logger;
  /** The mailbox that organizes walk-up bookings; null books on each room's own calendar. */
  serviceMailbox: string | null;
  /** What a refused mailbox means: outside the application's scope, or not shared with the account. */
  permissions: Permissions;
}

const DONE = { ok: true, value: undefined } as const;

/** Rooms linked to a Microsoft 365 room mailbox, read and written through Microsoft Graph. */
export function microsoft365Provider(options: Microsoft365ProviderOptions): RemoteCalendarProvider<'microsoft365'> {
  return { type: 'microsoft365', connect: (room) => new Microsoft365RoomCalendar(options, room) };
}

/**
 * A room mailbox's calendar. Exactly once: a booking is created with its
 * key as `transactionId`, so a retry after a lost answer or a crash finds
 * the event already made instead of making a second (answered with it, or
 * refused and then found in the organizer's calendar). Bookings are changed
 * through their organizer, so every attendee's copy follows; a meeting
 * someone else organized cannot be moved by an attendee: the room declines
 * it, which frees the room, and that is what ending it at the room is about.
 */
class Microsoft365RoomCalendar implements RemoteCalendar {
  readonly writable = true;
  readonly #options: Microsoft365ProviderOptions;
  readonly #room: RoomOnCalendar & { calendar: { type: 'microsoft365' } };

  constructor(options: Microsoft365ProviderOptions, room: RoomOnCalendar) {
    this.#options = options;
    this.#room = room as RoomOnCalendar & { calendar: { type: 'microsoft365' } };
  }

  get #mailbox(): string {
    return this.#room.calendar.mailbox;
  }

  sync(cursor: string | null, window: { start: number; end: number }) {
    return calendarViewDelta(this.#options, { id: this.#room.id, mailbox: this.#mailbox }, cursor, window);
  }

  async create(key: string, meeting: TimedMeeting): Promise<ProviderAnswer<CreatedEvent>> {
    const booking = { ...meeting, id: key };
    const request = bookingRequest(this.#room, this.#room.calendar, booking, this.#options.serviceMailbox);
    const answer = await this.#options.graph.send({ method: 'POST', path: request.path, roomId: this.#room.id, body: request.body });
    if (answer.ok) {
      const event = GraphEvent.safeParse(answer.body);
      return event.success ? { ok: true, value: createdEvent(request, event.data) } : { ok: false, failure: 'unreachable', message: 'Graph answered the booking with something that is not an event' };
    }
    if (answer.kind !== 'refused') return graphFailure(answer, request.organizer, this.#options.permissions);
    // A refusal may answer the retry of a create that made its event: a booking Exchange holds is never taken back.
    const found = await findCreatedBooking(this.#options.graph, this.#room.id, request, booking);
    if (found === 'unanswered') return { ok: false, failure: 'unreachable', message: `${answer.code}, and the organizer's calendar could not be read to see whether the booking is there` };
    if (found === 'absent') return graphFailure(answer, request.organizer, this.#options.permissions);
    this.#options.logger.info({ roomId: this.#room.id, meetingId: meeting.id, status: answer.status, code: answer.code }, 'a refused walk-up booking was in Exchange already');
    return { ok: true, value: createdEvent(request, found) };
  }

  /** An export's bookings, in one `$batch`. */
  createMany(bookings: { key: string; meeting: TimedMeeting }[]): Promise<ProviderAnswer<CreatedEvent>[]> {
    const requests = bookings.map(({ key, meeting }) => bookingRequest(this.#room, this.#room.calendar, { ...meeting, id: key }, this.#options.serviceMailbox));
    return createInBatch(this.#options, this.#room.id, requests);
  }

  changeEnd(target: RemoteTarget, end: string): Promise<ProviderAnswer<void>> {
    const ref = parseEventRef(target.ref);
    if (!ref) return Promise.resolve(unknownRef(target));
    // Graph: api-reference/v1.0/api/event-decline.md is how an attendee gives its time back; moving a meeting is its organizer's.
    if (ref.attends) return this.#change(this.#decline(ref.event, 'ended'), this.#mailbox);
    const mailbox = ref.organizer ?? this.#mailbox;
    return this.#change({ method: 'PATCH', path: eventPath(mailbox, ref.event), roomId: this.#room.id, body: { end: graphTime(end) } }, mailbox);
  }

  cancel(target: RemoteTarget, reason: 'ended' | 'release' | 'declined'): Promise<ProviderAnswer<void>> {
    const ref = parseEventRef(target.ref);
    if (!ref) return Promise.resolve(unknownRef(target));
    const ending = reason === 'release' ? 'release' : 'ended';
    if (ref.attends) return this.#change(this.#decline(ref.event, ending), this.#mailbox);
    const organizer = ref.organizer ?? this.#mailbox;
    const path = eventPath(organizer, ref.event);
    // The room declined the booking, or organizes the meeting itself: its organizer's event goes, which cancels it for its attendees.
    // Graph: api-reference/v1.0/api/event-delete.md ("deleting the event on the organizer's calendar sends a cancellation message").
    if (reason === 'declined' || organizer.toLowerCase() === this.#mailbox.toLowerCase()) return this.#change({ method: 'DELETE', path, roomId: this.#room.id }, organizer);
    // Graph: api-reference/v1.0/api/event-cancel.md (the organizer cancels, with a comment to the attendees).
    return this.#change({ method: 'POST', path: `${path}/cancel`, roomId: this.#room.id, body: { comment: cancelComment(ending) } }, organizer);
  }

  /** How the room answered, as its attendee entry on the organizer's copy shows. */
  async roomAnswer(target: RemoteTarget): Promise<ProviderAnswer<RoomAnswer>> {
    const ref = parseEventRef(target.ref);
    if (!ref?.organizer) return { ok: true, value: 'accepted' };
    const answer = await this.#options.graph.send({ method: 'GET', path: eventPath(ref.organizer, ref.event), roomId: this.#room.id });
    if (!answer.ok) return answer.status === 404 ? { ok: true, value: 'gone' } : graphFailure(answer, ref.organizer, this.#options.permissions);
    const event = GraphEvent.safeParse(answer.body);
    const response = event.success ? roomResponseOf(event.data, this.#mailbox) : null;
    if (response === 'declined') return { ok: true, value: 'declined' };
    // A tentative answer holds the slot while the room's delegate decides (Graph: resources/responsestatus.md).
    if (response === 'accepted' || response === 'tentativelyAccepted') return { ok: true, value: 'accepted' };
    return { ok: true, value: 'pending' };
  }

  /** The room declines the series master, which stands for every occurrence, telling its organizer why. */
  // Graph: api-reference/v1.0/api/event-decline.md (comment, sendResponse); resources/event.md (seriesMasterId).
  declineSeries(seriesId: string, comment: string): Promise<ProviderAnswer<void>> {
    return this.#change({ method: 'POST', path: `${eventPath(this.#mailbox, seriesId)}/decline`, roomId: this.#room.id, body: { comment, sendResponse: true } }, this.#mailbox);
  }

  /** Reads an empty stretch of the room's calendar: whether the bridge may read it at all. */
  // Graph: api-reference/v1.0/api/user-list-calendarview.md (startDateTime and endDateTime required; $top).
  async check(): Promise<ProviderAnswer<void>> {
    const window = new URLSearchParams({ startDateTime: new Date(0).toISOString(), endDateTime: new Date(1).toISOString(), $top: '1' });
    const answer = await this.#options.graph.send({ method: 'GET', path: `/users/${encodeURIComponent(this.#mailbox)}/calendarView?${window.toString()}`, roomId: this.#room.id });
    return answer.ok ? DONE : graphFailure(answer, this.#mailbox, this.#options.permissions);
  }

  #decline(eventId: string, reason: 'ended' | 'release'): GraphCall {
    return { method: 'POST', path: `${eventPath(this.#mailbox, eventId)}/decline`, roomId: this.#room.id, body: { comment: cancelComment(reason), sendResponse: true } };
  }

  /** A change is done when Graph made it, or when the event is gone: moot then. `mailbox` is the one a refusal is about. */
  async #change(call: GraphCall, mailbox: string): Promise<ProviderAnswer<void>> {
    const answer = await this.#options.graph.send(call);
    if (answer.ok || isGoneEvent(answer)) return DONE;
    return graphFailure(answer, mailbox, this.#options.permissions);
  }
}

/** A 404 about the event, not about the mailbox itself (which is shown to the admin). */
function isGoneEvent(answer: Extract<GraphAnswer, { ok: false }>): boolean {
  return answer.status === 404 && !isMailboxRefusal(answer);
}

function unknownRef(target: RemoteTarget): ProviderAnswer<never> {
  return { ok: false, failure: 'refused', message: `The bridge does not know where ${target.ref} is in Exchange` };
}

function cancelComment(reason: 'ended' | 'release'): string {
  return reason === 'release' ? 'Released by the room display: nobody checked in.' : 'Ended at the room display.';
}
