import type { CalendarStore, EventCopy } from './calendar-store.ts';
import { badRequest, GoogleProblem } from './errors.ts';
import { etagOf, renderEvent, type Viewer } from './event-json.ts';
import { generatedInstances, isRecurring, viewsOf, type EventView } from './event-views.ts';
import { pageToken, readPageToken, readSyncToken, syncToken } from './sync-tokens.ts';
import { formatTimestamp, isTimeZone, parseTimestampParameter } from './time.ts';

type Query = Record<string, unknown>;

const text = (query: Query, name: string): string | undefined => {
  const value = query[name];
  return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
};
const list = (query: Query, name: string): string[] => {
  const value = query[name];
  return value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
};
const flag = (query: Query, name: string): boolean | undefined => {
  const value = text(query, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw badRequest('invalid', `Invalid boolean value: '${value}'.`, name);
  return value === 'true';
};

/** Events: list `maxResults`: "By default the value is 250 events. The page size can never be larger than 2500 events." */
function pageSize(query: Query, fallback: number, max: number): number {
  const value = text(query, 'maxResults');
  if (value === undefined) return fallback;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) throw badRequest('invalid', `Invalid value '${value}'. Values must be within the range: [1, ${max}]`, 'maxResults');
  return Math.min(size, max);
}

/** Events: list `syncToken`: the parameters that "cannot be specified together with nextSyncToken to ensure consistency of the client state". */
const NOT_WITH_SYNC_TOKEN = ['iCalUID', 'orderBy', 'privateExtendedProperty', 'q', 'sharedExtendedProperty', 'timeMin', 'timeMax', 'updatedMin'];

function window(query: Query): { timeMin?: number; timeMax?: number } {
  const min = text(query, 'timeMin');
  const max = text(query, 'timeMax');
  const timeMin = min === undefined ? undefined : parseTimestampParameter(min, 'timeMin');
  const timeMax = max === undefined ? undefined : parseTimestampParameter(max, 'timeMax');
  // Calendar "Handle API errors" § 400: the documented example — "The specified time range is empty." at timeMax.
  if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) {
    throw new GoogleProblem(400, { domain: 'calendar', reason: 'timeRangeEmpty', message: 'The specified time range is empty.', locationType: 'parameter', location: 'timeMax' });
  }
  return { timeMin, timeMax };
}

/** Events: list `timeMin` ("Lower bound (exclusive) for an event's end time") and `timeMax` ("Upper bound (exclusive) for an event's start time"). */
const inWindow = (view: EventView, timeMin?: number, timeMax?: number) => (timeMin === undefined || view.end.ms > timeMin) && (timeMax === undefined || view.start.ms < timeMax);

function matchesFilters(view: EventView, query: Query): boolean {
  const event = view.copy.event;
  const iCalUID = text(query, 'iCalUID');
  if (iCalUID !== undefined && event.iCalUID !== iCalUID) return false;
  const properties = event.fields.extendedProperties as { private?: Record<string, string>; shared?: Record<string, string> } | undefined;
  for (const [name, bag] of [['privateExtendedProperty', properties?.private], ['sharedExtendedProperty', properties?.shared]] as const) {
    for (const constraint of list(query, name)) {
      const [key, ...rest] = constraint.split('=');
      if (!key || bag?.[key] !== rest.join('=')) return false;
    }
  }
  const q = text(query, 'q')?.toLowerCase();
  if (q) {
    const haystack = [event.fields.summary, event.fields.description, event.fields.location, event.organizerCalendarId, ...event.attendees.flatMap((a) => [a.email, a.displayName])].join(' ').toLowerCase();
    if (!q.split(/\s+/).every((term) => haystack.includes(term))) return false;
  }
  return true;
}

export interface ListOptions {
  syncTokenLifetimeMs?: number;
}

function responseZone(query: Query, viewer: Omit<Viewer, 'timeZone'>): string {
  const zone = text(query, 'timeZone');
  if (zone !== undefined && !isTimeZone(zone)) throw badRequest('invalid', 'Invalid time zone definition.', 'timeZone');
  return zone ?? viewer.calendar.timeZone;
}

function page(views: EventView[], query: Query, snapshot: number, viewer: Viewer, store: CalendarStore, max: number, fallback: number) {
  const token = text(query, 'pageToken');
  const offset = token === undefined ? 0 : readPageToken(token).o;
  const size = pageSize(query, fallback, max);
  const items = views.slice(offset, offset + size).map((view) => renderEvent(view, viewer, store));
  const more = offset + size < views.length;
  const updated = store.lastChange(viewer.calendar.id) ?? store.now();
  return {
    kind: 'calendar#events',
    etag: etagOf(updated, store.seq),
    summary: viewer.calendar.summary,
    description: '',
    updated: formatTimestamp(updated),
    timeZone: viewer.calendar.timeZone,
    accessRole: viewer.role,
    defaultReminders: [],
    ...(more ? { nextPageToken: pageToken(offset + size, snapshot) } : {}),
    items,
  };
}

