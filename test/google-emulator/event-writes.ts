import { randomBytes } from 'node:crypto';
import type { CalendarStore, EventAttendee, EventCopy, EventStatus, ResponseStatus, SharedEvent } from './calendar-store.ts';
import { badRequest, deleted, duplicate, forbiddenForNonOrganizer, GoogleProblem, notFound } from './errors.ts';
import { calendarZone, findView } from './event-views.ts';
import { parseRecurrence } from './recurrence.ts';
import { answerResources } from './resource-booking.ts';
import { formatDate, formatDateTime, parseEventTime, type EventTimeJson } from './time.ts';

/** Who writes: the principal's email, and whether it is a service account acting as itself (no `sub`). */
export interface Actor {
  email: string;
  serviceAccountWithoutDelegation: boolean;
}

/** Writable Events resource properties the emulator keeps as given (besides start, end, recurrence, attendees, status). */
const FIELDS = ['summary', 'description', 'location', 'visibility', 'transparency', 'extendedProperties', 'colorId', 'reminders', 'guestsCanModify', 'guestsCanInviteOthers', 'guestsCanSeeOtherGuests', 'anyoneCanAddSelf', 'source', 'eventType', 'attachments'];
/** Shared properties only the organizer may set (Calendar "Handle API errors" § 403: Forbidden for non-organizer). */
const ORGANIZER_ONLY = ['guestsCanModify', 'guestsCanInviteOthers', 'guestsCanSeeOtherGuests'];

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** An id as the server makes one when the client gives none: base32hex, 26 characters. */
export function generateEventId(): string {
  return [...randomBytes(26)].map((byte) => BASE32HEX[byte % 32]).join('');
}

/**
 * Events resource `id`: "characters allowed in the ID are those used in
 * base32hex encoding, i.e. lowercase letters a-v and digits 0-9 ... the
 * length of the ID must be between 5 and 1024 characters".
 */
export function checkEventId(id: unknown): string {
  if (typeof id !== 'string' || !/^[a-v0-9]{5,1024}$/.test(id)) throw badRequest('invalid', 'Invalid resource id value.');
  return id;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (!allowed.includes(value as T)) throw badRequest('invalid', `Invalid value for: ${name}`);
  return value as T;
}

interface Content {
  start: EventTimeJson;
  end: EventTimeJson;
  recurrence?: string[];
  status: EventStatus;
  fields: Record<string, unknown>;
  attendees: EventAttendee[];
}

/** Reads and checks an event body (Events resource; Calendar "Handle API errors" § 400). `previous` keeps attendees' earlier answers. */
function readContent(store: CalendarStore, calendarId: string, body: Record<string, unknown>, previous?: SharedEvent): Content {
  const recurrence = body.recurrence === undefined || body.recurrence === null ? undefined : (body.recurrence as string[]);
  if (recurrence) parseRecurrence(recurrence);
  const recurring = Boolean(recurrence?.length);
  const zone = calendarZone(store, calendarId);
  const start = parseEventTime(body.start, 'start', zone, recurring);
  const end = parseEventTime(body.end, 'end', zone, recurring);
  if (start.allDay !== end.allDay) throw badRequest('invalid', 'Start and end times must either both be date or both be dateTime.');
  // Calendar "Handle API errors" § 400: the documented example, timeRangeEmpty.
  if (end.ms < start.ms) throw new GoogleProblem(400, { domain: 'calendar', reason: 'timeRangeEmpty', message: 'The specified time range is empty.' });
  const fields: Record<string, unknown> = {};
  for (const name of FIELDS) if (body[name] !== undefined && body[name] !== null) fields[name] = structuredClone(body[name]);
  oneOf(fields.visibility, ['default', 'public', 'private', 'confidential'], 'visibility', 'default');
  oneOf(fields.transparency, ['opaque', 'transparent'], 'transparency', 'opaque');
  const status = oneOf(body.status, ['confirmed', 'tentative', 'cancelled'] as const, 'status', 'confirmed');
  const given = body.attendees === undefined || body.attendees === null ? [] : body.attendees;
  if (!Array.isArray(given)) throw badRequest('invalid', 'Invalid value for: attendees');
  const attendees: EventAttendee[] = [];
  for (const raw of given as Record<string, unknown>[]) {
    if (typeof raw?.email !== 'string' || !raw.email.includes('@')) throw badRequest('required', 'Missing attendee email.');
    const email = raw.email.toLowerCase();
    if (attendees.some((attendee) => attendee.email === email)) continue;
    const before = previous?.attendees.find((attendee) => attendee.email === email);
    const responseStatus = oneOf(raw.responseStatus, ['needsAction', 'declined', 'tentative', 'accepted'] as const, 'attendees.responseStatus', before?.responseStatus ?? 'needsAction');
    attendees.push({
      email,
      responseStatus,
      // Events resource `attendees[].resource`: "Whether the attendee is a resource. Can only be set when the attendee is added to the event for the first time."
      ...(store.calendar(email)?.resource || raw.resource === true ? { resource: true } : {}),
      ...(typeof raw.displayName === 'string' ? { displayName: raw.displayName } : {}),
      ...(raw.optional === true ? { optional: true } : {}),
      ...(typeof raw.comment === 'string' ? { comment: raw.comment } : {}),
      ...(typeof raw.additionalGuests === 'number' ? { additionalGuests: raw.additionalGuests } : {}),
    });
  }
  return { start: structuredClone(body.start as EventTimeJson), end: structuredClone(body.end as EventTimeJson), ...(recurring ? { recurrence: [...recurrence!] } : {}), status, fields, attendees };
}

