import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DAY_MS, MINUTE_MS } from '../../shared/clock.ts';
import { wallTimeToInstant } from '../../shared/time-zone.ts';
import { CalDavCalendar } from '../../bridge/src/calendars/caldav/caldav-calendar.ts';
import { CalDavClient } from '../../bridge/src/calendars/caldav/caldav-client.ts';
import type { CachedObject, ObjectCache } from '../../bridge/src/calendars/remote/remote-provider.ts';
import { googleProvider } from '../../bridge/src/calendars/google/google-provider.ts';
import { GraphGateway } from '../../bridge/src/calendars/microsoft-365/graph-gateway.ts';
import type { GraphTokens } from '../../bridge/src/calendars/microsoft-365/graph-tokens.ts';
import { createHttpsFetch } from '../../bridge/src/calendars/microsoft-365/https-fetch.ts';
import { microsoft365Provider } from '../../bridge/src/calendars/microsoft-365/m365-provider.ts';
import { WarningBoard } from '../../bridge/src/calendars/remote/warning-board.ts';
import { Room } from '../../shared/model.ts';
import { emulatedGoogle } from '../google-emulator/google-test-client.ts';
import { emulatedGraph } from '../graph-emulator/graph-test-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { AMSTERDAM, ics, vevent } from '../support/icalendar-text.ts';
import { FakeRemoteCalendar } from '../support/fake-remote-calendar.ts';
import { basic, startRadicale, type RadicaleServer } from '../support/radicale-server.ts';
import { CONTRACT_WINDOW, remoteCalendarContract, type Elsewhere } from '../support/remote-calendar-contract.ts';

const toIso = (ms: number) => new Date(ms).toISOString();

remoteCalendarContract('the in-memory fake', async () => {
  const calendar = new FakeRemoteCalendar();
  const elsewhere: Elsewhere = {
    addMeeting: async (meeting) => calendar.put({ key: meeting.id, ref: meeting.id, start: meeting.start, end: meeting.end, allDay: false, subject: meeting.subject, organizer: null, isPrivate: false }),
    addWeeklySeries: async (series) => {
      const [date, time] = series.start.split('T') as [string, string];
      for (let week = 0; week < series.count; week++) {
        const day = toIso(Date.parse(`${date}T12:00:00Z`) + week * 7 * DAY_MS).slice(0, 10);
        const start = wallTimeToInstant(`${day}T${time}`, series.timeZone)!;
        const key = `${series.id}/${toIso(start)}`;
        calendar.put({ key, ref: series.id, start: toIso(start), end: toIso(start + series.minutes * MINUTE_MS), allDay: false, subject: series.subject, organizer: null, isPrivate: false, seriesId: series.id });
      }
    },
    remove: async (id) => calendar.remove(id),
  };
  return { calendar, elsewhere };
});

let radicale: RadicaleServer;
let calendars = 0;
beforeAll(async () => {
  radicale = await startRadicale({ users: { room: 'harbour-secret' } });
});
afterAll(() => radicale.stop());

