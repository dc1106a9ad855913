import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WalkUpAction } from '../../shared/model.ts';
import { EVENT_RATE } from '../../bridge/src/realtime/event-limit.ts';
import { ACTION_RATE } from '../../bridge/src/rooms/action-limit.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { postJsonFrom } from '../support/http.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';
import { connectedClient, type TestSocket } from '../support/socket-client.ts';

/**
 * The limits per client, on a real bridge: each client is a local address of
 * its own (127.0.0.0/8), over HTTP and socket.io alike, as devices on the
 * network are told apart.
 */
let clock: FakeClock;
let bridge: TestBridge;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  clock = new FakeClock('2026-11-23T10:00:00+01:00');
  bridge = await startTestBridge({ clock, rooms: [{ id: 'demo', settings: { pin: '4711' } }, { id: 'loft', name: 'Loft' }] });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await bridge.close();
});

async function socketFrom(address: string): Promise<TestSocket> {
  const socket = await connectedClient(bridge.url, address);
  sockets.push(socket);
  return socket;
}

const withPin = (pin: string | undefined) => (pin === undefined ? {} : { pin });
const action = (type: 'book-now' | 'end-now', pin?: string): WalkUpAction =>
  type === 'book-now' ? { id: crypto.randomUUID(), type, minutes: 15, ...withPin(pin) } : { id: crypto.randomUUID(), type, ...withPin(pin) };
const post = (from: string, roomId: string, body: unknown) => postJsonFrom(from, `${bridge.url}/api/rooms/${roomId}/actions`, body);

describe('limits per client', () => {
  it('locks the client that gave five wrong PINs, over HTTP and socket.io alike, and no other: its right PIN books', async () => {
    for (let n = 0; n < 5; n++) expect(await post('127.0.0.2', 'demo', action('book-now', '0000'))).toMatchObject({ status: 403, body: { code: 'wrong-pin' } });
    const locked = await post('127.0.0.2', 'demo', action('book-now', '4711'));
    expect(locked).toMatchObject({ status: 429, body: { code: 'too-many-attempts' } });
    expect(locked.headers['retry-after']).toBe('300');
    const sameDevice = await socketFrom('127.0.0.2');
    expect(await sameDevice.emitWithAck('room:action', { roomId: 'demo', action: action('book-now', '4711') })).toMatchObject({
      ok: false,
      code: 'too-many-attempts',
      retryAfterMs: 300_000,
    });

    const another = await socketFrom('127.0.0.3');
    expect(await another.emitWithAck('room:action', { roomId: 'demo', action: action('book-now', '4711') })).toMatchObject({ ok: true, data: { status: 'busy' } });
    clock.advance(5 * 60_000);
    expect(await post('127.0.0.2', 'demo', action('end-now', '4711'))).toMatchObject({ status: 200, body: { status: 'available' } });
  });

  it("reaches the room's backstop after 20 wrong PINs from many clients, yet the right PIN still books", async () => {
    for (let n = 1; n <= 20; n++) expect(await post(`127.0.1.${n}`, 'demo', action('book-now', '0000'))).toMatchObject({ status: 403, body: { code: 'wrong-pin' } });
    expect(await post('127.0.2.1', 'demo', action('book-now', '4711'))).toMatchObject({ status: 200, body: { status: 'busy' } });
    // A stranger's first wrong PIN now locks it.
    expect(await post('127.0.2.2', 'demo', action('end-now', '0000'))).toMatchObject({ status: 403, body: { code: 'wrong-pin' } });
    expect(await post('127.0.2.2', 'demo', action('end-now', '4711'))).toMatchObject({ status: 429, body: { code: 'too-many-attempts' } });
    expect(await post('127.0.2.3', 'demo', action('end-now', '4711'))).toMatchObject({ status: 200, body: { status: 'available' } });
  });

  it('answers every one of 1,000 events sent at once on a connection, those over its limit rate-limited, and serves it again after the wait', async () => {
    const flood = await socketFrom('127.0.3.1');
    const answers = await Promise.all(Array.from({ length: 1000 }, () => flood.emitWithAck('room:watch', { roomId: 'loft' })));
    expect(answers).toHaveLength(1000);
    expect(answers.slice(0, EVENT_RATE.capacity).every((answer) => answer.ok)).toBe(true);
    const refused = answers.slice(EVENT_RATE.capacity);
    expect(refused.every((answer) => !answer.ok && answer.code === 'rate-limited' && answer.retryAfterMs === 50)).toBe(true);
    expect(refused[0]).toEqual({ ok: false, code: 'rate-limited', message: 'Too many events on this connection: try again in 1 s.', retryAfterMs: 50 });

    // The limit is the connection's: another one from the same device is served.
    const other = await socketFrom('127.0.3.1');
    expect(await other.emitWithAck('room:watch', { roomId: 'loft' })).toMatchObject({ ok: true });
    clock.advance(50);
    expect(await flood.emitWithAck('room:watch', { roomId: 'loft' })).toMatchObject({ ok: true, data: { room: { id: 'loft' } } });
  });

  it("counts a client's walk-up actions over HTTP and socket.io together: past 100 at once it waits, 429 with Retry-After, and no other client does", async () => {
    const display = await socketFrom('127.0.4.1');
    const half = ACTION_RATE.capacity / 2;
    for (let n = 0; n < half; n++) expect(await display.emitWithAck('room:action', { roomId: 'loft', action: action('end-now') })).toMatchObject({ code: 'no-current-meeting' });
    for (let n = 0; n < half; n++) expect(await post('127.0.4.1', 'loft', action('end-now'))).toMatchObject({ status: 409 });

    const refused = await post('127.0.4.1', 'loft', action('book-now'));
    expect(refused).toMatchObject({ status: 429, body: { code: 'rate-limited', message: 'Too many walk-up actions from this device: try again in 6 s.' } });
    expect(refused.headers['retry-after']).toBe('6');
    expect(await display.emitWithAck('room:action', { roomId: 'loft', action: action('book-now') })).toMatchObject({ ok: false, code: 'rate-limited', retryAfterMs: 6_000 });
    expect(await post('127.0.4.2', 'loft', action('end-now'))).toMatchObject({ status: 409, body: { code: 'no-current-meeting' } });

    clock.advance(6_000);
    expect(await post('127.0.4.1', 'loft', action('book-now'))).toMatchObject({ status: 200, body: { status: 'busy' } });
  });
});