/** Puts the event on each guest's calendar the workspace has, takes it off the calendars of guests no longer invited, and marks every copy changed. */
function fanOut(store: CalendarStore, event: SharedEvent): void {
  const invited = new Set(event.attendees.map((attendee) => attendee.email));
  for (const email of invited) {
    if (email === event.organizerCalendarId || !store.calendar(email)) continue;
    const copy = store.copy(email, event.id);
    if (!copy) store.put(email, event);
    else if (copy.event === event) copy.removed = false;
  }
  for (const copy of store.copiesOf(event)) {
    if (copy.calendarId !== event.organizerCalendarId && !invited.has(copy.calendarId)) copy.removed = true;
    store.touch(copy);
  }
}

function checkGuests(content: Content, actor: Actor): void {
  // Events: insert, `attendees[]`: "Service accounts need to use domain-wide delegation of authority to populate the attendee list."
  if (content.attendees.length > 0 && actor.serviceAccountWithoutDelegation) {
    throw new GoogleProblem(403, { domain: 'calendar', reason: 'forbiddenForServiceAccounts', message: 'Service accounts cannot invite attendees without Domain-Wide Delegation of Authority.' });
  }
}

/** Events: insert. A client-chosen id must follow the documented rules and be new on the calendar (Calendar "Handle API errors" § 409). */
export function insertEvent(store: CalendarStore, calendarId: string, body: Record<string, unknown>, actor: Actor): EventCopy {
  const id = body.id === undefined || body.id === null ? generateEventId() : checkEventId(body.id);
  if (store.copy(calendarId, id)) throw duplicate();
  const content = readContent(store, calendarId, body);
  checkGuests(content, actor);
  const now = store.now();
  const event: SharedEvent = {
    id,
    iCalUID: typeof body.iCalUID === 'string' ? body.iCalUID : `${id}@google.com`,
    organizerCalendarId: calendarId.toLowerCase(),
    creator: actor.email.toLowerCase(),
    ...content,
    created: now,
    updated: now,
    sequence: 0,
  };
  store.put(calendarId, event);
  answerResources(store, event);
  fanOut(store, event);
  return store.copy(calendarId, id)!;
}

/** Turns one generated instance into an exception of its own, on every calendar the recurring event is on, so it can be changed or cancelled alone. */
function materializeInstance(store: CalendarStore, calendarId: string, id: string): EventCopy | undefined {
  const view = findView(store, calendarId, id);
  if (!view?.recurringEventId || !view.originalStart) return undefined;
  const master = view.copy.event;
  const time = (at: typeof view.start, zone?: string): EventTimeJson =>
    at.allDay ? { date: formatDate(at.wall) } : { dateTime: formatDateTime(at.ms, at.timeZone), ...(zone ? { timeZone: zone } : {}) };
  const now = store.now();
  const exception: SharedEvent = {
    ...structuredClone({ ...master, recurrence: undefined }),
    id,
    start: time(view.start, master.start.timeZone),
    end: time(view.end, master.end.timeZone),
    created: now,
    updated: now,
    recurringEventId: master.id,
    originalStartTime: time(view.originalStart, master.start.timeZone),
  };
  delete exception.recurrence;
  for (const copy of store.copiesOf(master)) store.put(copy.calendarId, exception).removed = copy.removed;
  return store.copy(calendarId, id);
}