/**
 * Events: list, full or incremental (Calendar "Synchronize resources
 * efficiently"): a full list gives a `nextSyncToken` on its last page; with
 * `syncToken` only entries changed since, deleted ones included as
 * cancelled, and again a `nextSyncToken` on the last page.
 */
export function listEvents(store: CalendarStore, viewerBase: Omit<Viewer, 'timeZone'>, query: Query, options: ListOptions = {}): Record<string, unknown> {
  const viewer: Viewer = { ...viewerBase, timeZone: responseZone(query, viewerBase) };
  const calendarId = viewer.calendar.id;
  const sync = text(query, 'syncToken');
  const singleEvents = flag(query, 'singleEvents') ?? false;
  const showDeleted = flag(query, 'showDeleted');
  const orderBy = text(query, 'orderBy');
  if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') throw badRequest('invalid', `Invalid value for: ${orderBy} is not a valid value`, 'orderBy');
  // Events: list `orderBy`: "startTime: Order by the start date/time (ascending). This is only available when querying single events (i.e. the parameter singleEvents is True)".
  if (orderBy === 'startTime' && !singleEvents) throw badRequest('invalid', 'The requested ordering is not available for the particular query.', 'orderBy');
  const pageState = text(query, 'pageToken');
  const snapshot = pageState === undefined ? store.seq : readPageToken(pageState).s;
  let since: number | undefined;
  if (sync !== undefined) {
    for (const name of NOT_WITH_SYNC_TOKEN) if (query[name] !== undefined) throw badRequest('invalid', `Sync token cannot be combined with the ${name} parameter.`, name);
    // Events: list `syncToken`: deleted entries "will always be in the result set and it is not allowed to set showDeleted to False".
    if (showDeleted === false) throw badRequest('invalid', 'Sync token cannot be combined with showDeleted=false.', 'showDeleted');
    since = readSyncToken(sync, calendarId, store.syncGeneration, store.now(), options.syncTokenLifetimeMs);
  }
  const { timeMin, timeMax } = sync === undefined ? window(query) : {};
  const updatedMin = text(query, 'updatedMin') === undefined ? undefined : parseTimestampParameter(text(query, 'updatedMin')!, 'updatedMin');
  const changed = (copy: EventCopy) => since === undefined || (copy.seq > since && copy.seq <= snapshot);
  const views: EventView[] = [];
  for (const copy of store.copies(calendarId)) {
    if (!changed(copy)) continue;
    if (updatedMin !== undefined && copy.updated < updatedMin) continue;
    for (const view of viewsOf(copy, store, singleEvents, timeMax)) {
      const incremental = since !== undefined || updatedMin !== undefined;
      // Events: list `showDeleted`: "Cancelled instances of recurring events (but not the underlying recurring event) will still be included if showDeleted and singleEvents are both False."
      const cancelledInstance = !singleEvents && view.recurringEventId !== undefined;
      if (view.status === 'cancelled' && !incremental && !showDeleted && !cancelledInstance) continue;
      if (since === undefined && !matchesFilters(view, query)) continue;
      if (since === undefined && isRecurring(view.copy.event) && !singleEvents) {
        if ((timeMin !== undefined || timeMax !== undefined) && !generatedInstances(copy, store, timeMax).some((instance) => inWindow(instance, timeMin, timeMax))) continue;
      } else if (since === undefined && !inWindow(view, timeMin, timeMax)) continue;
      views.push(view);
    }
  }
  if (orderBy === 'startTime') views.sort((a, b) => a.start.ms - b.start.ms || a.id.localeCompare(b.id));
  if (orderBy === 'updated') views.sort((a, b) => a.updated - b.updated);
  const body = page(views, query, snapshot, viewer, store, 2500, 250);
  return 'nextPageToken' in body ? body : { ...body, nextSyncToken: syncToken(calendarId, snapshot, store.syncGeneration, store.now()) };
}

/** Events: instances — the instances of one recurring event, with its exceptions, in start order. */
export function listInstances(store: CalendarStore, viewerBase: Omit<Viewer, 'timeZone'>, master: EventCopy, query: Query): Record<string, unknown> {
  const viewer: Viewer = { ...viewerBase, timeZone: responseZone(query, viewerBase) };
  const { timeMin, timeMax } = window(query);
  const showDeleted = flag(query, 'showDeleted') ?? false;
  const exceptions = store.exceptionsOf(viewer.calendar.id, master.event.id).flatMap((copy) => viewsOf(copy, store, false));
  const views = (isRecurring(master.event) ? [...generatedInstances(master, store, timeMax), ...exceptions] : viewsOf(master, store, false))
    .filter((view) => (showDeleted || view.status !== 'cancelled') && inWindow(view, timeMin, timeMax))
    .sort((a, b) => a.start.ms - b.start.ms);
  return page(views, query, store.seq, viewer, store, 2500, 250);
}
