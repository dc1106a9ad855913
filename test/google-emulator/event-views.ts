import { copyStatus, type CalendarStore, type EventCopy, type EventStatus, type SharedEvent } from './calendar-store.ts';
import { expandRecurrence, instanceId, splitInstanceId } from './recurrence.ts';
import { parseEventTime, type EventTime, type EventTimeJson } from './time.ts';

/** What one item of a list (or one get) shows: an event, a recurring event, an exception, or one generated instance. */
export interface EventView {
  /** The copy it comes from; for a generated instance, the recurring event's copy. */
  copy: EventCopy;
  id: string;
  status: EventStatus;
  start: EventTime;
  end: EventTime;
  /** The `start`/`end` as stored, for their `timeZone`. */
  startJson: EventTimeJson;
  endJson: EventTimeJson;
  /** Only on the recurring event itself. */
  recurrence?: string[];
  recurringEventId?: string;
  originalStart?: EventTime;
  updated: number;
}

export function calendarZone(store: CalendarStore, calendarId: string): string {
  return store.calendar(calendarId)?.timeZone ?? 'UTC';
}

/** An event's start and end, whole days read in its organizer's calendar's zone. */
export function eventTiming(store: CalendarStore, event: SharedEvent): { start: EventTime; end: EventTime } {
  const zone = calendarZone(store, event.organizerCalendarId);
  const recurring = Boolean(event.recurrence?.length);
  return { start: parseEventTime(event.start, 'start', zone, recurring), end: parseEventTime(event.end, 'end', zone, recurring) };
}

export function isRecurring(event: SharedEvent): boolean {
  return Boolean(event.recurrence?.length) && !event.recurringEventId;
}

function plainView(copy: EventCopy, store: CalendarStore): EventView {
  const { start, end } = eventTiming(store, copy.event);
  const zone = start.timeZone;
  return {
    copy,
    id: copy.event.id,
    status: copyStatus(copy),
    start,
    end,
    startJson: copy.event.start,
    endJson: copy.event.end,
    ...(isRecurring(copy.event) ? { recurrence: copy.event.recurrence } : {}),
    ...(copy.event.recurringEventId
      ? { recurringEventId: copy.event.recurringEventId, originalStart: parseEventTime(copy.event.originalStartTime, 'start', zone, false) }
      : {}),
    updated: copy.updated,
  };
}

/**
 * The instances of a recurring event's copy that no exception on the same
 * calendar replaces, starting before `until`.
 */
export function generatedInstances(copy: EventCopy, store: CalendarStore, until?: number): EventView[] {
  const { start, end } = eventTiming(store, copy.event);
  return expandRecurrence(copy.event.recurrence ?? [], start, end, until)
    .map((occurrence) => ({ occurrence, id: instanceId(copy.event.id, occurrence.start) }))
    .filter(({ id }) => !store.copy(copy.calendarId, id))
    .map(({ occurrence, id }) => ({
      copy,
      id,
      status: copyStatus(copy),
      start: occurrence.start,
      end: occurrence.end,
      startJson: copy.event.start,
      endJson: copy.event.end,
      recurringEventId: copy.event.id,
      originalStart: occurrence.start,
      updated: copy.updated,
    }));
}

/**
 * What one copy contributes to a list: itself, or with `singleEvents` a
 * recurring event's instances instead (Events: list, `singleEvents`: "expand
 * recurring events into instances and only return single one-off events and
 * instances of recurring events, but not the underlying recurring events").
 */
export function viewsOf(copy: EventCopy, store: CalendarStore, singleEvents: boolean, until?: number): EventView[] {
  if (singleEvents && isRecurring(copy.event)) return generatedInstances(copy, store, until);
  return [plainView(copy, store)];
}

/** The event or instance `id` names on a calendar: a stored copy, or an instance generated from its recurring event. */
export function findView(store: CalendarStore, calendarId: string, id: string): EventView | undefined {
  const copy = store.copy(calendarId, id);
  if (copy) return plainView(copy, store);
  const parts = splitInstanceId(id);
  const master = parts && store.copy(calendarId, parts.masterId);
  if (!master || !isRecurring(master.event)) return undefined;
  return generatedInstances(master, store).find((view) => view.id === id);
}

/** Whether two views overlap in time (half-open spans). */
export function overlaps(a: { start: EventTime; end: EventTime }, b: { start: EventTime; end: EventTime }): boolean {
  return a.start.ms < b.end.ms && b.start.ms < a.end.ms;
}
