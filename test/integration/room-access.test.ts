import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomSummaryStatus } from '../../shared/building.ts';
import type { LintelError } from '../../shared/errors.ts';
import type { RoomState } from '../../shared/model.ts';
import type { RoomLink } from '../../shared/socket-events.ts';
import { adminRequest, pairingDisplay, type PairingDisplay } from '../support/admin-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson } from '../support/http.ts';
import { startTestBridge, TEST_ADMIN_TOKEN, type TestBridge } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';
import { until } from '../support/until.ts';
import { connectedClient, nextState, type TestSocket } from '../support/socket-client.ts';

/**
 * Who may read a room and act on it, tried from the outside: two paired
 * displays, an anonymous client on the LAN, and a phone with a room link.
 * Two `paired` rooms and one `open`, seen at 10:00 (a fake clock), each with
 * a meeting whose subject and organizer are phrases found nowhere else.
 */
const SECRETS = ['Merger with Northwind', 'Petra Partner', 'Layoff planning', 'Lars Loft'];
const ROOMS = [
  { id: 'harbour', name: 'Harbour', access: 'paired' as const },
  { id: 'loft', name: 'Loft', access: 'paired' as const, settings: { pin: '4711' } },
  { id: 'lobby', name: 'Lobby', access: 'open' as const },
];
const MEETINGS = [
  timed('2026-11-23T09:30:00+01:00', '2026-11-23T10:45:00+01:00', { id: 'merger', roomId: 'harbour', subject: 'Merger with Northwind', organizer: 'Petra Partner' }),
  timed('2026-11-23T11:00:00+01:00', '2026-11-23T12:00:00+01:00', { id: 'layoffs', roomId: 'loft', subject: 'Layoff planning', organizer: 'Lars Loft' }),
];

let clock: FakeClock;
let bridge: TestBridge;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  clock = new FakeClock('2026-11-23T10:00:00+01:00');
  bridge = await startTestBridge({ clock, rooms: ROOMS, meetings: MEETINGS });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await bridge.close();
});

const leaked = (answer: unknown) => SECRETS.filter((secret) => JSON.stringify(answer).includes(secret));
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const action = (type: 'book-now' | 'end-now', extra: Record<string, unknown> = {}) => ({ id: crypto.randomUUID(), type, ...extra });

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${bridge.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function client(): Promise<TestSocket> {
  const socket = await connectedClient(bridge.url);
  sockets.push(socket);
  return socket;
}

/** A display linked by an admin with the code it shows, watching its room. */
async function pairedDisplay(roomId: string): Promise<PairingDisplay> {
  const display = await pairingDisplay(bridge.url);
  sockets.push(display.socket);
  const { code } = await display.code();
  const linked = await adminRequest(bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code, room: { roomId } } });
  expect(linked.status).toBe(200);
  expect(await display.watch()).toMatchObject({ ok: true, data: { room: { id: roomId } } });
  return display;
}

async function roomLink(display: PairingDisplay, roomId: string): Promise<RoomLink> {
  const answer = await display.socket.emitWithAck('room:link', { roomId });
  if (!answer.ok) throw new Error(answer.message);
  return answer.data;
}

const linkToken = (link: RoomLink) => new URL(link.url).searchParams.get('link')!;

