import type { EventTimeJson } from './time.ts';

export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';
export type ResponseStatus = 'needsAction' | 'declined' | 'tentative' | 'accepted';

/** ACL roles of the Acl resource (developers.google.com/calendar/api/v3/reference/acl, `role`), weakest first. */
export const ROLES = ['none', 'freeBusyReader', 'reader', 'writer', 'owner'] as const;
export type CalendarRole = (typeof ROLES)[number];

/** Acl resource `scope`: a user or group by email, a domain, or `default` (public). */
export type AclScope = { type: 'user' | 'group' | 'domain'; value: string } | { type: 'default' };

export interface AclRule {
  scope: AclScope;
  role: CalendarRole;
}

export interface EmulatedCalendar {
  /** A user's primary calendar is their email; a resource's is its resourceEmail. */
  id: string;
  summary: string;
  timeZone: string;
  acl: AclRule[];
  /** A resource calendar: it answers invitations itself (see resource-booking.ts). */
  resource?: {
    /** Who may book it; unset: anyone in the domain. */
    bookers?: string[];
  };
}

export interface EventAttendee {
  email: string;
  displayName?: string;
  optional?: boolean;
  resource?: boolean;
  responseStatus: ResponseStatus;
  comment?: string;
  additionalGuests?: number;
}

/**
 * One event as its organizer's calendar holds it. Every calendar it appears
 * on (the organizer's and each attendee's, Events resource
 * `attendees[].self`: "the calendar on which this copy of the event
 * appears") holds an EventCopy pointing here, under the same id.
 */
export interface SharedEvent {
  id: string;
  iCalUID: string;
  organizerCalendarId: string;
  /** The principal who created it (Events resource `creator`). */
  creator: string;
  /** Every other writable property as the client sent it: summary, description, location, visibility, transparency, extendedProperties, ... */
  fields: Record<string, unknown>;
  start: EventTimeJson;
  end: EventTimeJson;
  recurrence?: string[];
  attendees: EventAttendee[];
  status: EventStatus;
  created: number;
  updated: number;
  sequence: number;
  /** An exception of a recurring event (a moved or cancelled instance): the recurring event's id and the instance's original start. */
  recurringEventId?: string;
  originalStartTime?: EventTimeJson;
}

export interface EventCopy {
  calendarId: string;
  event: SharedEvent;
  /** The store's change number when this copy last changed: what sync tokens count. */
  seq: number;
  updated: number;
  /** Removed from this calendar only: an attendee deleted their copy, or was taken off the guest list. */
  removed: boolean;
}

/** The calendars and their events, with the change counter that sync tokens are made of. */
export class CalendarStore {
  private readonly calendarsById = new Map<string, EmulatedCalendar>();
  private readonly copiesByCalendar = new Map<string, Map<string, EventCopy>>();
  /** Bumped on every change to any copy. */
  seq = 0;
  /** Bumped to invalidate every sync token handed out so far. */
  syncGeneration = 0;

  constructor(readonly now: () => number) {}

  addCalendar(calendar: EmulatedCalendar): EmulatedCalendar {
    const id = calendar.id.toLowerCase();
    const added = { ...calendar, id };
    this.calendarsById.set(id, added);
    this.copiesByCalendar.set(id, new Map());
    return added;
  }

  calendar(id: string): EmulatedCalendar | undefined {
    return this.calendarsById.get(id.toLowerCase());
  }

  calendars(): EmulatedCalendar[] {
    return [...this.calendarsById.values()];
  }

  copy(calendarId: string, eventId: string): EventCopy | undefined {
    return this.copiesByCalendar.get(calendarId.toLowerCase())?.get(eventId);
  }

  /** A calendar's copies in the order they were first put there. */
  copies(calendarId: string): EventCopy[] {
    return [...(this.copiesByCalendar.get(calendarId.toLowerCase())?.values() ?? [])];
  }

  /** Every calendar's copy of one event. */
  copiesOf(event: SharedEvent): EventCopy[] {
    const found: EventCopy[] = [];
    for (const copies of this.copiesByCalendar.values()) {
      const copy = copies.get(event.id);
      if (copy?.event === event) found.push(copy);
    }
    return found;
  }

  /** The exceptions (moved or cancelled instances) of a recurring event on one calendar. */
  exceptionsOf(calendarId: string, recurringEventId: string): EventCopy[] {
    return this.copies(calendarId).filter((copy) => copy.event.recurringEventId === recurringEventId);
  }

  put(calendarId: string, event: SharedEvent): EventCopy {
    const copies = this.copiesByCalendar.get(calendarId.toLowerCase());
    if (!copies) throw new Error(`no calendar ${calendarId}`);
    const copy: EventCopy = { calendarId: calendarId.toLowerCase(), event, seq: 0, updated: 0, removed: false };
    copies.set(event.id, copy);
    this.touch(copy);
    return copy;
  }

  /** Marks a copy changed now: it will be in the next incremental sync of its calendar. */
  touch(copy: EventCopy): void {
    copy.seq = ++this.seq;
    copy.updated = this.now();
  }

  /** The latest change on a calendar, for the list's `updated`. */
  lastChange(calendarId: string): number | undefined {
    let latest: number | undefined;
    for (const copy of this.copies(calendarId)) if (latest === undefined || copy.updated > latest) latest = copy.updated;
    return latest;
  }
}

/** The status this copy shows: cancelled when the event is, or when it was removed from this calendar. */
export function copyStatus(copy: EventCopy): EventStatus {
  return copy.removed ? 'cancelled' : copy.event.status;
}
