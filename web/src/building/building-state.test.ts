import { describe, expect, it } from 'vitest';
import type { RoomSummaryStatus } from '../../../shared/building.ts';
import type { Result } from '../../../shared/errors.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { ScriptedSocket } from '../../../test/support/scripted-socket.ts';
import type { BuildingCopy } from './building-copy.ts';
import { BuildingState, type BuildingSocket } from './building-state.svelte.ts';

/** The bridge's side of the building channel: `building:watch` answered with `answer`. */
class ScriptedBuildingChannel extends ScriptedSocket {
  answer: Result<RoomSummaryStatus[]> = { ok: true, data: [] };

  protected override reply(event: string): unknown {
    return event === 'building:watch' ? this.answer : undefined;
  }
}

function summary(id: string, status: RoomSummaryStatus['status'] = 'available'): RoomSummaryStatus {
  return { id, name: id, timeZone: 'UTC', capacity: 4, equipment: [], location: { building: null, floor: null }, status, freeUntil: null, busyUntil: null };
}

/** The page's copy, in memory: what was saved, in order. */
function keptCopy(initial: { rooms: RoomSummaryStatus[]; at: number } | null = null) {
  const saves: { ids: string[]; at: string }[] = [];
  let current = initial;
  const copy: BuildingCopy = {
    load: () => current,
    save: (rooms, at) => {
      current = { rooms, at };
      saves.push({ ids: rooms.map((room) => `${room.id}:${room.status}`), at: new Date(at).toISOString() });
    },
  };
  return { copy, saves };
}

function connected() {
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  const socket = new ScriptedBuildingChannel();
  socket.answer = { ok: true, data: [summary('harbour'), summary('loft')] };
  const { copy, saves } = keptCopy();
  const board = new BuildingState(clock, copy);
  const stop = board.connect(socket as unknown as BuildingSocket);
  return { clock, socket, board, stop, saves };
}

describe('building state', () => {
  it('shows every room at once, then replaces only the room a push names', () => {
    const { socket, board } = connected();
    expect(board).toMatchObject({ connection: 'live', loaded: true });
    const before = board.rooms;
    socket.fire('building:room', summary('loft', 'busy'));
    expect(board.rooms.map((room) => [room.id, room.status])).toEqual([
      ['harbour', 'available'],
      ['loft', 'busy'],
    ]);
    expect(board.rooms[0]).toBe(before[0]);
    socket.fire('building:room', summary('atlas'));
    expect(board.rooms.map((room) => room.id)).toEqual(['harbour', 'loft', 'atlas']);
  });

  it('says since when it lost the bridge, keeps the rooms, and takes the whole list again on reconnect', () => {
    const { clock, socket, board } = connected();
    socket.fire('disconnect');
    clock.advance(60_000);
    socket.fire('connect_error');
    expect(board).toMatchObject({ connection: 'reconnecting', disconnectedAt: Date.parse('2026-11-23T10:00:00Z') });
    expect(board.rooms).toHaveLength(2);
    socket.answer = { ok: true, data: [summary('harbour', 'busy')] };
    socket.fire('connect');
    expect(board).toMatchObject({ connection: 'live', disconnectedAt: null });
    expect(board.rooms.map((room) => room.status)).toEqual(['busy']);
  });

  it('shows the refusal when the bridge refuses to watch', () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const socket = new ScriptedBuildingChannel();
    socket.answer = { ok: false, code: 'internal', message: 'broken' };
    const board = new BuildingState(clock, keptCopy().copy);
    board.connect(socket as unknown as BuildingSocket);
    expect(board).toMatchObject({ loaded: false, problem: { code: 'internal' } });
  });

  it('keeps a copy: the whole list at once, renewed every 30 s while following, and as it loses the bridge', () => {
    const { clock, socket, saves } = connected();
    expect(saves).toEqual([{ ids: ['harbour:available', 'loft:available'], at: '2026-11-23T10:00:00.000Z' }]);
    socket.fire('building:room', summary('loft', 'busy'));
    clock.advance(30_000);
    expect(saves.at(-1)).toEqual({ ids: ['harbour:available', 'loft:busy'], at: '2026-11-23T10:00:30.000Z' });
    clock.advance(10_000);
    socket.fire('disconnect');
    expect(saves.at(-1)?.at).toBe('2026-11-23T10:00:40.000Z');
    const savedWhileLive = saves.length;
    clock.advance(120_000);
    socket.fire('connect_error');
    expect(saves).toHaveLength(savedWhileLive);
  });

  it('opened without its bridge, starts from the copy and says since when, then follows the bridge once it answers', () => {
    const clock = new FakeClock('2026-11-23T11:00:00Z');
    const at = Date.parse('2026-11-23T10:00:40Z');
    const board = new BuildingState(clock, keptCopy({ rooms: [summary('harbour', 'busy')], at }).copy);
    expect(board).toMatchObject({ loaded: true, connection: 'connecting', disconnectedAt: at });
    expect(board.rooms.map((room) => room.status)).toEqual(['busy']);

    const socket = new ScriptedBuildingChannel();
    socket.connected = false;
    board.connect(socket as unknown as BuildingSocket);
    socket.fire('connect_error');
    expect(board).toMatchObject({ connection: 'reconnecting', disconnectedAt: at });
    socket.answer = { ok: true, data: [summary('harbour'), summary('loft')] };
    socket.fire('connect');
    expect(board).toMatchObject({ connection: 'live', disconnectedAt: null });
    expect(board.rooms.map((room) => room.id)).toEqual(['harbour', 'loft']);
  });

  it('stops listening when stopped', () => {
    const { socket, board, stop } = connected();
    stop();
    socket.fire('building:room', summary('loft', 'busy'));
    expect(board.rooms.map((room) => room.status)).toEqual(['available', 'available']);
    expect(socket.connected).toBe(false);
  });
});
