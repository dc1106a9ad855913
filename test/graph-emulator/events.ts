import { randomBytes } from 'node:crypto';
import type { PatternedRecurrence } from './recurrence.ts';

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';
export type ResponseType = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
export type AttendeeType = 'required' | 'optional' | 'resource';
/** Graph: resources/event.md (type). */
export type EventType = 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';

export interface EmailAddress {
  readonly name: string;
  readonly address: string;
}

export interface ResponseStatus {
  readonly response: ResponseType;
  /** Epoch ms; null until someone responds. */
  readonly time: number | null;
}

export interface Attendee {
  readonly type: AttendeeType;
  readonly status: ResponseStatus;
  readonly emailAddress: EmailAddress;
}

export interface EventLocation {
  readonly displayName: string;
  readonly locationEmailAddress?: string;
}

/**
 * One event in one mailbox's calendar: an immutable snapshot, replaced on
 * every change, so older versions stay available to delta.
 */
export interface EmulatedEvent {
  /** The immutable id: the event's for its life in this mailbox. */
  readonly id: string;
  /** The default (REST) id, which names the event's folder: a move gives it a new one. */
  readonly restId: string;
  /** The calendar's owner, lower case. */
  readonly mailbox: string;
  /** Shared by the organizer's event and every attendee's copy. */
  readonly iCalUId: string;
  readonly subject: string;
  readonly bodyPreview: string;
  readonly isAllDay: boolean;
  /** Epoch ms; for an all-day event, midnight UTC of its first date (all-day events float). */
  readonly start: number;
  /** Epoch ms; for an all-day event, midnight UTC of the date after its last day. */
  readonly end: number;
  readonly originalStartTimeZone: string;
  readonly originalEndTimeZone: string;
  readonly showAs: ShowAs;
  readonly sensitivity: Sensitivity;
  readonly isOrganizer: boolean;
  readonly organizer: EmailAddress;
  readonly attendees: readonly Attendee[];
  readonly location: EventLocation;
  readonly locations: readonly EventLocation[];
  readonly responseStatus: ResponseStatus;
  /** An attendee's copy of a meeting its organizer cancelled, kept on the calendar (resources/event.md, isCancelled). */
  readonly isCancelled?: boolean;
  readonly transactionId: string | null;
  /** Absent: a single instance. */
  readonly type?: EventType;
  /** An occurrence's or exception's series master in the same calendar, in both id forms. */
  readonly seriesMaster?: { readonly id: string; readonly restId: string } | undefined;
  /** A series master's rule; its occurrences are events of their own. */
  readonly recurrence?: PatternedRecurrence | undefined;
  readonly createdDateTime: number;
  readonly lastModifiedDateTime: number;
  readonly changeKey: string;
}

/** One state of an event; `event` is null once it is deleted. `seq` orders changes tenant-wide. */
export interface EventVersion {
  readonly seq: number;
  readonly event: EmulatedEvent | null;
}

/** Looks like Exchange's immutable ids (opaque, ~100 characters, url-safe) without claiming to decode like them. */
export function newEventId(): string {
  return `AAkALgAA${randomBytes(70).toString('base64url')}`;
}

/** Looks like Exchange's default ids, which differ from the immutable one of the same event. */
export function newRestId(): string {
  return `AAMkAD${randomBytes(70).toString('base64url')}`;
}

export function newICalUId(): string {
  return `040000008200E00074C5B7101A82E00800000000${randomBytes(28).toString('hex').toUpperCase()}`;
}

export function newChangeKey(): string {
  return randomBytes(18).toString('base64');
}

export function overlaps(event: { start: number; end: number }, start: number, end: number): boolean {
  return event.start < end && start < event.end;
}

/** What a calendar view of [start, end) holds: occurrences, exceptions and single instances, never a series master. */
// Graph: api-reference/v1.0/api/user-list-calendarview.md ("the occurrences, exceptions, and single instances of events").
export function inCalendarView(event: EmulatedEvent, start: number, end: number): boolean {
  return event.type !== 'seriesMaster' && overlaps(event, start, end);
}

/** The state an event had once change `seq` was made: undefined if it did not exist yet. */
export function stateAt(versions: readonly EventVersion[], seq: number): EventVersion | undefined {
  let state: EventVersion | undefined;
  for (const version of versions) {
    if (version.seq > seq) break;
    state = version;
  }
  return state;
}

/** Every mailbox's calendar, with the full history of each event and a tenant-wide change sequence. */
export class EventStore {
  #seq = 0;
  readonly #calendars = new Map<string, Map<string, EventVersion[]>>();

  /** The sequence number of the latest change in the tenant. */
  get sequence(): number {
    return this.#seq;
  }

  save(event: EmulatedEvent): void {
    this.#record(event.mailbox, event.id, event);
  }

  remove(mailbox: string, id: string): void {
    if (this.get(mailbox, id)) this.#record(mailbox, id, null);
  }

  get(mailbox: string, id: string): EmulatedEvent | undefined {
    return this.#calendar(mailbox).get(id)?.at(-1)?.event ?? undefined;
  }

  /** The events a calendar holds now, by start. */
  list(mailbox: string): EmulatedEvent[] {
    const events: EmulatedEvent[] = [];
    for (const versions of this.#calendar(mailbox).values()) {
      const event = versions.at(-1)?.event;
      if (event) events.push(event);
    }
    return events.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  }

  /** Every event a calendar ever held, with its versions, oldest first. */
  histories(mailbox: string): ReadonlyMap<string, readonly EventVersion[]> {
    return this.#calendar(mailbox);
  }

  #calendar(mailbox: string): Map<string, EventVersion[]> {
    const key = mailbox.toLowerCase();
    let calendar = this.#calendars.get(key);
    if (!calendar) {
      calendar = new Map();
      this.#calendars.set(key, calendar);
    }
    return calendar;
  }

  #record(mailbox: string, id: string, event: EmulatedEvent | null): void {
    const calendar = this.#calendar(mailbox);
    const versions = calendar.get(id) ?? [];
    versions.push({ seq: ++this.#seq, event });
    calendar.set(id, versions);
  }
}
