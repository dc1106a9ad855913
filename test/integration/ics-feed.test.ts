import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { icsProvider } from '../../bridge/src/calendars/ics/ics-provider.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson, postJson } from '../support/http.ts';
import { scrape } from '../support/prometheus-text.ts';
import { AMSTERDAM, ics, vevent } from '../support/icalendar-text.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/**
 * A published feed as a calendar service serves one: with an ETag and a
 * Last-Modified, answering 304 to a request that names the current version.
 */
async function startFeed(initial: string) {
  let body = initial;
  let version = 1;
  let down = false;
  const answers: number[] = [];
  const server: Server = createServer((request, response) => {
    if (down) {
      answers.push(503);
      response.writeHead(503).end();
      return;
    }
    const etag = `"v${version}"`;
    if (request.headers['if-none-match'] === etag) {
      answers.push(304);
      response.writeHead(304, { etag }).end();
      return;
    }
    answers.push(200);
    response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', etag, 'last-modified': 'Mon, 19 Oct 2026 08:00:00 GMT' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rooms/harbour.ics`,
    answers,
    publish(next: string) {
      body = next;
      version++;
    },
    /** The feed's server answers 503 from now on. */
    goDown() {
      down = true;
    },
  };
}

/**
 * Monday 26 October 2026, the day after summer time ended in Amsterdam, as a
 * new user's feed has it: a weekly series set up in summer (with the
 * VTIMEZONE calendar apps write), one occurrence of it moved, a daily standup
 * named by its IANA zone only, a meeting from Outlook with a Windows zone
 * name, an all-day event, and a cancelled meeting.
 */
const MEETINGS = [
  AMSTERDAM,
  vevent('UID:team-sync', 'DTSTART;TZID=Europe/Amsterdam:20261005T090000', 'DTEND;TZID=Europe/Amsterdam:20261005T100000', 'RRULE:FREQ=WEEKLY;BYDAY=MO', 'EXDATE;TZID=Europe/Amsterdam:20261012T090000', 'SUMMARY:Team sync'),
  vevent('UID:team-sync', 'RECURRENCE-ID;TZID=Europe/Amsterdam:20261019T090000', 'DTSTART;TZID=Europe/Amsterdam:20261019T110000', 'DTEND;TZID=Europe/Amsterdam:20261019T120000', 'SUMMARY:Team sync (moved)'),
  vevent('UID:standup', 'DTSTART;TZID=Europe/Amsterdam:20261019T103000', 'DTEND;TZID=Europe/Amsterdam:20261019T104500', 'RRULE:FREQ=DAILY;COUNT=10', 'SUMMARY:Standup'),
  vevent('UID:outlook', 'DTSTART;TZID=W. Europe Standard Time:20261026T140000', 'DTEND;TZID=W. Europe Standard Time:20261026T150000', 'SUMMARY:Budget', 'CLASS:PRIVATE'),
  vevent('UID:cancelled', 'DTSTART:20261026T150000Z', 'DTEND:20261026T160000Z', 'STATUS:CANCELLED', 'SUMMARY:Cancelled'),
];
/** An all-day event keeps the room busy all day, as in every calendar source. */
const ALL_DAY = vevent('UID:offsite', 'DTSTART;VALUE=DATE:20261026', 'DTEND;VALUE=DATE:20261027', 'SUMMARY:Offsite week');
const FEED = ics(...MEETINGS, ALL_DAY);

const local = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/** The day as a display shows it: each meeting's local times and subject (private ones are the bridge's to hide). */
function shown(state: RoomState): string[] {
  return state.events.map((each) => (each.allDay ? `all day ${each.subject}` : `${local(each.start)}–${local(each.end)} ${each.isPrivate ? 'private' : each.subject}`));
}

async function feedRoom(feed: { url: string }, walkUps?: 'local'): Promise<{ bridge: TestBridge; clock: FakeClock; state: () => Promise<RoomState> }> {
  const clock = new FakeClock('2026-10-26T11:00:00Z');
  const bridge = await startTestBridge({
    clock,
    rooms: [{ id: 'harbour', name: 'Harbour', timeZone: 'Europe/Amsterdam', calendar: { type: 'ics', url: feed.url, walkUps: walkUps ?? 'refused' } }],
    remoteCalendars: [icsProvider()],
  });
  cleanup.push(() => bridge.close());
  const state = async () => {
    const answer = await getJson(`${bridge.url}/api/rooms/harbour/state`);
    expect(answer.status).toBe(200);
    return answer.body as RoomState;
  };
  return { bridge, clock, state };
}

describe('a room whose calendar is a published ICS feed', () => {
  it('shows the day exactly as the feed\'s calendar has it, across the end of summer time', async () => {
    const feed = await startFeed(FEED);
    const { bridge, state } = await feedRoom(feed);
    expect(await bridge.remote!.syncNow('harbour')).toBe(true);
    expect(shown(await state())).toEqual(['all day Offsite week', '09:00–10:00 Team sync', '10:30–10:45 Standup', '14:00–15:00 private']);
  });

  it('asks for the feed only if it changed, and shows a change within one round', async () => {
    const feed = await startFeed(FEED);
    const { bridge, state } = await feedRoom(feed);
    await bridge.remote!.syncNow('harbour');
    await bridge.remote!.syncNow('harbour');
    expect(feed.answers).toEqual([200, 304]);
    feed.publish(ics(vevent('UID:review', 'DTSTART:20261026T130000Z', 'DTEND:20261026T140000Z', 'SUMMARY:Review')));
    await bridge.remote!.syncNow('harbour');
    expect(feed.answers).toEqual([200, 304, 200]);
    expect(shown(await state())).toEqual(['14:00–15:00 Review']);
  });

  it('tells Prometheus how long ago the feed confirmed the room\'s copy', async () => {
    const feed = await startFeed(FEED);
    const { bridge, clock } = await feedRoom(feed);
    expect((await scrape(bridge.url)).get('lintel_calendar_sync_lag_seconds{room="harbour"}')).toBe(Infinity);
    await bridge.remote!.syncNow('harbour');
    // The rounds of the minute to come fail: nothing confirms the copy again.
    feed.goDown();
    clock.advance(60_000);
    await bridge.remote!.idle();
    expect(feed.answers.at(-1)).toBe(503);
    const metrics = await scrape(bridge.url);
    expect(metrics.get('lintel_calendar_sync_lag_seconds{room="harbour"}')).toBe(60);
    expect(metrics.get('lintel_calendar_outbox_depth{room="harbour"}')).toBe(0);
  });

  it('takes no walk-up actions, and its displays show the schedule only', async () => {
    const feed = await startFeed(FEED);
    const { bridge, state } = await feedRoom(feed);
    await bridge.remote!.syncNow('harbour');
    const answer = await postJson(`${bridge.url}/api/rooms/harbour/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    expect(answer).toMatchObject({ status: 403, body: { code: 'read-only-calendar' } });
    expect((await state()).room.settings.readOnly).toBe(true);
  });

  it('keeps walk-up bookings in the bridge when the room says so, beside the feed\'s meetings', async () => {
    const feed = await startFeed(ics(...MEETINGS));
    const { bridge, state, clock } = await feedRoom(feed, 'local');
    await bridge.remote!.syncNow('harbour');
    const booked = await postJson(`${bridge.url}/api/rooms/harbour/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    expect(booked).toMatchObject({ status: 200, body: { status: 'busy', current: { origin: 'walk-up' } } });
    clock.advance(16_000);
    await bridge.remote!.syncNow('harbour');
    expect(shown(await state())).toEqual(['09:00–10:00 Team sync', '10:30–10:45 Standup', '12:00–12:15 Walk-up booking', '14:00–15:00 private']);
    expect((await state()).room.settings.readOnly).toBe(false);
  });

  it('tells the admin when the feed\'s address gives a sign-in page, naming only its site', async () => {
    const server: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { bridge } = await feedRoom({ url: `${origin}/calendar/ical/private-5f1e9d/basic.ics` });
    expect(await bridge.remote!.syncNow('harbour')).toBe(false);
    const [warning] = bridge.remote!.warnings();
    expect(warning).toMatchObject({ code: 'calendar-not-found', roomId: 'harbour', message: expect.stringContaining(origin) });
    expect(warning!.message).not.toContain('private-5f1e9d');
  });
});
