import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../shared/clock.ts';
import { GoogleRooms } from '../../shared/admin-api.ts';
import type { RoomState } from '../../shared/model.ts';
import { copyStatus } from '../google-emulator/calendar-store.ts';
import { startGoogleEmulator, type GoogleEmulator } from '../google-emulator/google-emulator.ts';
import { EmulatedWorkspace } from '../google-emulator/workspace.ts';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { getJson } from '../support/http.ts';
import { adminRequest, documented, pairingDisplay } from '../support/admin-client.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { until } from '../support/until.ts';
import { actOn, adminTokenOf, roomStateOf, statusWithWarning } from '../support/room-over-http.ts';

const SYNC_SECONDS = 5;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/**
 * A Google Workspace on its emulator (its own clock is the real one, as the
 * bridge process's is) with one room, Harbour, shared with the bridge's
 * service account; the bridge reads the account's key from its file.
 */
async function googleRoom(options: { subject?: string; bookers?: string[] } = {}) {
  const workspace = new EmulatedWorkspace({ domain: 'example.com', timeZone: 'Europe/Amsterdam' });
  const emulator: GoogleEmulator = await startGoogleEmulator(workspace);
  cleanup.push(() => emulator.close());
  const resource = workspace.addResource({ resourceName: 'Harbour', capacity: 8, ...(options.bookers ? { bookers: options.bookers } : {}) });
  const { account, keyFile } = workspace.addServiceAccount({ name: 'lintel-bridge' });
  if (options.subject) {
    workspace.addUser({ email: options.subject, isAdmin: true });
    workspace.delegateDomainWide(keyFile.client_email, ['https://www.googleapis.com/auth/calendar']);
    workspace.share(resource.resourceEmail, options.subject, 'writer');
  } else workspace.share(resource.resourceEmail, keyFile.client_email, 'writer');
  const data = tempDataDir();
  cleanup.push(() => data.remove());
  const keyPath = join(data.dir, 'google-key.json');
  writeFileSync(keyPath, JSON.stringify(keyFile));
  const caPath = join(data.dir, 'emulator-ca.pem');
  writeFileSync(caPath, emulator.ca);
  const roomsFile = join(data.dir, 'rooms.json');
  writeFileSync(
    roomsFile,
    JSON.stringify({ rooms: [{ id: 'harbour', name: 'Harbour', access: 'open', timeZone: zoneAtMidday(Date.now()), calendar: { type: 'google', calendarId: resource.resourceEmail } }] }),
  );
  const env = {
    LINTEL_CONFIG: roomsFile,
    LINTEL_CALENDAR_SYNC_SECONDS: String(SYNC_SECONDS),
    LINTEL_GOOGLE_CREDENTIALS_FILE: keyPath,
    LINTEL_GOOGLE_API_URL: emulator.url,
    LINTEL_GOOGLE_TOKEN_URL: emulator.tokenUrl,
    LINTEL_GOOGLE_CA_FILE: caPath,
    ...(options.subject ? { LINTEL_GOOGLE_SUBJECT: options.subject } : {}),
  };
  const start = async (): Promise<BridgeProcess> => {
    const bridge = await startBridgeProcess({ dataDir: data.dir, env });
    cleanup.push(() => bridge.stop('SIGKILL'));
    return bridge;
  };
  /** The room's calendar as Google holds it: every event not cancelled. */
  const events = () => workspace.store.copies(resource.resourceEmail).filter((copy) => copyStatus(copy) !== 'cancelled');
  return { workspace, resource, account, keyFile, start, events };
}

const stateOf = (bridge: BridgeProcess) => roomStateOf(bridge, 'harbour');
const act = (bridge: BridgeProcess, action: Record<string, unknown>) => actOn(bridge, 'harbour', action);

