import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_API_PATH, AdminStatus } from '../../shared/admin-api.ts';
import { MINUTE_MS } from '../../shared/clock.ts';
import { startGoogleEmulator } from '../google-emulator/google-emulator.ts';
import { copyStatus } from '../google-emulator/calendar-store.ts';
import { EmulatedWorkspace } from '../google-emulator/workspace.ts';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { ics, vevent } from '../support/icalendar-text.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { basic, startRadicale, type RadicaleServer } from '../support/radicale-server.ts';
import { actOn, adminTokenOf, roomStateOf, statusWithWarning } from '../support/room-over-http.ts';
import { until } from '../support/until.ts';

const PASSWORD = 'lighthouse-room-secret';
const SYNC_SECONDS = 5;

let radicale: RadicaleServer;
beforeAll(async () => {
  radicale = await startRadicale({ users: { room: PASSWORD, annex: 'annex-old-password' } });
});
afterAll(() => radicale.stop());

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const iso = (ms: number) => new Date(ms).toISOString();
const icsTime = (ms: number) => iso(ms).replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** A meeting under way now, whatever the time of day: the rooms are where it is midday. */
const meetingNow = (uid: string, subject: string) => vevent(`UID:${uid}`, `DTSTART:${icsTime(Date.now() - 5 * MINUTE_MS)}`, `DTEND:${icsTime(Date.now() + 25 * MINUTE_MS)}`, `SUMMARY:${subject}`);

/** A slot two hours from now, on a quarter hour: free in every room here. */
const laterSlot = () => iso(Math.ceil((Date.now() + 120 * MINUTE_MS) / (15 * MINUTE_MS)) * 15 * MINUTE_MS);