/** A cache in memory: the bridge keeps it in its store, which these rules do not need. */
class MemoryCache implements ObjectCache {
  readonly #objects = new Map<string, CachedObject>();
  list = () => [...this.#objects.values()];
  get = (href: string) => this.#objects.get(href);
  put = (object: CachedObject) => void this.#objects.set(object.href, object);
  delete = (href: string) => void this.#objects.delete(href);
  clear = () => this.#objects.clear();
}

const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

remoteCalendarContract('CalDAV on Radicale', async () => {
  const url = await radicale.createCalendar('room', `contract-${++calendars}`);
  const clock = new FakeClock('2026-10-19T10:00:00Z');
  const client = (cache: ObjectCache) => new CalDavClient({ url, username: 'room', password: 'harbour-secret', cache, now: () => clock.now() });
  const cache = new MemoryCache();
  const calendar = new CalDavCalendar({ client: client(cache), cache, timeZone: 'Europe/Amsterdam', clock, logger: pino({ level: 'silent' }), probe: () => client(new MemoryCache()) });
  // Another calendar app of the same account: plain PUTs and DELETEs of iCalendar text.
  const put = async (id: string, lines: string[]) => {
    const body = ics(...lines);
    const answer = await fetch(`${url}${id}.ics`, { method: 'PUT', headers: { authorization: basic('room', 'harbour-secret'), 'content-type': 'text/calendar' }, body });
    if (!answer.ok) throw new Error(`PUT ${id}: ${answer.status}`);
  };
  const elsewhere: Elsewhere = {
    addMeeting: (meeting) => put(meeting.id, [vevent(`UID:${meeting.id}`, `DTSTART:${utc(meeting.start)}`, `DTEND:${utc(meeting.end)}`, `SUMMARY:${meeting.subject}`)]),
    addWeeklySeries: (series) => {
      const start = series.start.replace(/[-:]/g, '');
      const end = toIso(wallTimeToInstant(series.start, series.timeZone)! + series.minutes * MINUTE_MS);
      const wallEnd = new Intl.DateTimeFormat('sv-SE', { timeZone: series.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(end)).replace(':', '');
      return put(series.id, [
        AMSTERDAM,
        vevent(
          `UID:${series.id}`,
          `DTSTART;TZID=${series.timeZone}:${start}00`,
          `DTEND;TZID=${series.timeZone}:${start.slice(0, 9)}${wallEnd}00`,
          `RRULE:FREQ=WEEKLY;COUNT=${series.count}`,
          `SUMMARY:${series.subject}`,
        ),
      ]);
    },
    remove: async (id) => {
      const answer = await fetch(`${url}${id}.ics`, { method: 'DELETE', headers: { authorization: basic('room', 'harbour-secret') } });
      if (!answer.ok) throw new Error(`DELETE ${id}: ${answer.status}`);
    },
  };
  return { calendar, elsewhere };
});

/** A room on Google's emulator, the bridge acting as the service account itself (`subject` null) or as a user by domain-wide delegation. */
async function googleSubject(subject: string | null) {
  // Date follows the emulator's clock (the client library signs its tokens by it).
  const google = await emulatedGoogle({ now: '2026-10-19T10:00:00Z' });
  const resource = google.workspace.addResource({ resourceName: 'Harbour', capacity: 8, timeZone: 'Europe/Amsterdam' });
  const { keyFile } = google.workspace.addServiceAccount({ name: 'lintel-bridge' });
  if (subject) {
    google.workspace.addUser({ email: subject, isAdmin: true });
    google.workspace.delegateDomainWide(keyFile.client_email, ['https://www.googleapis.com/auth/calendar']);
    // Ending or releasing someone else's meeting changes the room's calendar: the user may edit it (admin guide, 15.3).
    google.workspace.share(resource.resourceEmail, subject, 'writer');
  } else google.workspace.share(resource.resourceEmail, keyFile.client_email, 'writer');
  const provider = googleProvider({ key: keyFile, subject, apiUrl: google.emulator.url, tokenUrl: google.emulator.tokenUrl, ca: google.emulator.ca });
  const room = Room.parse({ id: 'harbour', name: 'Harbour', timeZone: 'Europe/Amsterdam', calendar: { type: 'google', calendarId: resource.resourceEmail } });
  const clock = new FakeClock('2026-10-19T10:00:00Z');
  const calendar = provider.connect({ ...room, calendar: { type: 'google', calendarId: resource.resourceEmail } }, { type: 'google', calendarId: resource.resourceEmail }, { clock, logger: pino({ level: 'silent' }), cache: new MemoryCache(), secret: undefined });
  // Someone books the room in Google Calendar: the ids are Google's, kept by the test's own.
  const ids = new Map<string, string>();
  const add = (id: string, body: Record<string, unknown>) => {
    ids.set(id, String(google.workspace.addEvent(resource.resourceEmail, body).id));
    return Promise.resolve();
  };
  const elsewhere: Elsewhere = {
    addMeeting: (meeting) => add(meeting.id, { summary: meeting.subject, start: { dateTime: meeting.start }, end: { dateTime: meeting.end } }),
    addWeeklySeries: (series) =>
      add(series.id, {
        summary: series.subject,
        start: { dateTime: `${series.start}:00`, timeZone: series.timeZone },
        end: { dateTime: toIso(wallTimeToInstant(series.start, series.timeZone)! + series.minutes * MINUTE_MS), timeZone: series.timeZone },
        recurrence: [`RRULE:FREQ=WEEKLY;COUNT=${series.count}`],
      }),
    remove: (id) => Promise.resolve(google.workspace.removeEvent(resource.resourceEmail, ids.get(id)!)),
  };
  return { calendar, elsewhere, workspace: google.workspace };
}

remoteCalendarContract('Google Calendar on its emulator, as the service account', () => googleSubject(null));
remoteCalendarContract('Google Calendar on its emulator, as a user by domain-wide delegation (the room invited)', () => googleSubject('facilities@example.com'));

describe('Google Calendar on its emulator, when Google no longer takes the sync token', () => {
  it('answers cursor-expired, so the engine starts over with a snapshot (Calendar API "Synchronize resources efficiently": 410)', async () => {
    const { calendar, workspace } = await googleSubject(null);
    const first = await calendar.sync(null, CONTRACT_WINDOW);
    expect(first.ok).toBe(true);
    workspace.invalidateSyncTokens();
    expect(await calendar.sync(first.ok ? first.value.cursor : null, CONTRACT_WINDOW)).toMatchObject({ ok: false, failure: 'cursor-expired' });
    expect(await calendar.sync(null, CONTRACT_WINDOW)).toMatchObject({ ok: true, value: { kind: 'snapshot' } });
  });
});

/**
 * A room mailbox on Graph's emulator, the bridge acting as its application.
 * `serviceMailbox` null books on the room's own calendar (the booking is the
 * room's event itself); a service mailbox organizes bookings with the room
 * invited, whose copy is found by the iCalUId they share.
 */
async function microsoft365Room(serviceMailbox: string | null) {
  const graph = await emulatedGraph({ now: '2026-10-19T10:00:00Z', roles: ['Calendars.ReadWrite'] });
  const mailbox = 'harbour@contoso.example';
  graph.tenant.addRoom({ displayName: 'Harbour', emailAddress: mailbox });
  if (serviceMailbox) graph.tenant.addMailbox({ displayName: 'Lintel Bookings', emailAddress: serviceMailbox });
  const clock = new FakeClock('2026-10-19T10:00:00Z');
  const logger = pino({ level: 'silent' });
  const tokens: GraphTokens = { getToken: () => graph.accessToken(), invalidate: () => {}, consentMissing: false, signedIn: true };
  const gateway = new GraphGateway({ graphUrl: graph.emulator.url, fetch: createHttpsFetch(graph.emulator.ca), tokens, clock, warnings: new WarningBoard(clock, logger, 'Microsoft 365'), logger });
  onTestFinished(() => gateway.close());
  const settings = { type: 'microsoft365' as const, mailbox, bookings: 'service-mailbox' as const };
  const room = { ...Room.parse({ id: 'harbour', name: 'Harbour', timeZone: 'Europe/Amsterdam' }), calendar: settings };
  const calendar = microsoft365Provider({ graph: gateway, clock, logger, serviceMailbox, permissions: 'application' }).connect(room, settings, { clock, logger, cache: new MemoryCache(), secret: undefined });
  // The room's delegate books in the room's calendar (Outlook's POST /users/{room}/events): the room organizes, so it may change them.
  const ids = new Map<string, string>();
  const add = async (id: string, body: Record<string, unknown>) => {
    const answer = await graph.graph(`/users/${mailbox}/events`, { method: 'POST', body });
    if (answer.status !== 201) throw new Error(`POST ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
    ids.set(id, String((answer.body as { id: string }).id));
  };
  // Graph: api-reference/v1.0/resources/datetimetimezone.md (a Windows zone name); resources/patternedrecurrence.md.
  const wall = (iso: string) => ({ dateTime: new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso)).replace(' ', 'T'), timeZone: 'W. Europe Standard Time' });
  const elsewhere: Elsewhere = {
    addMeeting: (meeting) => add(meeting.id, { subject: meeting.subject, start: wall(meeting.start), end: wall(meeting.end) }),
    addWeeklySeries: (series) => {
      const start = wallTimeToInstant(series.start, series.timeZone)!;
      return add(series.id, {
        subject: series.subject,
        start: wall(toIso(start)),
        end: wall(toIso(start + series.minutes * MINUTE_MS)),
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: [new Intl.DateTimeFormat('en-US', { timeZone: series.timeZone, weekday: 'long' }).format(new Date(start)).toLowerCase()] },
          range: { type: 'numbered', startDate: series.start.slice(0, 10), numberOfOccurrences: series.count, recurrenceTimeZone: 'W. Europe Standard Time' },
        },
      });
    },
    remove: async (id) => {
      const answer = await graph.graph(`/users/${mailbox}/events/${encodeURIComponent(ids.get(id)!)}`, { method: 'DELETE' });
      if (answer.status !== 204) throw new Error(`DELETE ${id}: ${answer.status}`);
    },
  };
  return { calendar, elsewhere };
}

remoteCalendarContract('Microsoft 365 on Graph\'s emulator, booking on the room\'s own calendar', () => microsoft365Room(null));
remoteCalendarContract('Microsoft 365 on Graph\'s emulator, booking through a service mailbox with the room invited', () => microsoft365Room('lintel-bookings@contoso.example'));