describe('a client with no credential and no room link', () => {
  it("reads a paired room's status from the building board, no meeting detail anywhere, and changes nothing", async () => {
    expect(await getJson(`${bridge.url}/api/rooms/harbour/state`)).toMatchObject({ status: 403, body: { code: 'room-not-open' } });
    expect(await post('/api/rooms/harbour/actions', action('end-now'))).toMatchObject({ status: 403, body: { code: 'room-not-open' } });
    expect(await getJson(`${bridge.url}/api/rooms/harbour/state`, bearer('made-up-credential'))).toMatchObject({ status: 401, body: { code: 'unauthorized' } });

    const socket = await client();
    const answers = [
      await socket.emitWithAck('room:watch', { roomId: 'harbour' }),
      await socket.emitWithAck('room:action', { roomId: 'harbour', action: action('end-now') }),
      await socket.emitWithAck('room:link', { roomId: 'harbour' }),
    ];
    expect(answers).toMatchObject([{ code: 'room-not-open' }, { code: 'room-not-open' }, { code: 'forbidden' }]);
    // A display (it sends its id) is asked to pair instead, even with a room in its URL.
    expect(await socket.emitWithAck('room:watch', { roomId: 'harbour', displayId: crypto.randomUUID() })).toMatchObject({ ok: false, code: 'display-unpaired' });

    const { body: building } = await getJson(`${bridge.url}/api/building`);
    expect((building as RoomSummaryStatus[]).find((room) => room.id === 'harbour')).toMatchObject({ status: 'busy', busyUntil: '2026-11-23T09:45:00.000Z' });
    const nearby = await socket.emitWithAck('rooms:free-nearby', { roomId: 'harbour' });
    expect([answers, building, nearby].flatMap(leaked)).toEqual([]);

    // The meeting it tried to end goes on.
    const admin = await getJson(`${bridge.url}/api/rooms/harbour/state`, bearer(TEST_ADMIN_TOKEN));
    expect(admin.body).toMatchObject({ status: 'busy', current: { id: 'merger', subject: 'Merger with Northwind' } });
  });

  it('reads and books an open room as before', async () => {
    expect(await getJson(`${bridge.url}/api/rooms/lobby/state`)).toMatchObject({ status: 200, body: { room: { id: 'lobby', access: 'open' }, status: 'available' } });
    const socket = await client();
    expect(await socket.emitWithAck('room:watch', { roomId: 'lobby' })).toMatchObject({ ok: true });
    expect(await socket.emitWithAck('room:action', { roomId: 'lobby', action: action('book-now', { minutes: 15 }) })).toMatchObject({ ok: true, data: { status: 'busy' } });
  });

  it('stops hearing a room an admin makes paired, and is told why', async () => {
    const socket = await client();
    expect(await socket.emitWithAck('room:watch', { roomId: 'lobby' })).toMatchObject({ ok: true });
    const ended = new Promise<LintelError>((resolve) => socket.once('room:access-ended', resolve));
    const changed = await adminRequest(bridge.url, 'PUT', '/rooms/lobby/access', { token: TEST_ADMIN_TOKEN, body: { access: 'paired' } });
    expect(changed).toMatchObject({ status: 200, body: { id: 'lobby', access: 'paired' } });
    expect(await ended).toMatchObject({ code: 'room-not-open' });

    const states: RoomState[] = [];
    socket.on('room:state', (state) => states.push(state));
    const lobbyDisplay = await pairedDisplay('lobby');
    const pushed = nextState(lobbyDisplay.socket);
    expect(await lobbyDisplay.socket.emitWithAck('room:action', { roomId: 'lobby', action: action('book-now', { minutes: 15 }) })).toMatchObject({ ok: true });
    await pushed;
    expect(states).toEqual([]);
    expect(await socket.emitWithAck('room:action', { roomId: 'lobby', action: action('end-now') })).toMatchObject({ code: 'room-not-open' });
  });
});