function writableBody(event: SharedEvent): Record<string, unknown> {
  return { ...structuredClone(event.fields), start: event.start, end: event.end, recurrence: event.recurrence, attendees: event.attendees, status: event.status };
}

/** Google's patch semantics: objects merge field by field, arrays and scalars replace, null clears. */
function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const cleared = new Set(Object.keys(patch).filter((key) => patch[key] === null));
  const merged = Object.fromEntries(Object.entries(base).filter(([key]) => !cleared.has(key)));
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    if (value === null) continue;
    if (typeof value === 'object' && !Array.isArray(value) && typeof current === 'object' && current !== null && !Array.isArray(current)) {
      merged[key] = merge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else merged[key] = value;
  }
  return merged;
}

function copyFor(store: CalendarStore, calendarId: string, eventId: string): EventCopy {
  const copy = store.copy(calendarId, eventId) ?? materializeInstance(store, calendarId, eventId);
  if (!copy) throw notFound();
  return copy;
}

/** An attendee's own copy: only their own answer changes (shared properties stay the organizer's). */
function answerAsAttendee(store: CalendarStore, copy: EventCopy, body: Record<string, unknown>): EventCopy {
  for (const name of ORGANIZER_ONLY) if (body[name] !== undefined && body[name] !== copy.event.fields[name]) throw forbiddenForNonOrganizer();
  const mine = (body.attendees as Record<string, unknown>[] | undefined)?.find((attendee) => String(attendee.email).toLowerCase() === copy.calendarId);
  const attendee = copy.event.attendees.find((candidate) => candidate.email === copy.calendarId);
  if (mine && attendee && typeof mine.responseStatus === 'string') {
    attendee.responseStatus = oneOf(mine.responseStatus, ['needsAction', 'declined', 'tentative', 'accepted'] as ResponseStatus[], 'attendees.responseStatus', attendee.responseStatus);
    for (const each of store.copiesOf(copy.event)) store.touch(each);
  }
  return copy;
}

/** Events: patch (`merge`) and Events: update (replace). */
export function changeEvent(store: CalendarStore, calendarId: string, eventId: string, body: Record<string, unknown>, actor: Actor, mode: 'patch' | 'update'): EventCopy {
  const copy = copyFor(store, calendarId, eventId);
  const event = copy.event;
  if (copy.calendarId !== event.organizerCalendarId) return answerAsAttendee(store, copy, body);
  const next = mode === 'patch' ? merge(writableBody(event), body) : body;
  const content = readContent(store, calendarId, next, event);
  if (mode === 'update' && event.recurringEventId) delete content.recurrence;
  const before = new Set(event.attendees.map((attendee) => attendee.email));
  const added = content.attendees.filter((attendee) => !before.has(attendee.email));
  if (added.length > 0) checkGuests({ ...content, attendees: added }, actor);
  const moved = JSON.stringify([event.start, event.end, event.recurrence]) !== JSON.stringify([content.start, content.end, content.recurrence]);
  Object.assign(event, content, { updated: store.now(), sequence: event.sequence + (moved ? 1 : 0) });
  if (!content.recurrence) delete event.recurrence;
  // A resource answers again when it is newly invited, and when the event moves.
  answerResources(store, event, moved ? undefined : new Set(added.map((attendee) => attendee.email)));
  fanOut(store, event);
  return copy;
}

/**
 * Events: delete. The organizer's delete cancels the event everywhere; a
 * guest's delete takes it off their calendar and declines. Deleting it
 * again answers 410 (Calendar "Handle API errors" § 410: Gone).
 */
export function deleteEvent(store: CalendarStore, calendarId: string, eventId: string): void {
  const copy = copyFor(store, calendarId, eventId);
  if (copy.removed || copy.event.status === 'cancelled') throw deleted();
  const event = copy.event;
  if (copy.calendarId === event.organizerCalendarId) {
    event.status = 'cancelled';
    event.updated = store.now();
    // The exceptions of a deleted recurring event go with it.
    for (const exception of store.exceptionsOf(calendarId, event.id)) {
      exception.event.status = 'cancelled';
      for (const each of store.copiesOf(exception.event)) store.touch(each);
    }
  } else {
    copy.removed = true;
    const attendee = event.attendees.find((candidate) => candidate.email === copy.calendarId);
    if (attendee) attendee.responseStatus = 'declined';
  }
  for (const each of store.copiesOf(event)) store.touch(each);
}
