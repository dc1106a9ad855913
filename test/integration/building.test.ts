import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomSummaryStatus } from '../../shared/building.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson, postJson } from '../support/http.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';
import { watchingClient, type TestSocket } from '../support/socket-client.ts';

let clock: FakeClock;
let bridge: TestBridge;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  clock = new FakeClock('2026-11-23T10:00:00+01:00');
  bridge = await startTestBridge({
    clock,
    rooms: [
      { id: 'harbour', name: 'Harbour', capacity: 6, location: { building: 'North', floor: 2 }, settings: { pin: '4711' } },
      { id: 'dock', name: 'Dock', capacity: 4, location: { building: 'North', floor: 2 } },
      { id: 'atlas', name: 'Atlas', capacity: 8, location: { building: 'North', floor: 3 } },
      { id: 'pier', name: 'Pier', capacity: 12, location: { building: 'South', floor: 2 } },
    ],
    meetings: [timed('2026-11-23T10:30:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'secret', roomId: 'dock', subject: 'Merger talks', organizer: 'Ada' })],
  });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await bridge.close();
});

async function connect(): Promise<TestSocket> {
  const socket: TestSocket = io(bridge.url, { transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** A building screen: watching, with every push it receives. */
async function buildingScreen() {
  const socket = await connect();
  const pushes: RoomSummaryStatus[] = [];
  socket.on('building:room', (summary) => pushes.push(summary));
  const first = await socket.emitWithAck('building:watch', {});
  return { socket, first, pushes };
}

const nextPush = (socket: TestSocket) => new Promise<RoomSummaryStatus>((resolve) => socket.once('building:room', resolve));

describe('the building', () => {
  it('answers GET /api/building with every room, its place and status, and nothing private', async () => {
    const { status, body } = await getJson(`${bridge.url}/api/building`);
    expect(status).toBe(200);
    expect(body).toEqual([
      { id: 'atlas', name: 'Atlas', timeZone: 'Europe/Amsterdam', capacity: 8, equipment: [], location: { building: 'North', floor: 3 }, status: 'available', freeUntil: null, busyUntil: null },
      expect.objectContaining({ id: 'dock', status: 'available', freeUntil: '2026-11-23T09:30:00.000Z' }),
      expect.objectContaining({ id: 'harbour', status: 'available' }),
      expect.objectContaining({ id: 'pier', location: { building: 'South', floor: 2 } }),
    ]);
    for (const secret of ['Merger talks', 'Ada', '4711', 'pin']) expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('pushes to a watching building screen only the room that changed, the moment a booking is made', async () => {
    const screen = await buildingScreen();
    expect(screen.first).toMatchObject({ ok: true, data: expect.arrayContaining([expect.objectContaining({ id: 'harbour', status: 'available' })]) });
    expect(screen.first.ok && screen.first.data).toHaveLength(4);

    const pushed = nextPush(screen.socket);
    const booked = await postJson(`${bridge.url}/api/rooms/atlas/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 30 });
    expect(booked.status).toBe(200);
    expect(await pushed).toMatchObject({ id: 'atlas', status: 'busy', busyUntil: '2026-11-23T09:30:00.000Z', freeUntil: null });
    // A later push arrives after any stray one for other rooms would have.
    const endPush = nextPush(screen.socket);
    await postJson(`${bridge.url}/api/rooms/atlas/actions`, { id: crypto.randomUUID(), type: 'end-now' });
    expect(await endPush).toMatchObject({ id: 'atlas', status: 'available' });
    expect(screen.pushes.map((room) => room.id)).toEqual(['atlas', 'atlas']);
  });

  it('pushes a room again when its status changes as time passes, with no change to its schedule', async () => {
    const screen = await buildingScreen();
    const soon = nextPush(screen.socket);
    clock.advance(20 * 60_000);
    expect(await soon).toMatchObject({ id: 'dock', status: 'starting-soon' });
    const busy = nextPush(screen.socket);
    clock.advance(10 * 60_000);
    expect(await busy).toMatchObject({ id: 'dock', status: 'busy', busyUntil: '2026-11-23T10:00:00.000Z' });
    expect((await getJson(`${bridge.url}/api/building`)).body).toContainEqual(expect.objectContaining({ id: 'dock', status: 'busy' }));
  });

  it('lists the free rooms nearest to a room, same floor first, then the same building, then others', async () => {
    const socket = await connect();
    const nearby = await socket.emitWithAck('rooms:free-nearby', { roomId: 'harbour' });
    expect(nearby.ok && nearby.data.map((room) => room.id)).toEqual(['dock', 'atlas', 'pier']);
    await postJson(`${bridge.url}/api/rooms/dock/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    const after = await socket.emitWithAck('rooms:free-nearby', { roomId: 'harbour' });
    expect(after.ok && after.data.map((room) => room.id)).toEqual(['atlas', 'pier']);
  });

  it('acknowledges bad requests with an error instead of failing', async () => {
    const socket = await connect();
    expect(await socket.emitWithAck('rooms:free-nearby', { roomId: 'nowhere' })).toMatchObject({ ok: false, code: 'room-not-found' });
    expect(await socket.emitWithAck('rooms:free-nearby', { roomId: 'Not A Room!' } as never)).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(await socket.emitWithAck('building:watch', { floor: 3 } as never)).toMatchObject({ ok: false, code: 'invalid-input' });
    (socket.emit as (event: string, payload: unknown) => void)('building:watch', {});
    expect(await socket.emitWithAck('building:watch', {})).toMatchObject({ ok: true });
  });

  it("tells each room's displays how many rooms the bridge serves, so they offer to find another", async () => {
    const { socket, first } = await watchingClient(bridge.url, { roomId: 'harbour' });
    sockets.push(socket);
    expect(first).toMatchObject({ ok: true, data: { roomCount: 4 } });
  });
});
