import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson } from '../support/http.ts';
import { startTestBridge, TEST_ADMIN_TOKEN, type TestBridge } from '../support/in-process-bridge.ts';
import type { TestSocket } from '../support/socket-client.ts';

const LISTED = 'https://intranet.example.org';
const FOREIGN = 'http://evil.example';

let bridge: TestBridge;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  bridge = await startTestBridge({ clock: new FakeClock('2026-11-23T10:00:00+01:00'), allowedOrigins: [LISTED] });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await bridge.close();
});

/** A walk-up booking as a page of `origin` would send it (none: a program such as curl). */
async function book(actionId: string, origin?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${bridge.url}/api/rooms/demo/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin === undefined ? {} : { origin }) },
    body: JSON.stringify({ id: actionId, type: 'book-now', minutes: 30 }),
  });
  return { status: response.status, body: await response.json() };
}

const state = async () => (await getJson(`${bridge.url}/api/rooms/demo/state`)).body as RoomState;

/** A socket.io client whose handshake carries `origin`, as a browser's would: connected, or the error it got. */
function connect(transport: 'polling' | 'websocket', origin?: string): Promise<TestSocket | Error> {
  const socket: TestSocket = io(bridge.url, {
    transports: [transport],
    upgrade: false,
    forceNew: true,
    reconnection: false,
    ...(origin === undefined ? {} : { extraHeaders: { origin } }),
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', resolve);
  });
}

describe('requests from pages of other sites', () => {
  it('refuses a walk-up action from a page of another site, naming the origin and where to list it, and books nothing', async () => {
    expect(await book(crypto.randomUUID(), FOREIGN)).toEqual({
      status: 403,
      body: { code: 'origin-not-allowed', message: expect.stringMatching(/http:\/\/evil\.example.*LINTEL_ALLOWED_ORIGINS/) },
    });
    expect(await book(crypto.randomUUID(), 'null')).toMatchObject({ status: 403, body: { code: 'origin-not-allowed' } });
    // A bridge behind a proxy on another port is another origin, however alike the host.
    expect(await book(crypto.randomUUID(), 'http://lintel.test:9090')).toMatchObject({ status: 403, body: { code: 'origin-not-allowed' } });
    expect(await state()).toMatchObject({ status: 'available', current: null });
    expect((await state()).events).toEqual([]);
  });

  it('refuses admin calls from another site even with a valid token, and still answers what anyone may read', async () => {
    const check = await fetch(`${bridge.url}/api/admin/check`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, origin: FOREIGN } });
    expect(check.status).toBe(403);
    expect(await check.json()).toMatchObject({ code: 'origin-not-allowed' });
    const read = await fetch(`${bridge.url}/api/rooms/demo/state`, { headers: { origin: FOREIGN } });
    expect(read.status).toBe(200);
  });

  it("takes the action from the bridge's own pages (whatever scheme a proxy adds), LINTEL_PUBLIC_URL's, a listed site, and programs that send no Origin", async () => {
    const id = crypto.randomUUID();
    const ownOrigin = new URL(bridge.url).origin;
    const behindTls = ownOrigin.replace(/^http:/, 'https:');
    for (const origin of [ownOrigin, behindTls, 'http://lintel.test:8080', LISTED, undefined]) {
      // One action id: the first books, the others are answered as it was (actions are idempotent by id).
      expect(await book(id, origin), `Origin: ${origin ?? 'none'}`).toMatchObject({ status: 200, body: { status: 'busy' } });
    }
    expect((await state()).events).toHaveLength(1);
  });
});

describe('live connections from pages of other sites', () => {
  it.each(['polling', 'websocket'] as const)('refuses the %s handshake of a page of another site', async (transport) => {
    const refused = await connect(transport, FOREIGN);
    expect(refused).toBeInstanceOf(Error);
    expect(await connect(transport, 'null')).toBeInstanceOf(Error);
  });

  it('answers a refused handshake with 403 and says which origin to list where', async () => {
    const response = await fetch(`${bridge.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: FOREIGN } });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/http:\/\/evil\.example.*LINTEL_ALLOWED_ORIGINS/);
  });

  it.each(['polling', 'websocket'] as const)("connects over %s from the bridge's own pages, a listed site, and a program that sends no Origin", async (transport) => {
    for (const origin of [new URL(bridge.url).origin, LISTED, undefined]) {
      const socket = await connect(transport, origin);
      if (socket instanceof Error) throw new Error(`Origin ${origin ?? 'none'} over ${transport}: ${socket.message}`);
      expect(await socket.emitWithAck('room:watch', { roomId: 'demo' })).toMatchObject({ ok: true, data: { status: 'available' } });
    }
  });
});
