import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timed } from '../support/meetings.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { postJson } from '../support/http.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';
import { nextState, watchingClient, type TestSocket } from '../support/socket-client.ts';

let clock: FakeClock;
let bridge: TestBridge;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  clock = new FakeClock('2026-11-23T10:00:00+01:00');
  bridge = await startTestBridge({
    clock,
    rooms: [{ id: 'demo' }, { id: 'loft', name: 'Loft' }],
    meetings: [timed('2026-11-23T10:30:00+01:00', '2026-11-23T11:00:00+01:00', { roomId: 'demo' })],
  });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await bridge.close();
});

async function client(request: { roomId?: string } = { roomId: 'demo' }) {
  const connected = await watchingClient(bridge.url, request);
  sockets.push(connected.socket);
  return connected;
}

describe('socket.io push', () => {
  it('gives a watching display the full state at once; naming no room on a bridge of several asks it to pair', async () => {
    const { first } = await client();
    expect(first).toMatchObject({ ok: true, data: { room: { id: 'demo' }, status: 'available' } });
    const unnamed = await client({});
    expect(unnamed.first).toMatchObject({ ok: false, code: 'display-unpaired' });
    const loft = await client({ roomId: 'loft' });
    expect(loft.first).toMatchObject({ ok: true, data: { room: { id: 'loft' } } });
  });

  it('pushes an action through the API to every display of the room, and to no other room', async () => {
    const displays = await Promise.all([client(), client(), client()]);
    const other = await client({ roomId: 'loft' });
    const otherPushes: string[] = [];
    other.socket.on('room:state', (state) => otherPushes.push(state.room.id));

    const pushes = displays.map(({ socket }) => nextState(socket));
    const response = await postJson(`${bridge.url}/api/rooms/demo/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    expect(response.status).toBe(200);
    for (const state of await Promise.all(pushes)) {
      expect(state.status).toBe('busy');
      expect(state.current?.subject).toBe('Walk-up booking');
    }
    // A push for the other room arrives after any stray push for this one would have.
    const loftPush = nextState(other.socket);
    await postJson(`${bridge.url}/api/rooms/loft/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    await loftPush;
    expect(otherPushes).toEqual(['loft']);
  });

  it('applies an action sent over the socket and acknowledges it with the new state', async () => {
    const sender = await client();
    const watcher = await client();
    const pushed = nextState(watcher.socket);
    const ack = await sender.socket.emitWithAck('room:action', { roomId: 'demo', action: { id: crypto.randomUUID(), type: 'book-now' } });
    expect(ack).toMatchObject({ ok: true, data: { status: 'busy' } });
    expect((await pushed).status).toBe('busy');
  });

  it('acknowledges bad requests with an error instead of failing', async () => {
    const { socket } = await client();
    expect(await socket.emitWithAck('room:watch', { roomId: 'Not A Room!' })).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(await socket.emitWithAck('room:watch', { roomId: 'nowhere' })).toMatchObject({ ok: false, code: 'room-not-found' });
    const garbage = { roomId: 'demo', action: { type: 'book-now', minutes: 1e9 } } as never;
    expect(await socket.emitWithAck('room:action', garbage)).toMatchObject({ ok: false, code: 'invalid-input' });
    const conflict = await socket.emitWithAck('room:action', { roomId: 'demo', action: { id: crypto.randomUUID(), type: 'book-now', minutes: 60 } });
    expect(conflict).toMatchObject({ ok: false, code: 'slot-taken' });
  });

  it('survives a request without an acknowledgement callback', async () => {
    const { socket } = await client();
    (socket.emit as (event: string, payload: unknown) => void)('room:action', { roomId: 'demo' });
    expect(await socket.emitWithAck('room:watch', { roomId: 'demo' })).toMatchObject({ ok: true });
  });

  it("pushes the new day's schedule at the room's local midnight", async () => {
    const { socket } = await client();
    const pushed = nextState(socket);
    clock.advance(14 * 3_600_000);
    const state = await pushed;
    expect(state.now).toBe('2026-11-23T23:00:00.000Z');
    expect(state.events).toEqual([]);
  });
});
