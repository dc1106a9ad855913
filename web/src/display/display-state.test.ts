import { describe, expect, it } from 'vitest';
import { Room, toPublicRoom, type RoomState } from '../../../shared/model.ts';
import { timed } from '../../../test/support/meetings.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import 'fake-indexeddb/auto';
import { DisplayDb } from '../offline/display-db.ts';
import { DisplayState, type DisplaySocket } from './display-state.svelte.ts';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io client to drive the display state as the bridge would. */
class ScriptedSocket {
  connected = true;
  readonly handlers = new Map<string, Handler[]>();
  watchAnswer: RoomState | null = null;

  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  off(event: string) {
    this.handlers.delete(event);
    return this;
  }
  emit(event: string, _request: unknown, ack: Handler) {
    if (event === 'room:watch') ack({ ok: true, data: this.watchAnswer });
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  disconnect() {
    this.connected = false;
    return this;
  }
}

function stateAt(now: string): RoomState {
  const meeting = timed('2026-11-23T10:00:00+01:00', '2026-11-23T10:30:00+01:00', { roomId: 'demo', id: 'm' });
  return {
    room: toPublicRoom(Room.parse({ id: 'demo', name: 'Harbour', timeZone: 'Europe/Amsterdam' })),
    status: 'busy',
    current: meeting,
    next: [],
    events: [meeting],
    freeUntil: null,
    busyUntil: '2026-11-23T09:30:00.000Z',
    now: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
    syncedAt: null,
    syncPeriodSeconds: 15,
    bookingUrl: 'http://bridge.local:8080/rooms/demo',
    notices: [],
  };
}

/** A display connected over a scripted socket whose bridge answers `answer` (by default a busy room at `now`). */
function connectedDisplay(now: string, answer: RoomState = stateAt(now)) {
  const clock = new FakeClock(now);
  const socket = new ScriptedSocket();
  socket.watchAnswer = answer;
  const display = new DisplayState(clock, 'demo');
  const stop = display.connect(socket as unknown as DisplaySocket);
  return { clock, socket, display, stop };
}

describe('display state', () => {
  it('turns Busy into Available at the end of the meeting on its own clock, without a push', () => {
    const { clock, display, stop } = connectedDisplay('2026-11-23T10:29:58+01:00');

    expect(display.connection).toBe('live');
    expect(display.view?.status).toBe('busy');
    clock.advance(1_000);
    expect(display.view?.status).toBe('busy');
    clock.advance(1_000);
    expect(display.view?.status).toBe('available');
    stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it("follows the bridge's clock when its own is wrong", () => {
    const { display } = connectedDisplay('2026-11-23T12:00:00+01:00', stateAt('2026-11-23T10:15:00+01:00'));
    expect(display.view?.status).toBe('busy');
    expect(display.now).toBe(Date.parse('2026-11-23T10:15:00+01:00'));
  });

  it('says it is reconnecting when the connection drops, and takes pushed states', () => {
    const { socket, display } = connectedDisplay('2026-11-23T10:15:00+01:00');
    socket.fire('disconnect');
    expect(display.connection).toBe('reconnecting');
    socket.fire('room:state', { ...stateAt('2026-11-23T10:16:00+01:00'), events: [], current: null });
    expect(display.view?.status).toBe('available');
    socket.fire('connect');
    expect(display.connection).toBe('live');
  });
});

describe('stale data', () => {
  it('is never stale while connected to a bridge whose calendar is its own store', () => {
    const { clock, display } = connectedDisplay('2026-11-23T10:15:00+01:00');
    clock.advance(60 * 60_000);
    expect(display.staleMinutes).toBeNull();
  });

  it('says how old the data is once the bridge has been gone for more than two sync periods', () => {
    const { clock, socket, display } = connectedDisplay('2026-11-23T10:15:00+01:00');
    socket.fire('disconnect');
    clock.advance(30_000);
    expect(display.staleMinutes).toBeNull();
    clock.advance(1_000);
    expect(display.staleMinutes).toBe(0);
    clock.advance(3 * 60_000);
    expect(display.staleMinutes).toBe(3);
    socket.fire('connect');
    expect(display.staleMinutes).toBeNull();
  });

  it('shows a remote calendar that has not confirmed the schedule lately as stale even while connected', () => {
    const { display } = connectedDisplay('2026-11-23T10:15:00+01:00', { ...stateAt('2026-11-23T10:15:00+01:00'), syncedAt: '2026-11-23T09:05:00.000Z' });
    expect(display.staleMinutes).toBe(10);
  });
});

describe('walk-up actions and the outbox', () => {
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  function freeRoom(now = '2026-11-23T10:40:00+01:00') {
    const clock = new FakeClock(now);
    const socket = new ScriptedSocket();
    socket.watchAnswer = { ...stateAt(now), events: [], current: null, status: 'available' };
    const sent: { action: { id: string; takenAt?: string }; ack: (...args: unknown[]) => void }[] = [];
    (socket as unknown as { timeout: () => unknown }).timeout = () => ({
      emit: (_event: string, request: { action: { id: string } }, ack: (...args: unknown[]) => void) => sent.push({ action: request.action, ack }),
    });
    const display = new DisplayState(clock, 'demo');
    display.connect(socket as unknown as DisplaySocket);
    return { clock, socket, sent, display };
  }

  it('shows the action at once and rolls it back with the reason when the bridge refuses', async () => {
    const { sent, display } = freeRoom();
    display.act({ id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    expect(display.view?.status).toBe('busy');
    expect(display.outbox).toHaveLength(1);
    await flush();
    expect(sent[0]?.action.takenAt).toBe('2026-11-23T09:40:00.000Z');
    sent[0]!.ack(null, { ok: false, code: 'room-busy', message: 'taken' });
    await flush();
    expect(display.outbox).toEqual([]);
    expect(display.view?.status).toBe('available');
    expect(display.actionProblem).toEqual({ code: 'room-busy', takenOffline: false });
  });

  it('keeps an unanswered action queued and sends the same action again', async () => {
    const { clock, sent, display } = freeRoom();
    display.act({ id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    await flush();
    sent[0]!.ack(new Error('operation has timed out'));
    await flush();
    expect(display.view?.status).toBe('busy');
    expect(display.outbox).toHaveLength(1);
    clock.advance(5_000);
    await flush();
    expect(sent).toHaveLength(2);
    expect(sent[1]?.action).toEqual(sent[0]?.action);
    sent[1]!.ack(null, { ok: true, data: { ...stateAt('2026-11-23T10:41:00+01:00') } });
    await flush();
    expect(display.outbox).toEqual([]);
  });

  it('queues actions taken offline and replays them in order once connected', async () => {
    const { socket, sent, display } = freeRoom();
    socket.connected = false;
    socket.fire('disconnect');
    const first = crypto.randomUUID();
    const second = crypto.randomUUID();
    display.act({ id: first, type: 'book-now', minutes: 15 });
    display.act({ id: second, type: 'extend', minutes: 15 });
    await flush();
    expect(sent).toEqual([]);
    expect(display.outbox.map((e) => [e.action.id, e.takenOffline])).toEqual([[first, true], [second, true]]);
    expect(display.view?.busyUntil).toBe(Date.parse('2026-11-23T11:10:00+01:00'));

    socket.connected = true;
    socket.fire('connect');
    await flush();
    expect(sent.map((s) => s.action.id)).toEqual([first, second]);
    sent[0]!.ack(null, { ok: true, data: stateAt('2026-11-23T10:40:00+01:00') });
    sent[1]!.ack(null, { ok: false, code: 'extend-conflict', message: 'no' });
    await flush();
    expect(display.outbox).toEqual([]);
    expect(display.actionProblem).toEqual({ code: 'extend-conflict', takenOffline: true });
  });

  it('refuses at once what the bridge would refuse, without queueing it', () => {
    const { display } = connectedDisplay('2026-11-23T10:15:00+01:00');
    display.act({ id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    expect(display.outbox).toEqual([]);
    expect(display.actionProblem).toEqual({ code: 'room-busy', takenOffline: false });
  });

  it('keeps a room state that arrived before its database was open', async () => {
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    const { clock, display } = freeRoom();
    await display.useDb(db);
    clock.advance(500);
    await flush();
    expect((await db.loadSnapshot('demo'))?.state.room.id).toBe('demo');
    db.close();
  });

  it('brings back the room and the queued actions after a restart without the bridge', async () => {
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    const before = freeRoom();
    await before.display.useDb(db);
    before.socket.connected = false;
    before.socket.fire('disconnect');
    before.display.act({ id: crypto.randomUUID(), type: 'book-now', minutes: 30 });
    before.clock.advance(500);
    await flush();
    await flush();

    const clock = new FakeClock('2026-11-23T10:50:00+01:00');
    const restarted = new DisplayState(clock, 'demo');
    await restarted.useDb(db);
    expect(restarted.outbox).toHaveLength(1);
    expect(restarted.view?.status).toBe('busy');
    expect(restarted.disconnectedAt).toBe(Date.parse('2026-11-23T10:40:00+01:00'));
    db.close();
  });
});

describe('idle', () => {
  it('is idle with no meeting, nothing to send and no touch for two minutes', () => {
    const { clock, display } = connectedDisplay('2026-11-23T10:40:00+01:00', { ...stateAt('2026-11-23T10:40:00+01:00'), events: [], current: null, status: 'available' });
    expect(display.isIdle()).toBe(true);
    display.touched();
    expect(display.isIdle()).toBe(false);
    clock.advance(119_000);
    expect(display.isIdle()).toBe(false);
    clock.advance(1_000);
    expect(display.isIdle()).toBe(true);
  });

  it('is never idle during a meeting', () => {
    const { display } = connectedDisplay('2026-11-23T10:15:00+01:00');
    expect(display.isIdle()).toBe(false);
  });
});