describe('a room whose calendar is a Google Workspace resource (Google\'s emulator)', () => {
  it('shows a meeting booked in Google Calendar, private ones as private, and writes a booking at the room once', { timeout: 60_000 }, async () => {
    const room = await googleRoom();
    const bridge = await room.start();
    const now = Date.now();
    room.workspace.addEvent(room.resource.resourceEmail, { summary: 'Budget review', start: { dateTime: new Date(now + 60 * MINUTE_MS).toISOString() }, end: { dateTime: new Date(now + 90 * MINUTE_MS).toISOString() } });
    room.workspace.addEvent(room.resource.resourceEmail, { summary: 'Offer talks', visibility: 'private', start: { dateTime: new Date(now + 120 * MINUTE_MS).toISOString() }, end: { dateTime: new Date(now + 150 * MINUTE_MS).toISOString() } });
    const shown = await until(async () => {
      const state = await stateOf(bridge);
      return state.events.length === 2 ? state : undefined;
    }, (SYNC_SECONDS + 2) * 1000, 'the meetings on the display');
    expect(shown.events.map((each) => (each.isPrivate ? 'private' : each.subject))).toEqual(['Budget review', 'private']);

    expect((await act(bridge, { type: 'book-now', minutes: 15 })).status).toBe(200);
    await until(() => (room.events().length === 3 ? true : undefined), 10_000, 'the booking in Google Calendar');
    await new Promise((resolve) => setTimeout(resolve, 2 * SYNC_SECONDS * 1000));
    expect(room.events()).toHaveLength(3);
    expect((await stateOf(bridge)).events.map((each) => each.origin)).toEqual(['walk-up', 'calendar', 'calendar']);
  });

  it('a booking whose answer was lost, then SIGKILL and restart: it is in Google Calendar exactly once', { timeout: 60_000 }, async () => {
    const room = await googleRoom();
    const first = await room.start();
    room.workspace.injectFault({ shape: 'answer-lost', method: 'POST', path: '/calendar/v3/calendars/' });
    expect((await act(first, { type: 'book-now', minutes: 30 })).status).toBe(200);
    await until(() => (room.events().length === 1 ? true : undefined), 10_000, 'the booking made in Google Calendar');
    await first.stop('SIGKILL');

    const second = await room.start();
    await until(() => (room.workspace.requests({ method: 'POST', path: '/calendar/v3/calendars/' }).length >= 2 ? true : undefined), 15_000, 'the booking sent again');
    await new Promise((resolve) => setTimeout(resolve, SYNC_SECONDS * 1000 + 1000));
    expect(room.events()).toHaveLength(1);
    expect((await stateOf(second)).events.map((each) => each.origin)).toEqual(['walk-up']);
  });

  it('books as a user with the room invited; a booking the room declines leaves the display with a notice, and its event is cancelled', { timeout: 60_000 }, async () => {
    // The room takes bookings from the board only: Google declines the bridge's invitation.
    const room = await googleRoom({ subject: 'facilities@example.com', bookers: ['board@example.com'] });
    const bridge = await room.start();
    const madeCopies = () => room.workspace.store.copies('facilities@example.com');
    const organizerCopies = () => madeCopies().filter((copy) => copyStatus(copy) !== 'cancelled');
    expect((await act(bridge, { type: 'book-now', minutes: 30 })).status).toBe(200);
    // Made, whether or not the room's refusal has cancelled it already: under load the two can fall between two looks.
    await until(() => (madeCopies().length === 1 ? true : undefined), 30_000, 'the booking made on the user\'s calendar');
    const state = await until(async () => {
      const shown = await stateOf(bridge);
      return shown.notices.length > 0 ? shown : undefined;
    }, (SYNC_SECONDS * 2 + 3) * 1000, 'the notice on the display');
    expect(state.notices).toMatchObject([{ code: 'booking-declined' }]);
    expect(state.events).toEqual([]);
    await until(() => (organizerCopies().length === 0 ? true : undefined), 10_000, 'the declined booking cancelled');
    expect(madeCopies()).toHaveLength(1);
  });

  it('keeps bookings made while Google is down, and writes each once when it is back', { timeout: 60_000 }, async () => {
    const room = await googleRoom();
    const bridge = await room.start();
    room.workspace.injectFault({ shape: 'unavailable-503', times: 10_000 });
    const now = Date.now();
    expect((await act(bridge, { type: 'book-now', minutes: 15 })).status).toBe(200);
    const later = new Date(Math.ceil((now + 2 * 60 * MINUTE_MS) / (15 * MINUTE_MS)) * 15 * MINUTE_MS).toISOString();
    expect((await act(bridge, { type: 'book', start: later, minutes: 30 })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, SYNC_SECONDS * 1000 + 1000));
    expect(room.events()).toHaveLength(0);
    expect((await stateOf(bridge)).events).toHaveLength(2);
    room.workspace.faults.length = 0;
    await until(() => (room.events().length === 2 ? true : undefined), 30_000, 'both bookings in Google Calendar');
    await new Promise((resolve) => setTimeout(resolve, SYNC_SECONDS * 1000 + 1000));
    expect(room.events()).toHaveLength(2);
    expect((await stateOf(bridge)).events.map((each) => each.origin)).toEqual(['walk-up', 'walk-up']);
  });

  it('lets a booking deleted in Google Calendar go from the display, even with an extension of it waiting', { timeout: 60_000 }, async () => {
    const room = await googleRoom();
    const bridge = await room.start();
    expect((await act(bridge, { type: 'book-now', minutes: 30 })).status).toBe(200);
    await until(() => (room.events().length === 1 ? true : undefined), 10_000, 'the booking in Google Calendar');
    room.workspace.injectFault({ shape: 'unavailable-503', times: 10_000 });
    expect((await act(bridge, { type: 'extend', minutes: 15 })).status).toBe(200);
    room.workspace.removeEvent(room.resource.resourceEmail, String(room.events()[0]!.event.id));
    room.workspace.faults.length = 0;
    await until(async () => ((await stateOf(bridge)).events.length === 0 ? true : undefined), 30_000, 'the booking gone from the display');
    expect(room.events()).toEqual([]);
  });

  it('lists the Workspace\'s rooms with their building, floor and capacity, and links a display to one: the bridge makes the room and shows its calendar', { timeout: 60_000 }, async () => {
    const room = await googleRoom({ subject: 'facilities@example.com' });
    room.workspace.delegateDomainWide(room.keyFile.client_email, ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly']);
    room.workspace.addBuilding({ buildingId: 'ams-hq', buildingName: 'Harbour House', floorNames: ['0', '2'] });
    const aurora = room.workspace.addResource({ resourceName: 'Aurora', buildingId: 'ams-hq', floorName: '2', capacity: 8, resourceCategory: 'CONFERENCE_ROOM' });
    room.workspace.share(aurora.resourceEmail, 'facilities@example.com', 'writer');
    const now = Date.now();
    room.workspace.addEvent(aurora.resourceEmail, { summary: 'Design review', start: { dateTime: new Date(now + 60 * MINUTE_MS).toISOString() }, end: { dateTime: new Date(now + 90 * MINUTE_MS).toISOString() } });
    const bridge = await room.start();
    const token = adminTokenOf(bridge);
    const listed = await adminRequest(bridge.url, 'GET', '/google/rooms', { token });
    expect(listed.status).toBe(200);
    const rooms = documented(GoogleRooms, listed.body).rooms;
    expect(rooms.find((each) => each.name === 'Aurora')).toEqual({ calendarId: aurora.resourceEmail, name: 'Aurora', capacity: 8, location: { building: 'Harbour House', floor: 2 } });

    const display = await pairingDisplay(bridge.url);
    cleanup.push(() => void display.socket.disconnect());
    const { code } = await display.code();
    const assigned = display.nextAssignment();
    const linked = await adminRequest(bridge.url, 'POST', '/links', { token, body: { code, room: { google: rooms.find((each) => each.name === 'Aurora') } } });
    expect(linked.status).toBe(200);
    expect(await assigned).toBe('aurora');
    const state = await until(async () => {
      const answer = await getJson(`${bridge.url}/api/rooms/aurora/state`, { authorization: `Bearer ${display.credential()}` });
      return (answer.body as RoomState).events?.length === 1 ? (answer.body as RoomState) : undefined;
    }, 10_000, 'the room\'s meeting on its display');
    expect(state.events[0]).toMatchObject({ subject: 'Design review' });
    expect(state.room).toMatchObject({ name: 'Aurora', capacity: 8, location: { building: 'Harbour House', floor: 2 } });
  });

  it('says what discovering Google rooms needs when the bridge acts as the service account itself', { timeout: 60_000 }, async () => {
    const room = await googleRoom();
    const bridge = await room.start();
    const token = adminTokenOf(bridge);
    const listed = await adminRequest(bridge.url, 'GET', '/google/rooms', { token });
    expect(listed).toMatchObject({ status: 409, body: { code: 'not-connected', message: expect.stringContaining('LINTEL_GOOGLE_SUBJECT') } });
  });

  it('waits out Google\'s quota errors as they ask, and the booking lands once', { timeout: 60_000 }, async () => {
    const room = await googleRoom();
    const bridge = await room.start();
    room.workspace.injectFault({ shape: 'rateLimitExceeded-429', method: 'POST', path: '/calendar/v3/calendars/', retryAfterSeconds: 2 });
    room.workspace.injectFault({ shape: 'userRateLimitExceeded-403', method: 'POST', path: '/calendar/v3/calendars/' });
    expect((await act(bridge, { type: 'book-now', minutes: 30 })).status).toBe(200);
    await until(() => (room.events().length === 1 ? true : undefined), 40_000, 'the booking in Google Calendar');
    const posts = room.workspace.requests({ method: 'POST', path: '/calendar/v3/calendars/' });
    expect(posts.map((each) => each.status)).toEqual([429, 403, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(2000);
  });

  it('tells the admin when Google refuses the service account\'s key, and keeps the room\'s meetings', { timeout: 60_000 }, async () => {
    const room = await googleRoom();
    const bridge = await room.start();
    const now = Date.now();
    room.workspace.addEvent(room.resource.resourceEmail, { summary: 'Budget review', start: { dateTime: new Date(now + 60 * MINUTE_MS).toISOString() }, end: { dateTime: new Date(now + 90 * MINUTE_MS).toISOString() } });
    await until(async () => ((await stateOf(bridge)).events.length === 1 ? true : undefined), (SYNC_SECONDS + 2) * 1000, 'the meeting on the display');
    room.workspace.deleteServiceAccountKey(room.keyFile.client_email, room.keyFile.private_key_id);
    // Until its access token expires the bridge keeps it; a new one is refused: make the emulator forget the tokens it gave.
    room.workspace.accessTokens.clear();
    const status = await statusWithWarning(bridge, 'google-credential-invalid', (SYNC_SECONDS * 2 + 3) * 1000);
    expect(status.warnings.find((warning) => warning.code === 'google-credential-invalid')).toMatchObject({ roomId: 'harbour' });
    expect(JSON.stringify(status)).not.toContain('PRIVATE KEY');
    expect((await stateOf(bridge)).events.map((each) => each.subject)).toEqual(['Budget review']);
  });
});
