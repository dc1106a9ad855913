import type { calendar_v3 } from '@googleapis/calendar';
import type { Clock } from '../../../../shared/clock.ts';
import type { TimedMeeting } from '../../../../shared/model.ts';
import { keyOf, type ProviderAnswer, type RemoteCalendar, type RemoteOccurrence, type RemoteTarget, type SyncResult, type SyncWindow } from '../remote/remote-provider.ts';
import { googleFailure, isExpiredSyncToken, isGoneEvent } from './google-failure.ts';
import { eventIdForKey } from './booking-event-id.ts';
import { bookingTarget, occurrenceOf, targetCalendar } from './google-event.ts';

/** Events per page; Calendar API events.list allows up to 2500. */
const PAGE_SIZE = 250;
/** A runaway chain of pages is cut here rather than followed for ever. */
const MAX_PAGES = 100;

const DONE: ProviderAnswer<void> = { ok: true, value: undefined };

/**
 * A room's resource calendar in Google Workspace, through the Calendar API:
 * `events.list` with `singleEvents` (each occurrence its own event) and a
 * sync token for what changed since (Calendar API "Synchronize resources
 * efficiently"). A walk-up booking gets the id its key gives. Acting as a
 * user (`organizer`, LINTEL_GOOGLE_SUBJECT), the bridge books as Google
 * advises, on that user's calendar with the room invited, and the room
 * answers (a conflict is declined); as the service account itself, directly
 * on the room's calendar, shared with it. Changes go by id to the calendar
 * the event was made on (an occurrence's own id changes that occurrence only).
 */
export class GoogleCalendar implements RemoteCalendar {
  readonly writable = true;
  readonly #api: calendar_v3.Calendar;
  readonly #calendarId: string;
  readonly #organizer: string | null;
  readonly #clock: Clock;

  constructor(options: { api: calendar_v3.Calendar; calendarId: string; organizer: string | null; clock: Clock }) {
    this.#api = options.api;
    this.#calendarId = options.calendarId;
    this.#organizer = options.organizer;
    this.#clock = options.clock;
  }

  async sync(cursor: string | null, window: SyncWindow): Promise<ProviderAnswer<SyncResult>> {
    const changed: RemoteOccurrence[] = [];
    const removedKeys: string[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let answer: calendar_v3.Schema$Events;
      try {
        // "Synchronize resources efficiently": a sync token cannot be combined with timeMin or timeMax; the window is applied here.
        const query = cursor === null
          ? { timeMin: new Date(window.start).toISOString(), timeMax: new Date(window.end).toISOString(), showDeleted: false }
          : { syncToken: cursor };
        answer = (await this.#api.events.list({ calendarId: this.#calendarId, singleEvents: true, maxResults: PAGE_SIZE, ...query, ...(pageToken ? { pageToken } : {}) })).data;
      } catch (error) {
        if (cursor !== null && isExpiredSyncToken(error)) return { ok: false, failure: 'cursor-expired', message: 'Google no longer takes the sync token (410)' };
        return googleFailure(error, this.#calendarId, this.#clock.now());
      }
      for (const event of answer.items ?? []) {
        const occurrence = event.status === 'cancelled' ? undefined : occurrenceOf(event, this.#calendarId, this.#organizer);
        // An event moved out of the window, cancelled, or unreadable is gone from the room's days.
        if (occurrence && overlaps(occurrence, window)) changed.push(occurrence);
        else if (event.id) removedKeys.push(event.id);
      }
      if (answer.nextPageToken) {
        pageToken = answer.nextPageToken;
        continue;
      }
      // "nextSyncToken … provided only on the last page of results".
      const next = answer.nextSyncToken ?? '';
      if (cursor === null) return { ok: true, value: { kind: 'snapshot', occurrences: changed, cursor: next } };
      if (changed.length === 0 && removedKeys.length === 0) return { ok: true, value: { kind: 'unchanged', cursor: next } };
      return { ok: true, value: { kind: 'delta', changed, removedKeys, cursor: next } };
    }
    return { ok: false, failure: 'unreachable', message: `Google Calendar (${this.#calendarId}) sent more than ${MAX_PAGES} pages of events` };
  }

  async create(key: string, meeting: TimedMeeting): Promise<ProviderAnswer<RemoteTarget>> {
    const id = eventIdForKey(key);
    const target = bookingTarget(id, this.#organizer);
    try {
      await this.#api.events.insert({
        calendarId: targetCalendar(target.ref, this.#calendarId),
        // Calendar API "Resources, rooms and domain calendars": a room is booked by inviting it; it accepts or declines.
        ...(this.#organizer ? { sendUpdates: 'none' } : {}),
        requestBody: {
          id,
          summary: meeting.subject,
          start: { dateTime: meeting.start },
          end: { dateTime: meeting.end },
          transparency: 'opaque',
          ...(this.#organizer ? { attendees: [{ email: this.#calendarId, resource: true }] } : {}),
        },
      });
      return { ok: true, value: target };
    } catch (error) {
      // Calendar API "Handle API errors" § 409: the id exists, made by an earlier attempt under this key.
      if ((error as { response?: { status?: number } }).response?.status === 409) return { ok: true, value: target };
      return googleFailure(error, this.#calendarId, this.#clock.now());
    }
  }

  async changeEnd(target: RemoteTarget, end: string): Promise<ProviderAnswer<void>> {
    try {
      const calendarId = targetCalendar(target.ref, this.#calendarId);
      await this.#api.events.patch({ calendarId, eventId: keyOf(target), requestBody: { end: { dateTime: end } } });
      return DONE;
    } catch (error) {
      return isGoneEvent(error) ? DONE : googleFailure(error, this.#calendarId, this.#clock.now());
    }
  }

  async cancel(target: RemoteTarget): Promise<ProviderAnswer<void>> {
    try {
      await this.#api.events.delete({ calendarId: targetCalendar(target.ref, this.#calendarId), eventId: keyOf(target) });
      return DONE;
    } catch (error) {
      // Calendar API "Handle API errors" § 410: deleting an event already deleted answers Gone.
      return isGoneEvent(error) ? DONE : googleFailure(error, this.#calendarId, this.#clock.now());
    }
  }

  async check(): Promise<ProviderAnswer<void>> {
    try {
      await this.#api.events.list({ calendarId: this.#calendarId, maxResults: 1, timeMin: new Date(this.#clock.now()).toISOString() });
      return DONE;
    } catch (error) {
      return googleFailure(error, this.#calendarId, this.#clock.now());
    }
  }
}

function overlaps(occurrence: RemoteOccurrence, window: SyncWindow): boolean {
  if (occurrence.allDay) return Date.parse(`${occurrence.end}T00:00:00Z`) > window.start - 14 * 3_600_000 && Date.parse(`${occurrence.start}T00:00:00Z`) < window.end + 14 * 3_600_000;
  return Date.parse(occurrence.end) > window.start && Date.parse(occurrence.start) < window.end;
}