describe('two paired displays', () => {
  it('each reads and acts on its own room only, whatever room it names', async () => {
    const harbour = await pairedDisplay('harbour');
    const loft = await pairedDisplay('loft');
    expect(await harbour.watch()).toMatchObject({ ok: true, data: { current: { subject: 'Merger with Northwind', organizer: 'Petra Partner' } } });
    // Its URL names the other room: the admin's link decides.
    const watchingOther = await harbour.socket.emitWithAck('room:watch', { roomId: 'loft', displayId: harbour.displayId, credential: harbour.credential() });
    expect(watchingOther).toMatchObject({ ok: true, data: { room: { id: 'harbour' } } });
    expect(await harbour.socket.emitWithAck('room:action', { roomId: 'loft', action: action('book-now', { minutes: 15, pin: '4711' }) })).toMatchObject({ code: 'room-not-open' });
    expect(await harbour.socket.emitWithAck('room:link', { roomId: 'loft' })).toMatchObject({ code: 'forbidden' });

    const harbourCredential = bearer(harbour.credential()!);
    expect(await getJson(`${bridge.url}/api/rooms/harbour/state`, harbourCredential)).toMatchObject({ status: 200, body: { current: { id: 'merger' } } });
    expect(await getJson(`${bridge.url}/api/rooms/loft/state`, harbourCredential)).toMatchObject({ status: 403, body: { code: 'room-not-open' } });
    expect(await post('/api/rooms/loft/actions', action('book-now', { minutes: 15, pin: '4711' }), harbourCredential)).toMatchObject({ status: 403 });
    expect(await getJson(`${bridge.url}/api/rooms/loft/state`, bearer(loft.credential()!))).toMatchObject({ status: 200, body: { next: [{ id: 'layoffs' }] } });
    expect(await post('/api/rooms/loft/actions', action('book-now', { minutes: 15, pin: '4711' }), bearer(loft.credential()!))).toMatchObject({ status: 200, body: { status: 'busy' } });

    // A room's base unit: its own displays and admins, nobody else.
    expect(await getJson(`${bridge.url}/api/rooms/harbour/base-unit`)).toMatchObject({ status: 401 });
    expect(await getJson(`${bridge.url}/api/rooms/harbour/base-unit`, bearer(loft.credential()!))).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await getJson(`${bridge.url}/api/rooms/harbour/base-unit`, harbourCredential)).toMatchObject({ status: 404, body: { code: 'not-found' } });
  });

  it('locks only the display that gave five wrong PINs, though both connect from the same address', async () => {
    const first = await pairedDisplay('loft');
    const second = await pairedDisplay('loft');
    for (let n = 0; n < 5; n++) {
      expect(await first.socket.emitWithAck('room:action', { roomId: 'loft', action: action('book-now', { minutes: 15, pin: '0000' }) })).toMatchObject({ code: 'wrong-pin' });
    }
    expect(await first.socket.emitWithAck('room:action', { roomId: 'loft', action: action('book-now', { minutes: 15, pin: '4711' }) })).toMatchObject({ code: 'too-many-attempts' });
    expect(await second.socket.emitWithAck('room:action', { roomId: 'loft', action: action('book-now', { minutes: 15, pin: '4711' }) })).toMatchObject({ ok: true });
  });

  it('loses everything at once when an admin unlinks or forgets it: told, closed, and its credential refused', async () => {
    const unlinked = await pairedDisplay('harbour');
    const forgotten = await pairedDisplay('loft');
    for (const [display, method, path] of [
      [unlinked, 'DELETE', `/displays/${unlinked.displayId}`],
      [forgotten, 'POST', `/displays/${forgotten.displayId}/forget`],
    ] as const) {
      const told = display.nextAssignment();
      const closed = display.closedByBridge();
      const credential = display.credential()!;
      expect((await adminRequest(bridge.url, method, path, { token: TEST_ADMIN_TOKEN })).status).toBe(200);
      expect(await told).toBeNull();
      await closed;
      expect(await getJson(`${bridge.url}/api/rooms/harbour/state`, bearer(credential))).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
      await display.reconnect();
      expect(await display.watch()).toMatchObject({ ok: false, code: 'display-unpaired' });
    }
    const { body } = await adminRequest(bridge.url, 'GET', '/status', { token: TEST_ADMIN_TOKEN });
    const listed = (body as { displays: { id: string; credentialIssuedAt: string | null }[] }).displays;
    expect(listed.find((display) => display.id === unlinked.displayId)).toMatchObject({ credentialIssuedAt: null });
    expect(listed.find((display) => display.id === forgotten.displayId)?.credentialIssuedAt ?? null).toBeNull();
    expect(await adminRequest(bridge.url, 'POST', `/displays/${crypto.randomUUID()}/forget`, { token: TEST_ADMIN_TOKEN })).toMatchObject({ status: 404 });
  });
});

