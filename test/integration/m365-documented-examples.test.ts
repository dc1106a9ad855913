import { afterEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { createHttpsFetch } from '../../bridge/src/calendars/microsoft-365/https-fetch.ts';
import { allPlaces } from '../../web/src/admin/places-paging.ts';
import { startDocsFake, type DocsFake } from '../graph-docs-fake/docs-fake-server.ts';
import { DOCUMENTED_CLIENT_ID, DOCUMENTED_CLIENT_SECRET, DOCUMENTED_TENANT_ID, TOKEN_RESPONSE } from '../graph-docs-fake/identity-examples.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startAsNewUser, type NewUserBridge } from '../support/new-user-bridge.ts';

const ROOM_ID = 'conf-room-100';
/** The documented rooms are at 4567 Main Street, Buffalo, NY (place-list.md). */
const BUFFALO = 'America/New_York';
/**
 * The day the documented delta round (concepts/delta-query-events.md) is
 * about: its events are Saturday 10 December 2016 and the days around it,
 * so the test runs then rather than moving Microsoft's dates.
 */
const NOON_IN_BUFFALO = '2016-12-10T17:00:00Z';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const each of running.splice(0).reverse()) await each.close();
});

/**
 * What a new user does: finds the room on the admin page (its own Places
 * paging, against the fake), writes the README's settings with the ids the
 * identity docs print and a rooms file linking that room, and starts the
 * bridge, which syncs at once.
 */
async function newUser(now: string, settings: Record<string, string> = {}): Promise<{ fake: DocsFake; lintel: NewUserBridge; mailbox: string }> {
  const fake = await startDocsFake();
  running.push(fake);
  const get = createHttpsFetch(fake.ca);
  const places = (await allPlaces(
    async (path) => (await get(path.startsWith('https://') ? path : `${fake.url}/v1.0${path}`, { method: 'GET', headers: {} })).json(),
    '/places/microsoft.graph.room',
  )) as { displayName: string; emailAddress: string }[];
  const room = places.find((place) => place.displayName === 'Conf Room 100')!;
  const lintel = await startAsNewUser({
    clock: new FakeClock(now),
    ca: fake.ca,
    env: {
      LINTEL_TIME_ZONE: BUFFALO,
      LINTEL_M365_TENANT_ID: DOCUMENTED_TENANT_ID,
      LINTEL_M365_CLIENT_ID: DOCUMENTED_CLIENT_ID,
      LINTEL_M365_CLIENT_SECRET: DOCUMENTED_CLIENT_SECRET,
      LINTEL_M365_AUTHORITY_HOST: fake.url,
      LINTEL_M365_GRAPH_URL: fake.url,
      ...settings,
    },
    rooms: { rooms: [{ id: ROOM_ID, name: room.displayName, timeZone: BUFFALO, microsoft365: { mailbox: room.emailAddress } }] },
  });
  running.push(lintel);
  expect(await lintel.integration.syncNow(ROOM_ID)).toBe(true);
  await lintel.settle();
  return { fake, lintel, mailbox: room.emailAddress };
}

/** The day's meetings as the display gets them. */
const agenda = (state: RoomState) => state.events.map((m) => ({ subject: m.subject, start: m.start, end: m.end, organizer: m.organizer }));
const deltaTokens = (fake: DocsFake) => fake.requests.map((request) => new URL(request.url, fake.url).searchParams.get('$deltatoken')).filter(Boolean);
const posts = (fake: DocsFake) => fake.requests.filter((request) => request.method === 'POST' && request.url.startsWith('/v1.0/'));

/** What nothing documented answers, and what the bridge warns of, both of which must stay empty. */
function expectNoTrouble(fake: DocsFake, lintel: NewUserBridge): void {
  expect(fake.unanswered).toEqual([]);
  expect(lintel.integration.status().warnings).toEqual([]);
}