/** The bridge as `npm start` makes it, with no rooms file: its embedded default and what the admin page adds. */
async function startBridge(env: Record<string, string> = {}, data = tempDataDir()) {
  cleanup.push(() => data.remove());
  const start = async () => {
    const bridge = await startBridgeProcess({ dataDir: data.dir, env: { LINTEL_CALENDAR_SYNC_SECONDS: String(SYNC_SECONDS), ...env } });
    cleanup.push(() => bridge.stop('SIGKILL'));
    return bridge;
  };
  const bridge = await start();
  const token = adminTokenOf(bridge);
  /** The admin page's calls, as the signed-in admin. */
  const admin = async (on: BridgeProcess, method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${on.url}${ADMIN_API_PATH}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    return { status: answer.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  const status = async (on: BridgeProcess) => AdminStatus.parse((await admin(on, 'GET', '/status')).body);
  return { bridge, start, data, admin, status };
}

describe('a room added on the admin page, on a CalDAV server (a real Radicale)', () => {
  it('is refused with the server\'s reason while its password is wrong, then added, synced and written with the password the bridge keeps sealed, across a restart', { timeout: 90_000 }, async () => {
    const collection = await radicale.createCalendar('room', 'lighthouse');
    const app = (method: string, name: string, body?: string) =>
      fetch(`${collection}${name}`, { method, headers: { authorization: basic('room', PASSWORD), 'content-type': 'text/calendar' }, ...(body ? { body } : {}) });
    expect((await app('PUT', 'standup.ics', ics(meetingNow('standup', 'Lighthouse stand-up')))).status).toBe(201);
    const { bridge, start, data, admin, status } = await startBridge();
    const timeZone = zoneAtMidday(Date.now());
    const request = (password: string) => ({ name: 'Lighthouse', timeZone, capacity: 6, calendar: { type: 'caldav', url: collection, username: 'room', password } });

    const wrong = await admin(bridge, 'POST', '/rooms', request('not-the-password'));
    expect(wrong).toMatchObject({ status: 422, body: { code: 'calendar-check-failed', message: expect.stringContaining('did not accept the user name or password (HTTP 401)') } });
    const invalid = await admin(bridge, 'POST', '/rooms', { name: '', calendar: { type: 'caldav', url: 'ftp://dav.example.com/', username: 'room', passwordFile: '/etc/passwd' } });
    expect(invalid.status).toBe(400);
    expect(String(invalid.body?.message)).toMatch(/name/);
    expect(String(invalid.body?.message)).toMatch(/url/);
    expect((await status(bridge)).rooms.map((room) => room.name)).toEqual(['Harbour']);

    const added = await admin(bridge, 'POST', '/rooms', request(PASSWORD));
    expect(added).toMatchObject({ status: 201, body: { id: 'lighthouse', name: 'Lighthouse', timeZone, capacity: 6, access: 'paired', calendar: { type: 'caldav', describe: expect.stringContaining('as room') } } });
    expect(await admin(bridge, 'POST', '/rooms', request(PASSWORD))).toMatchObject({ status: 400, body: { message: expect.stringContaining('already on this calendar') } });
    const after = await status(bridge);
    expect(after.audit[0]?.event).toMatchObject({ action: 'add-room', room: 'Lighthouse' });
    expect(JSON.stringify(after)).not.toContain(PASSWORD);
    // Sealed in the store: no file of the data dir holds the password as it was typed.
    for (const file of readdirSync(data.dir)) expect(readFileSync(join(data.dir, file)).includes(PASSWORD), file).toBe(false);

    expect((await admin(bridge, 'PUT', '/rooms/lighthouse/access', { access: 'open' })).status).toBe(200);
    await until(async () => ((await roomStateOf(bridge, 'lighthouse')).events.some((event) => event.subject === 'Lighthouse stand-up') ? true : undefined), 10_000, 'the meeting on the display');
    // Written with the saved password: the walk-up booking is in the server's calendar, once.
    expect((await actOn(bridge, 'lighthouse', { type: 'book', start: laterSlot(), minutes: 30 })).status).toBe(200);
    const walkUps = async () => {
      const listing = await fetch(collection, { method: 'PROPFIND', headers: { authorization: basic('room', PASSWORD), depth: '1' } });
      return [...(await listing.text()).matchAll(/<href>[^<]*\/([^/<]+\.ics)<\/href>/g)].filter((match) => match[1] !== 'standup.ics' && match[1] !== 'review.ics');
    };
    await until(async () => ((await walkUps()).length === 1 ? true : undefined), 15_000, 'the booking written to Radicale');

    await bridge.stop('SIGKILL');
    const again = await start();
    expect((await app('PUT', 'review.ics', ics(vevent('UID:review', `DTSTART:${icsTime(Date.now() + 60 * MINUTE_MS)}`, `DTEND:${icsTime(Date.now() + 90 * MINUTE_MS)}`, 'SUMMARY:Harbour review')))).status).toBe(201);
    await until(async () => ((await roomStateOf(again, 'lighthouse')).events.some((event) => event.subject === 'Harbour review') ? true : undefined), (SYNC_SECONDS + 5) * 1000, 'a new meeting read after the restart');
    expect(await walkUps()).toHaveLength(1);
  });
});

describe("a CalDAV room's calendar, changed on the admin page", () => {
  it('after the server changed its password: the admin is told, a wrong new one is refused and the old kept, the right one brings the room back', { timeout: 60_000 }, async () => {
    const collection = await radicale.createCalendar('annex', 'annex');
    const { bridge, admin, status } = await startBridge();
    const added = await admin(bridge, 'POST', '/rooms', { name: 'Annex', timeZone: zoneAtMidday(Date.now()), calendar: { type: 'caldav', url: collection, username: 'annex', password: 'annex-old-password' } });
    expect(added).toMatchObject({ status: 201, body: { calendar: { type: 'caldav', changedHere: true } } });
    expect((await admin(bridge, 'PUT', '/rooms/annex/access', { access: 'open' })).status).toBe(200);
    expect(await admin(bridge, 'PUT', '/rooms/demo/calendar', { type: 'caldav', password: 'whatever' })).toMatchObject({ status: 409, body: { code: 'not-allowed', message: expect.stringContaining('not on a CalDAV server') } });
    expect(await admin(bridge, 'PUT', '/rooms/annex/calendar', { type: 'ics', url: 'https://calendar.example.com/annex.ics' })).toMatchObject({ status: 400, body: { code: 'invalid-input' } });

    await radicale.setPassword('annex', 'annex-new-password');
    await statusWithWarning(bridge, 'calendar-login-failed', (SYNC_SECONDS + 5) * 1000);
    expect(await admin(bridge, 'PUT', '/rooms/annex/calendar', { type: 'caldav', password: 'still-wrong' })).toMatchObject({ status: 422, body: { code: 'calendar-check-failed' } });
    expect(await admin(bridge, 'PUT', '/rooms/annex/calendar', { type: 'caldav', password: 'annex-new-password' })).toMatchObject({ status: 200, body: { id: 'annex', calendar: { changedHere: true } } });
    expect((await status(bridge)).audit[0]?.event).toEqual({ action: 'room-calendar', room: 'Annex', calendar: `${collection} as annex`, password: true });

    const put = await fetch(`${collection}review.ics`, { method: 'PUT', headers: { authorization: basic('annex', 'annex-new-password'), 'content-type': 'text/calendar' }, body: ics(meetingNow('review', 'Annex review')) });
    expect(put.status).toBe(201);
    await until(async () => ((await roomStateOf(bridge, 'annex')).events.some((event) => event.subject === 'Annex review') ? true : undefined), (SYNC_SECONDS + 5) * 1000, 'the room synced with its new password');
    await until(async () => ((await status(bridge)).warnings.some((warning) => warning.code === 'calendar-login-failed') ? undefined : true), (SYNC_SECONDS + 5) * 1000, 'the warning gone');
  });

  it('moves to another address only once no walk-up change waits for the old one: none is lost or written twice', { timeout: 60_000 }, async () => {
    await radicale.setPassword('annex', 'annex-old-password');
    const old = await radicale.createCalendar('annex', 'annex-old');
    const moved = await radicale.createCalendar('annex', 'annex-moved');
    const app = (url: string, method: string, body?: string) => fetch(url, { method, headers: { authorization: basic('annex', 'annex-old-password'), 'content-type': 'text/calendar', depth: '1' }, ...(body ? { body } : {}) });
    expect((await app(`${moved}planning.ics`, 'PUT', ics(meetingNow('planning', 'Planning in the new calendar')))).status).toBe(201);
    const { bridge, admin } = await startBridge();
    expect((await admin(bridge, 'POST', '/rooms', { name: 'Annex', timeZone: zoneAtMidday(Date.now()), calendar: { type: 'caldav', url: old, username: 'annex', password: 'annex-old-password' } })).status).toBe(201);
    expect((await admin(bridge, 'PUT', '/rooms/annex/access', { access: 'open' })).status).toBe(200);

    await radicale.kill();
    expect((await actOn(bridge, 'annex', { type: 'book', start: laterSlot(), minutes: 30 })).status).toBe(200);
    expect(await admin(bridge, 'PUT', '/rooms/annex/calendar', { type: 'caldav', url: moved })).toMatchObject({ status: 409, body: { code: 'not-allowed', message: expect.stringContaining('wait to be written') } });
    await radicale.start();
    const resources = async (url: string) => [...(await (await app(url, 'PROPFIND')).text()).matchAll(/<href>[^<]*\/([^/<]+\.ics)<\/href>/g)].map((match) => match[1]);
    await until(async () => ((await resources(old)).length === 1 ? true : undefined), 30_000, 'the waiting booking written to the old calendar');
    await until(async () => ((await admin(bridge, 'PUT', '/rooms/annex/calendar', { type: 'caldav', url: moved })).status === 200 ? true : undefined), 15_000, 'the room moved once nothing waits');
    await until(async () => ((await roomStateOf(bridge, 'annex')).events.some((event) => event.subject === 'Planning in the new calendar') ? true : undefined), (SYNC_SECONDS + 5) * 1000, 'the new calendar on the display');
    expect(await resources(old)).toHaveLength(1);
  });
});

describe('a room added on the admin page, on an ICS feed', () => {
  it('refuses an address that answers a sign-in page, adds the feed, shows its meetings and takes no walk-up', { timeout: 60_000 }, async () => {
    const feed = ics(meetingNow('planning', 'Quarterly planning'));
    const server: Server = createServer((req, res) => {
      if (req.url === '/rooms/atrium.ics') res.writeHead(200, { 'content-type': 'text/calendar' }).end(feed);
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Sign in</title><form>Password</form>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const site = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const { bridge, admin } = await startBridge();
    const request = (url: string) => ({ name: 'Atrium', timeZone: zoneAtMidday(Date.now()), calendar: { type: 'ics', url } });

    expect(await admin(bridge, 'POST', '/rooms', request(`${site}/login`))).toMatchObject({ status: 422, body: { code: 'calendar-check-failed' } });
    expect(await admin(bridge, 'POST', '/rooms', request(`${site}/rooms/atrium.ics`))).toMatchObject({ status: 201, body: { id: 'atrium', calendar: { type: 'ics' } } });
    expect((await admin(bridge, 'PUT', '/rooms/atrium/access', { access: 'open' })).status).toBe(200);
    const state = await until(async () => {
      const shown = await roomStateOf(bridge, 'atrium');
      return shown.events.length > 0 ? shown : undefined;
    }, 10_000, 'the feed\'s meeting on the display');
    expect(state.events.map((event) => event.subject)).toEqual(['Quarterly planning']);
    expect(await actOn(bridge, 'atrium', { type: 'book-now', minutes: 15 })).toMatchObject({ status: 403, body: { code: 'read-only-calendar' } });
  });

  it("takes walk-ups kept in the bridge once its card says so, and leaves a rooms file's feed to the file", { timeout: 60_000 }, async () => {
    const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/calendar' }).end(ics(meetingNow('planning', 'Quarterly planning'))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const site = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const data = tempDataDir();
    const timeZone = zoneAtMidday(Date.now());
    writeFileSync(join(data.dir, 'rooms.json'), JSON.stringify({ rooms: [{ id: 'lobby', name: 'Lobby', timeZone, calendar: { type: 'ics', url: `${site}/lobby.ics` } }] }));
    const { bridge, admin, status } = await startBridge({ LINTEL_CONFIG: join(data.dir, 'rooms.json') }, data);
    expect((await admin(bridge, 'POST', '/rooms', { name: 'Atrium', timeZone, calendar: { type: 'ics', url: `${site}/atrium.ics` } })).status).toBe(201);
    expect((await admin(bridge, 'PUT', '/rooms/atrium/access', { access: 'open' })).status).toBe(200);
    expect(Object.fromEntries((await status(bridge)).rooms.map((room) => [room.id, room.calendar?.changedHere]))).toEqual({ lobby: false, atrium: true });

    expect(await actOn(bridge, 'atrium', { type: 'book', start: laterSlot(), minutes: 30 })).toMatchObject({ status: 403, body: { code: 'read-only-calendar' } });
    expect(await admin(bridge, 'PUT', '/rooms/lobby/calendar', { type: 'ics', walkUps: 'local' })).toMatchObject({ status: 409, body: { code: 'not-allowed', message: expect.stringContaining('rooms file') } });
    expect(await admin(bridge, 'PUT', '/rooms/atrium/calendar', { type: 'ics', walkUps: 'local' })).toMatchObject({ status: 200, body: { id: 'atrium' } });
    await until(async () => ((await roomStateOf(bridge, 'atrium')).events.length > 0 ? true : undefined), 10_000, "the feed's meeting on the display");
    expect((await actOn(bridge, 'atrium', { type: 'book', start: laterSlot(), minutes: 30 })).status).toBe(200);
  });
});

describe('Google Workspace connected on the admin page (Google\'s emulator)', () => {
  it('refuses a deleted key and keeps nothing; connects a good one, and its room syncs; disconnected, a walk-up waits and lands once when it is connected again', { timeout: 90_000 }, async () => {
    const workspace = new EmulatedWorkspace({ domain: 'example.com', timeZone: 'Europe/Amsterdam' });
    const emulator = await startGoogleEmulator(workspace);
    cleanup.push(() => emulator.close());
    const resource = workspace.addResource({ resourceName: 'Harbour', capacity: 8 });
    const { keyFile } = workspace.addServiceAccount({ name: 'lintel-bridge' });
    workspace.share(resource.resourceEmail, keyFile.client_email, 'writer');
    const deleted = workspace.addServiceAccountKey(keyFile.client_email);
    workspace.deleteServiceAccountKey(keyFile.client_email, deleted.private_key_id);
    workspace.addEvent(resource.resourceEmail, { summary: 'Harbour planning', start: { dateTime: iso(Date.now() - 5 * MINUTE_MS) }, end: { dateTime: iso(Date.now() + 25 * MINUTE_MS) } });
    const data = tempDataDir();
    writeFileSync(join(data.dir, 'ca.pem'), emulator.ca);
    writeFileSync(
      join(data.dir, 'rooms.json'),
      JSON.stringify({ rooms: [{ id: 'harbour', name: 'Harbour', access: 'open', timeZone: zoneAtMidday(Date.now()), calendar: { type: 'google', calendarId: resource.resourceEmail } }] }),
    );
    const env = { LINTEL_CONFIG: join(data.dir, 'rooms.json'), LINTEL_GOOGLE_API_URL: emulator.url, LINTEL_GOOGLE_TOKEN_URL: emulator.tokenUrl, LINTEL_GOOGLE_CA_FILE: join(data.dir, 'ca.pem') };
    const { bridge, admin, status } = await startBridge(env, data);
    const events = () => workspace.store.copies(resource.resourceEmail).filter((copy) => copyStatus(copy) !== 'cancelled');

    // Not connected: the room says so, and how to put it right.
    expect((await status(bridge)).google).toBeNull();
    await statusWithWarning(bridge, 'calendar-not-configured', (SYNC_SECONDS + 5) * 1000);
    expect(await admin(bridge, 'PUT', '/google', { key: 'not json', subject: null })).toMatchObject({ status: 400, body: { code: 'invalid-input' } });
    const refused = await admin(bridge, 'PUT', '/google', { key: JSON.stringify(deleted), subject: null });
    expect(refused).toMatchObject({ status: 422, body: { code: 'calendar-check-failed', message: expect.stringContaining("refused the service account's key") } });
    expect(JSON.stringify(refused.body)).not.toContain('PRIVATE KEY');
    expect((await status(bridge)).google).toBeNull();

    expect(await admin(bridge, 'PUT', '/google', { key: JSON.stringify(keyFile), subject: null })).toMatchObject({
      status: 200,
      body: { serviceAccount: keyFile.client_email, subject: null, configuredIn: 'admin-page' },
    });
    await until(async () => ((await roomStateOf(bridge, 'harbour')).events.some((event) => event.subject === 'Harbour planning') ? true : undefined), (SYNC_SECONDS + 5) * 1000, 'the Google meeting on the display');
    expect((await status(bridge)).audit[0]?.event).toEqual({ action: 'connect-google', serviceAccount: keyFile.client_email, subject: null });

    expect((await admin(bridge, 'DELETE', '/google')).status).toBe(204);
    expect((await status(bridge)).google).toBeNull();
    expect(await admin(bridge, 'DELETE', '/google')).toMatchObject({ status: 409, body: { code: 'not-connected' } });
    expect((await actOn(bridge, 'harbour', { type: 'book', start: laterSlot(), minutes: 30 })).status).toBe(200);
    await statusWithWarning(bridge, 'calendar-not-configured', (SYNC_SECONDS + 5) * 1000);
    expect(events()).toHaveLength(1);

    expect((await admin(bridge, 'PUT', '/google', { key: JSON.stringify(keyFile), subject: null })).status).toBe(200);
    await until(() => (events().length === 2 ? true : undefined), 20_000, 'the waiting booking in Google Calendar');
    await new Promise((resolve) => setTimeout(resolve, 2 * SYNC_SECONDS * 1000));
    expect(events()).toHaveLength(2);
  });

  it('is left to the environment when LINTEL_GOOGLE_CREDENTIALS_FILE sets it', { timeout: 30_000 }, async () => {
    const workspace = new EmulatedWorkspace({ domain: 'example.com', timeZone: 'Europe/Amsterdam' });
    const { keyFile } = workspace.addServiceAccount({ name: 'lintel-bridge' });
    const data = tempDataDir();
    writeFileSync(join(data.dir, 'key.json'), JSON.stringify(keyFile));
    const { bridge, admin, status } = await startBridge({ LINTEL_GOOGLE_CREDENTIALS_FILE: join(data.dir, 'key.json') }, data);
    expect((await status(bridge)).google).toEqual({ serviceAccount: keyFile.client_email, subject: null, configuredIn: 'environment', connectedAt: null });
    expect(await admin(bridge, 'PUT', '/google', { key: JSON.stringify(keyFile), subject: null })).toMatchObject({ status: 409, body: { code: 'not-allowed', message: expect.stringContaining('LINTEL_GOOGLE_CREDENTIALS_FILE') } });
    expect(await admin(bridge, 'DELETE', '/google')).toMatchObject({ status: 409, body: { code: 'not-allowed' } });
  });
});