describe('naming a display on the admin page', () => {
  it('names it as the admin typed, trimmed; no name, one too long or another display\'s gets a clear 4xx and changes nothing', async () => {
    const lobby = await pairedDisplay('harbour');
    const door = await pairedDisplay('loft');
    const rename = (displayId: string, body: unknown) => adminRequest(bridge.url, 'PUT', `/displays/${displayId}/name`, { token: TEST_ADMIN_TOKEN, body });
    expect(await rename(lobby.displayId, { name: '  Lobby left ' })).toMatchObject({ status: 200, body: { id: lobby.displayId, name: 'Lobby left', roomId: 'harbour' } });
    const refusals = [
      [lobby.displayId, { name: '   ' }, 400, 'A display needs a name'],
      [lobby.displayId, { name: 'x'.repeat(61) }, 400, 'at most 60 characters'],
      [lobby.displayId, { name: 'Lobby', extra: true }, 400, 'extra'],
      [lobby.displayId, {}, 400, 'name'],
      [door.displayId, { name: 'LOBBY LEFT' }, 409, 'Another display is called "LOBBY LEFT" already'],
      [crypto.randomUUID(), { name: 'Attic' }, 404, 'no display with that id'],
    ] as const;
    for (const [displayId, body, status, says] of refusals) {
      expect(await rename(displayId, body)).toMatchObject({ status, body: { message: expect.stringContaining(says) } });
    }
    expect(await adminRequest(bridge.url, 'PUT', `/displays/${lobby.displayId}/name`, { body: { name: 'Stolen' } })).toMatchObject({ status: 401 });
    const { body } = await adminRequest(bridge.url, 'GET', '/status', { token: TEST_ADMIN_TOKEN });
    const { displays, audit } = body as { displays: { id: string; name: string | null }[]; audit: { event: { action: string } }[] };
    expect(displays.map((display) => [display.id, display.name]).sort()).toEqual([[lobby.displayId, 'Lobby left'], [door.displayId, null]].sort());
    expect(audit.filter((entry) => entry.event.action === 'rename-display')).toEqual([
      expect.objectContaining({ actor: 'local admin token', event: { action: 'rename-display', display: lobby.displayId.slice(0, 8), name: 'Lobby left', before: null } }),
    ]);
  });
});

describe('identifying a display from the admin page', () => {
  it('tells only that display, on its socket, to show its name and room for 10 s; an unknown or gone display gets a clear 4xx', async () => {
    const lobby = await pairedDisplay('harbour');
    const door = await pairedDisplay('loft');
    await adminRequest(bridge.url, 'PUT', `/displays/${lobby.displayId}/name`, { token: TEST_ADMIN_TOKEN, body: { name: 'Lobby left' } });
    const told: unknown[] = [];
    door.socket.on('display:identify', (shown) => told.push(shown));
    const shown = new Promise((resolve) => lobby.socket.once('display:identify', resolve));
    const identify = (displayId: string, token?: string) => adminRequest(bridge.url, 'POST', `/displays/${displayId}/identify`, { token: token ?? TEST_ADMIN_TOKEN });
    expect(await identify(lobby.displayId)).toMatchObject({ status: 200, body: { name: 'Lobby left', room: 'Harbour', seconds: 10 } });
    expect(await shown).toEqual({ name: 'Lobby left', room: 'Harbour', seconds: 10 });
    expect(await adminRequest(bridge.url, 'POST', `/displays/${lobby.displayId}/identify`)).toMatchObject({ status: 401 });
    expect(await identify(crypto.randomUUID())).toMatchObject({ status: 404, body: { code: 'not-found' } });
    door.socket.disconnect();
    await until(async () => ((await identify(door.displayId)).status === 409 ? true : undefined), 2000, 'the door display gone');
    expect(await identify(door.displayId)).toMatchObject({ status: 409, body: { message: expect.stringContaining('not connected now') } });
    expect(told).toEqual([]);
  });
});

