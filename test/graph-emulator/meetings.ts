import { GraphProblem, notFoundInStore } from './errors.ts';
import {
  EventStore,
  newChangeKey,
  newEventId,
  newICalUId,
  newRestId,
  overlaps,
  type Attendee,
  type AttendeeType,
  type EmailAddress,
  type EmulatedEvent,
  type EventLocation,
  type ResponseStatus,
  type Sensitivity,
  type ShowAs,
} from './events.ts';
import { occurrenceSpans, type PatternedRecurrence } from './recurrence.ts';
import { responseMessage, type MeetingResponse, type ResponseMessage } from './responses.ts';
import type { EmulatedMailbox, EmulatedRoom } from './tenant.ts';

export interface MailboxDirectory {
  /** A person's, a service's or a room's mailbox, by address. */
  mailbox(address: string): EmulatedMailbox | undefined;
  room(address: string): EmulatedRoom | undefined;
}

/** What a new event is made of, whether it comes from Graph or from a test acting as an Exchange user. */
export interface EventDraft {
  subject: string;
  bodyPreview: string;
  isAllDay: boolean;
  start: number;
  end: number;
  originalStartTimeZone: string;
  originalEndTimeZone: string;
  showAs: ShowAs;
  sensitivity: Sensitivity;
  attendees: { type: AttendeeType; emailAddress: EmailAddress }[];
  location: EventLocation;
  locations: EventLocation[];
  transactionId: string | null;
  /** A series: the draft is its first occurrence's time, and the series master's rule. */
  recurrence?: PatternedRecurrence | undefined;
}

export type EventPatch = Partial<
  Pick<EventDraft, 'subject' | 'bodyPreview' | 'isAllDay' | 'start' | 'end' | 'originalStartTimeZone' | 'originalEndTimeZone' | 'showAs' | 'sensitivity' | 'location'>
>;

const NO_RESPONSE: ResponseStatus = { response: 'none', time: null };

/**
 * Calendars with Exchange's meeting semantics: invitations land in attendees'
 * calendars, rooms process their invitations (accept, or decline a conflict),
 * responses reach the organizer, and cancelling withdraws every copy. Every
 * change is recorded in the store, so delta sees helpers' and Graph's changes alike.
 */
export class CalendarModel {
  readonly store = new EventStore();
  /** Answers sent to organizers (sendResponse), oldest first. */
  readonly responses: ResponseMessage[] = [];
  /**
   * How a create repeating a transactionId the calendar holds is answered:
   * with the event it made, or with an error. The docs promise only that no
   * second event is made; Exchange has been seen answering both ways.
   */
  // Graph: api-reference/v1.0/resources/event.md (transactionId); the error's code and text as clients met them (ErrorDuplicateTransactionId).
  repeatedTransaction: 'event' | 'error' = 'event';

  constructor(
    private readonly directory: MailboxDirectory,
    private readonly now: () => number,
  ) {}

  get(owner: EmulatedMailbox, id: string): EmulatedEvent {
    const event = this.store.get(owner.emailAddress, id);
    if (!event) throw notFoundInStore();
    return event;
  }