describe("Microsoft 365 from nothing but Microsoft's documented example payloads", () => {
  it('shows the documented calendar view at its times, read in UTC through the links it gives', async () => {
    const { fake, lintel } = await newUser(NOON_IN_BUFFALO);

    const state = lintel.state(ROOM_ID);
    expect(agenda(state)).toEqual([
      { subject: 'Get food', start: '2016-12-10T19:30:00.000Z', end: '2016-12-10T21:30:00.000Z', organizer: 'Samantha Booth' },
      { subject: 'Prepare food', start: '2016-12-10T22:00:00.000Z', end: '2016-12-11T00:00:00.000Z', organizer: 'Samantha Booth' },
    ]);
    expect(state).toMatchObject({ status: 'available', current: null, freeUntil: '2016-12-10T19:30:00.000Z' });
    const delta = fake.requests.filter((request) => request.url.includes('/calendarView/delta'));
    expect(delta.map((request) => new URL(request.url, fake.url).searchParams.get('$skiptoken'))).toEqual([null, 'R0usmcCM996atia_s', 'R0usmci39OQxqJrxK4']);
    expect(delta.map((request) => request.headers.prefer)).toEqual(delta.map(() => expect.stringContaining('outlook.timezone="UTC"')));
    // The bridge's Graph requests (Places was the admin page's) carry the documented token as it came, cut short.
    const graphRequests = fake.requests.filter((request) => request.url.startsWith('/v1.0/') && !request.url.startsWith('/v1.0/places'));
    expect(new Set(graphRequests.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${TOKEN_RESPONSE.access_token}`]));
    expectNoTrouble(fake, lintel);
  });

  it('books a walk-up with the request the create example shows, and keeps it on the created event the docs print', async () => {
    const { fake, lintel, mailbox } = await newUser(NOON_IN_BUFFALO);
    const booking = lintel.act(ROOM_ID, { type: 'book-now', minutes: 30 }).current!;
    await lintel.settle();
    // user-post-events.md, Example 1's request: a subject, start and end as dateTimeTimeZone, a location, a transactionId.
    expect(posts(fake)).toEqual([
      expect.objectContaining({
        url: `/v1.0/users/${encodeURIComponent(mailbox)}/events`,
        headers: expect.objectContaining({ 'content-type': expect.stringMatching(/^application\/json/) }),
        body: {
          subject: 'Walk-up booking',
          start: { dateTime: '2016-12-10T17:00:00.000', timeZone: 'UTC' },
          end: { dateTime: '2016-12-10T17:30:00.000', timeZone: 'UTC' },
          showAs: 'busy',
          transactionId: booking.id,
          location: { displayName: 'Conf Room 100', locationEmailAddress: mailbox },
        },
      }),
    ]);

    // The answer is the page's event ("Let's go brunch", organized by Dana Swope); the next round's answer is the page's next round.
    await lintel.advance(20_000);
    expect(deltaTokens(fake)).toEqual(['R0usmcMDNGg0J1E']);
    const after = lintel.state(ROOM_ID);
    expect(after).toMatchObject({ status: 'busy', current: { id: booking.id, subject: 'Walk-up booking', start: '2016-12-10T17:00:00.000Z', end: '2016-12-10T17:30:00.000Z' }, notices: [] });
    expect(agenda(after).map((meeting) => meeting.subject)).toEqual(['Walk-up booking', 'Get food', 'Prepare food']);
    expectNoTrouble(fake, lintel);
  });

  it('extends a walk-up with the documented update and ends it with the documented delete', async () => {
    const { fake, lintel, mailbox } = await newUser(NOON_IN_BUFFALO);
    const booking = lintel.act(ROOM_ID, { type: 'book-now', minutes: 30 }).current!;
    await lintel.settle();
    const event = `/v1.0/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent('AAMkAGI1AAAt9AHjAAA=')}`;

    lintel.act(ROOM_ID, { type: 'extend', minutes: 15, meetingId: booking.id });
    await lintel.settle();
    // event-update.md: a PATCH of the properties that change, answered with the page's placeholder event.
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PATCH', url: event, body: { end: { dateTime: '2016-12-10T17:45:00.000', timeZone: 'UTC' } } });
    expect(lintel.state(ROOM_ID).current).toMatchObject({ id: booking.id, end: '2016-12-10T17:45:00.000Z' });

    // Ended within its first minute, the booking goes: event-delete.md, answered 204.
    lintel.act(ROOM_ID, { type: 'end-now', meetingId: booking.id });
    await lintel.settle();
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', url: event });
    await lintel.advance(20_000);
    expect(lintel.state(ROOM_ID)).toMatchObject({ status: 'available', current: null, notices: [] });
    expect(agenda(lintel.state(ROOM_ID)).map((meeting) => meeting.subject)).toEqual(['Get food', 'Prepare food']);
    expectNoTrouble(fake, lintel);
  });

  it('ends a meeting someone else organized with the documented decline', async () => {
    const { fake, lintel, mailbox } = await newUser('2016-12-10T20:00:00Z');
    const busy = lintel.state(ROOM_ID);
    expect(busy).toMatchObject({ status: 'busy', current: { subject: 'Get food', organizer: 'Samantha Booth' }, busyUntil: '2016-12-10T21:30:00.000Z' });

    lintel.act(ROOM_ID, { type: 'end-now', meetingId: busy.current!.id });
    await lintel.settle();
    // event-decline.md: the room's answer, with a comment and sendResponse, answered 202 without a body.
    expect(posts(fake)).toEqual([
      expect.objectContaining({
        url: `/v1.0/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent('AAMkADVxTAAA=')}/decline`,
        body: { comment: 'Ended at the room display.', sendResponse: true },
      }),
    ]);
    await lintel.advance(20_000);
    expect(lintel.state(ROOM_ID)).toMatchObject({ status: 'available', current: null, freeUntil: '2016-12-10T22:00:00.000Z' });
    expect(agenda(lintel.state(ROOM_ID))[0]).toMatchObject({ subject: 'Get food', end: '2016-12-10T20:00:00.000Z' });
    expectNoTrouble(fake, lintel);
  });

  it("books through a service mailbox: the room's answer is read from the documented get, and the organizer cancels", async () => {
    // The created event the docs print is organized by Dana Swope: her mailbox organizes the walk-ups.
    const organizer = 'danas@contoso.onmicrosoft.com';
    const { fake, lintel, mailbox } = await newUser(NOON_IN_BUFFALO, { LINTEL_M365_SERVICE_MAILBOX: organizer });
    const booking = lintel.act(ROOM_ID, { type: 'book-now', minutes: 30 }).current!;
    await lintel.settle();
    expect(posts(fake)).toEqual([
      expect.objectContaining({
        url: `/v1.0/users/${encodeURIComponent(organizer)}/events`,
        body: expect.objectContaining({ transactionId: booking.id, attendees: [{ type: 'resource', emailAddress: { address: mailbox, name: 'Conf Room 100' } }] }),
      }),
    ]);

    // Three rounds: the first reads the room's tentative answer from the organizer's event, and no round asks again.
    await lintel.advance(45_000, 5000);
    const event = `/v1.0/users/${encodeURIComponent(organizer)}/events/${encodeURIComponent('AAMkAGI1AAAt9AHjAAA=')}`;
    expect(fake.requests.filter((request) => request.method === 'GET' && request.url === event)).toHaveLength(1);
    expect(lintel.state(ROOM_ID)).toMatchObject({ status: 'busy', current: { id: booking.id }, notices: [] });

    // Ended within its first minute, the booking goes: event-cancel.md, the organizer's cancel with a comment, answered 202.
    lintel.act(ROOM_ID, { type: 'end-now', meetingId: booking.id });
    await lintel.settle();
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', url: `${event}/cancel`, body: { comment: 'Ended at the room display.' } });
    expect(lintel.state(ROOM_ID)).toMatchObject({ status: 'available', current: null, notices: [] });
    expectNoTrouble(fake, lintel);
  });
});