describe('a client naming a paired display by its id', () => {
  it('neither reads its room, nor gets a code for it, nor shows as it on the admin page', async () => {
    const display = await pairedDisplay('harbour');
    const impostor = await connectedClient(bridge.url, '127.0.0.2');
    sockets.push(impostor);
    expect(await impostor.emitWithAck('room:watch', { displayId: display.displayId })).toMatchObject({ ok: false, code: 'display-unpaired' });
    expect(await impostor.emitWithAck('room:watch', { displayId: display.displayId, credential: 'guessed' })).toMatchObject({ ok: false, code: 'display-unpaired' });
    expect(await impostor.emitWithAck('display:pairing-code', { displayId: display.displayId })).toMatchObject({ ok: false, code: 'not-allowed' });
    const told: unknown[] = [];
    impostor.on('display:assigned', (assignment) => told.push(assignment));

    const { body } = await adminRequest(bridge.url, 'GET', '/status', { token: TEST_ADMIN_TOKEN });
    expect((body as { displays: { id: string; address: string | null }[] }).displays.filter((each) => each.id === display.displayId)).toMatchObject([{ address: '127.0.0.1' }]);
    display.socket.disconnect();
    const offline = await adminRequest(bridge.url, 'GET', '/status', { token: TEST_ADMIN_TOKEN });
    expect((offline.body as { displays: { id: string; online: boolean }[] }).displays.find((each) => each.id === display.displayId)).toMatchObject({ online: false });
    await adminRequest(bridge.url, 'DELETE', `/displays/${display.displayId}`, { token: TEST_ADMIN_TOKEN });
    expect(await impostor.emitWithAck('room:watch', { roomId: 'harbour' })).toMatchObject({ ok: false, code: 'room-not-open' });
    expect(told).toEqual([]);
  });
});

describe('a phone with the room link from a paired display', () => {
  it('reads that room and acts there until the link expires, 10 minutes after it was made', async () => {
    const display = await pairedDisplay('harbour');
    const link = await roomLink(display, 'harbour');
    expect(link).toMatchObject({ expiresAt: '2026-11-23T09:10:00.000Z', refreshAt: '2026-11-23T09:05:00.000Z' });
    expect(link.url).toMatch(/^http:\/\/lintel\.test:8080\/rooms\/harbour\?link=/);
    const token = linkToken(link);

    const phone = await client();
    expect(await phone.emitWithAck('room:watch', { roomId: 'harbour', link: token })).toMatchObject({ ok: true, data: { current: { subject: 'Merger with Northwind' } } });
    expect(await phone.emitWithAck('room:watch', { roomId: 'loft', link: token })).toMatchObject({ ok: false, code: 'room-link-invalid' });
    expect(await phone.emitWithAck('room:watch', { roomId: 'harbour', link: token })).toMatchObject({ ok: true });
    // Proof of standing at the room, nothing more: it cannot make itself new links.
    expect(await phone.emitWithAck('room:link', { roomId: 'harbour' })).toMatchObject({ code: 'forbidden' });
    expect(await phone.emitWithAck('room:action', { roomId: 'harbour', action: action('end-now') })).toMatchObject({ ok: true, data: { status: 'available' } });
    expect(await getJson(`${bridge.url}/api/rooms/harbour/state`, bearer(token))).toMatchObject({ status: 200 });
    expect(await getJson(`${bridge.url}/api/rooms/loft/state`, bearer(token))).toMatchObject({ status: 403 });
    expect(await getJson(`${bridge.url}/api/rooms/harbour/base-unit`, bearer(token))).toMatchObject({ status: 403 });

    const [payload, signature] = token.split('.') as [string, string];
    const otherRoom = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('harbour', 'loft')).toString('base64url');
    for (const forged of [`${otherRoom}.${signature}`, `${payload}.${signature.slice(1)}A`, payload]) {
      expect(await getJson(`${bridge.url}/api/rooms/loft/state`, bearer(forged))).toMatchObject({ status: 401 });
    }

    const ended = new Promise<LintelError>((resolve) => phone.once('room:access-ended', resolve));
    clock.advance(10 * 60_000);
    expect(await ended).toMatchObject({ code: 'room-link-invalid' });
    expect(await phone.emitWithAck('room:action', { roomId: 'harbour', action: action('book-now', { minutes: 15 }) })).toMatchObject({ code: 'room-link-invalid' });
    expect(await getJson(`${bridge.url}/api/rooms/harbour/state`, bearer(token))).toMatchObject({ status: 401, body: { code: 'room-link-invalid' } });
    // The display's QR code has moved on: a new link works.
    expect(await getJson(`${bridge.url}/api/rooms/harbour/state`, bearer(linkToken(await roomLink(display, 'harbour'))))).toMatchObject({ status: 200 });
  });
});