  /** Creates an event organized by `owner`; a draft whose transactionId the calendar already holds makes none (see repeatedTransaction). */
  create(owner: EmulatedMailbox, draft: EventDraft): { event: EmulatedEvent; created: boolean } {
    const mailbox = owner.emailAddress.toLowerCase();
    const duplicate = draft.transactionId === null ? undefined : this.store.list(mailbox).find((event) => event.transactionId === draft.transactionId);
    if (duplicate && this.repeatedTransaction === 'error') {
      throw new GraphProblem(400, 'ErrorDuplicateTransactionId', "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.");
    }
    if (duplicate) return { event: duplicate, created: false };
    checkTimes(draft);
    const now = this.now();
    const organized: EmulatedEvent = {
      ...draft,
      id: newEventId(),
      restId: newRestId(),
      mailbox,
      iCalUId: newICalUId(),
      isOrganizer: true,
      organizer: { name: owner.displayName, address: owner.emailAddress },
      attendees: draft.attendees.map((attendee) => ({ ...attendee, status: NO_RESPONSE })),
      responseStatus: { response: 'organizer', time: null },
      createdDateTime: now,
      lastModifiedDateTime: now,
      changeKey: newChangeKey(),
    };
    if (draft.recurrence) return { event: this.#createSeries(organized, draft.recurrence), created: true };
    const event = this.#deliver(organized);
    this.store.save(event);
    return { event, created: true };
  }

  /**
   * A series master and each of its occurrences, an event of its own with
   * its own iCalUId, as calendarView lists them (resources/event.md: iCalUId
   * "is different for each occurrence"); a room answers once for the series.
   */
  #createSeries(organized: EmulatedEvent, recurrence: PatternedRecurrence): EmulatedEvent {
    const master = this.#deliver({ ...organized, type: 'seriesMaster', recurrence });
    this.store.save(master);
    for (const span of occurrenceSpans(recurrence, organized)) {
      const occurrence: EmulatedEvent = { ...organized, ...span, id: newEventId(), restId: newRestId(), iCalUId: newICalUId(), type: 'occurrence', recurrence: undefined, seriesMaster: { id: master.id, restId: master.restId } };
      this.store.save(this.#deliver(occurrence));
    }
    return master;
  }

  /** The organizer's changes reach every attendee's copy (rooms process a new time again); an attendee's change stays in its copy. */
  update(owner: EmulatedMailbox, id: string, patch: EventPatch): EmulatedEvent {
    const previous = this.get(owner, id);
    // An occurrence changed on its own becomes an exception of its series (resources/event.md, type).
    const next = this.#stamp({ ...previous, ...patch, ...(previous.type === 'occurrence' ? { type: 'exception' as const } : {}) });
    checkTimes(next);
    const saved = previous.isOrganizer ? this.#deliver(next, previous) : next;
    this.store.save(saved);
    return saved;
  }

  /** Deleting the organizer's event cancels the meeting for everyone, as Graph's DELETE does. */
  delete(owner: EmulatedMailbox, id: string): void {
    const event = this.get(owner, id);
    for (const occurrence of this.#occurrencesOf(event)) this.delete(owner, occurrence.id);
    this.store.remove(event.mailbox, id);
    if (event.isOrganizer) {
      for (const attendee of event.attendees) {
        const copy = this.#copyIn(attendee.emailAddress.address, event.iCalUId);
        if (!copy) continue;
        // A room set not to remove cancelled meetings keeps its copy, marked cancelled (Set-CalendarProcessing -RemoveCanceledMeetings).
        if (this.directory.room(copy.mailbox)?.calendarProcessing.removeCanceledMeetings === false) this.store.save(this.#stamp({ ...copy, isCancelled: true, showAs: 'free' }));
        else this.store.remove(copy.mailbox, copy.id);
      }
    }
  }

  cancel(owner: EmulatedMailbox, id: string): void {
    if (!this.get(owner, id).isOrganizer) {
      throw new GraphProblem(400, 'ErrorInvalidRequest', "Your request can't be completed. You need to be an organizer to cancel a meeting.");
    }
    this.delete(owner, id);
  }

  /**
   * An attendee answers: a declined copy leaves the calendar; with
   * `sendResponse` the organizer's event records the answer and the
   * organizer receives it with its comment. An answer to a series master is
   * the answer to every occurrence of the series, as an occurrence's id
   * names that occurrence alone (api/event-cancel.md says so of cancel).
   */
  respond(owner: EmulatedMailbox, id: string, response: MeetingResponse, options: { sendResponse: boolean; comment: string }): void {
    const event = this.get(owner, id);
    if (event.isOrganizer) throw new GraphProblem(400, 'ErrorInvalidRequest', "Your request can't be completed. You can't respond to a meeting you organized.");
    const status: ResponseStatus = { response, time: this.now() };
    for (const answered of [...this.#occurrencesOf(event), event]) this.#answer(owner, answered, status, options.sendResponse);
    if (options.sendResponse) this.responses.push(responseMessage(owner, event, response, options.comment, this.now()));
  }

  #answer(owner: EmulatedMailbox, event: EmulatedEvent, status: ResponseStatus, sendResponse: boolean): void {
    if (status.response === 'declined') this.store.remove(event.mailbox, event.id);
    else this.store.save(this.#stamp({ ...event, responseStatus: status, showAs: status.response === 'accepted' ? 'busy' : 'tentative' }));
    if (!sendResponse) return;
    const organizers = this.#copyIn(event.organizer.address, event.iCalUId);
    if (organizers?.isOrganizer) {
      this.store.save(this.#stamp({ ...organizers, attendees: withStatus(organizers.attendees, owner.emailAddress, status) }));
    }
  }

  /** A series master's occurrences and exceptions in its calendar; none for any other event. */
  #occurrencesOf(event: EmulatedEvent): EmulatedEvent[] {
    return event.type === 'seriesMaster' ? this.store.list(event.mailbox).filter((each) => each.seriesMaster?.id === event.id) : [];
  }

  /**
   * Brings every attendee's calendar up to date with the organizer's event and
   * gives back that event with the attendees' answers. Rooms decide again when
   * the event is new or its time changed; people get a copy of a new invitation.
   */
  #deliver(event: EmulatedEvent, previous?: EmulatedEvent): EmulatedEvent {
    const rescheduled = !previous || previous.start !== event.start || previous.end !== event.end || previous.isAllDay !== event.isAllDay;
    const attendees = event.attendees.map((attendee): Attendee => {
      const address = attendee.emailAddress.address;
      if (address.toLowerCase() === event.mailbox) return attendee;
      const room = this.directory.room(address);
      if (room && rescheduled) return { ...attendee, status: this.#processInvitation(room, event) };
      const copy = this.#copyIn(address, event.iCalUId);
      if (copy || (!previous && !room && this.directory.mailbox(address))) this.store.save(this.#copy(address, event, copy));
      return attendee;
    });
    return { ...event, attendees };
  }

  /**
   * A room's calendar processing: accept into its calendar when free, decline
   * (and drop an earlier copy) on a conflict. A series is declined whole when
   * any occurrence conflicts (Set-CalendarProcessing's defaults allow no
   * conflicting instance), and its occurrences follow that one answer.
   */
  #processInvitation(room: EmulatedRoom, event: EmulatedEvent): ResponseStatus {
    if (!room.calendarProcessing.autoAccept) return NO_RESPONSE;
    const copy = this.#copyIn(room.emailAddress, event.iCalUId);
    const spans = event.recurrence ? occurrenceSpans(event.recurrence, event) : [event];
    const seriesDeclined = event.seriesMaster !== undefined && !this.#masterCopyIn(room.emailAddress, event);
    const busy =
      seriesDeclined ||
      this.store
        .list(room.emailAddress)
        .some((other) => other.iCalUId !== event.iCalUId && other.type !== 'seriesMaster' && other.showAs !== 'free' && !other.isCancelled && spans.some((span) => overlaps(other, span.start, span.end)));
    if (busy) {
      if (copy) this.store.remove(copy.mailbox, copy.id);
      return { response: 'declined', time: this.now() };
    }
    this.store.save(this.#copy(room.emailAddress, event, copy));
    // A request waiting for the room's delegate holds the slot, answered tentatively (resources/responsestatus.md).
    return { response: room.calendarProcessing.answerTentatively ? 'tentativelyAccepted' : 'accepted', time: this.now() };
  }

  /** An attendee's copy of the organizer's event: its own id, the attendee's answer, the room's subject rules. */
  #copy(address: string, event: EmulatedEvent, existing?: EmulatedEvent): EmulatedEvent {
    const room = this.directory.room(address);
    const now = this.now();
    return {
      ...event,
      id: existing?.id ?? newEventId(),
      restId: existing?.restId ?? newRestId(),
      mailbox: address.toLowerCase(),
      subject: room ? roomSubject(room, event) : event.subject,
      isOrganizer: false,
      seriesMaster: event.seriesMaster && this.#masterCopyIn(address, event),
      attendees: event.attendees.map((attendee) => ({ ...attendee, status: NO_RESPONSE })),
      showAs: room && !room.calendarProcessing.answerTentatively ? 'busy' : (existing?.showAs ?? 'tentative'),
      responseStatus: existing?.responseStatus ?? (room ? { response: room.calendarProcessing.answerTentatively ? 'tentativelyAccepted' : 'accepted', time: now } : { response: 'notResponded', time: null }),
      transactionId: null,
      createdDateTime: existing?.createdDateTime ?? now,
      lastModifiedDateTime: now,
      changeKey: newChangeKey(),
    };
  }

  #copyIn(address: string, iCalUId: string): EmulatedEvent | undefined {
    return this.store.list(address).find((event) => event.iCalUId === iCalUId);
  }

  /** `address`'s copy of the series master of the organizer's occurrence `event`, in both id forms. */
  #masterCopyIn(address: string, event: EmulatedEvent): { id: string; restId: string } | undefined {
    const master = event.seriesMaster && this.store.get(event.mailbox, event.seriesMaster.id);
    const copy = master && this.#copyIn(address, master.iCalUId);
    return copy && { id: copy.id, restId: copy.restId };
  }

  #stamp(event: EmulatedEvent): EmulatedEvent {
    return { ...event, lastModifiedDateTime: this.now(), changeKey: newChangeKey() };
  }
}

/** The event as the POST answer shows it: Exchange processes invitations after answering, so nobody has responded yet. */
export function asSubmitted(event: EmulatedEvent): EmulatedEvent {
  return { ...event, attendees: event.attendees.map((attendee) => ({ ...attendee, status: NO_RESPONSE })) };
}

/** Set-CalendarProcessing's DeleteSubject and AddOrganizerToSubject, applied to the room's copy. */
function roomSubject(room: EmulatedRoom, event: EmulatedEvent): string {
  const { deleteSubject, addOrganizerToSubject } = room.calendarProcessing;
  const subject = deleteSubject ? '' : event.subject;
  return addOrganizerToSubject ? [event.organizer.name, subject].filter(Boolean).join(' ') : subject;
}

function withStatus(attendees: readonly Attendee[], address: string, status: ResponseStatus): Attendee[] {
  return attendees.map((attendee) => (attendee.emailAddress.address.toLowerCase() === address.toLowerCase() ? { ...attendee, status } : attendee));
}

function checkTimes(event: { start: number; end: number }): void {
  if (event.end < event.start) throw new GraphProblem(400, 'ErrorCalendarEndDateIsEarlierThanStartDate', 'The end date occurs before the start date.');
}
