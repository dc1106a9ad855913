import { describe, expect, it } from 'vitest';
import { Room, toPublicRoom, type RoomState } from '../../../shared/model.ts';
import { timed } from '../../../test/support/meetings.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
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
  };
}

describe('display state', () => {
  it('turns Busy into Available at the end of the meeting on its own clock, without a push', () => {
    const clock = new FakeClock('2026-11-23T10:29:58+01:00');
    const socket = new ScriptedSocket();
    socket.watchAnswer = stateAt('2026-11-23T10:29:58+01:00');
    const display = new DisplayState(clock, 'demo');
    const stop = display.connect(socket as unknown as DisplaySocket);

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
    const clock = new FakeClock('2026-11-23T12:00:00+01:00');
    const socket = new ScriptedSocket();
    socket.watchAnswer = stateAt('2026-11-23T10:15:00+01:00');
    const display = new DisplayState(clock, 'demo');
    display.connect(socket as unknown as DisplaySocket);
    expect(display.view?.status).toBe('busy');
    expect(display.now).toBe(Date.parse('2026-11-23T10:15:00+01:00'));
  });

  it('says it is reconnecting when the connection drops, and takes pushed states', () => {
    const clock = new FakeClock('2026-11-23T10:15:00+01:00');
    const socket = new ScriptedSocket();
    socket.watchAnswer = stateAt('2026-11-23T10:15:00+01:00');
    const display = new DisplayState(clock, 'demo');
    display.connect(socket as unknown as DisplaySocket);
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
    const clock = new FakeClock('2026-11-23T10:15:00+01:00');
    const socket = new ScriptedSocket();
    socket.watchAnswer = stateAt('2026-11-23T10:15:00+01:00');
    const display = new DisplayState(clock, 'demo');
    display.connect(socket as unknown as DisplaySocket);
    clock.advance(60 * 60_000);
    expect(display.staleMinutes).toBeNull();
  });

  it('says how old the data is once the bridge has been gone for more than two sync periods', () => {
    const clock = new FakeClock('2026-11-23T10:15:00+01:00');
    const socket = new ScriptedSocket();
    socket.watchAnswer = stateAt('2026-11-23T10:15:00+01:00');
    const display = new DisplayState(clock, 'demo');
    display.connect(socket as unknown as DisplaySocket);
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
    const clock = new FakeClock('2026-11-23T10:15:00+01:00');
    const socket = new ScriptedSocket();
    socket.watchAnswer = { ...stateAt('2026-11-23T10:15:00+01:00'), syncedAt: '2026-11-23T09:05:00.000Z' };
    const display = new DisplayState(clock, 'demo');
    display.connect(socket as unknown as DisplaySocket);
    expect(display.staleMinutes).toBe(10);
  });
});

describe('walk-up actions', () => {
  it('shows the action at once, then the bridge answer; rolls back with the reason when refused', () => {
    const clock = new FakeClock('2026-11-23T10:40:00+01:00');
    const socket = new ScriptedSocket();
    socket.watchAnswer = { ...stateAt('2026-11-23T10:40:00+01:00'), events: [], current: null, status: 'available' };
    const answers: ((...args: unknown[]) => void)[] = [];
    (socket as unknown as { timeout: () => unknown }).timeout = () => ({
      emit: (_event: string, _request: unknown, ack: (...args: unknown[]) => void) => answers.push(ack),
    });
    const display = new DisplayState(clock, 'demo');
    display.connect(socket as unknown as DisplaySocket);

    display.act({ id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    expect(display.view?.status).toBe('busy');
    expect(display.pending).not.toBeNull();
    answers[0]!(null, { ok: false, code: 'room-busy', message: 'taken' });
    expect(display.pending).toBeNull();
    expect(display.view?.status).toBe('available');
    expect(display.actionProblem).toBe('room-busy');
    clock.advance(8_000);
    expect(display.actionProblem).toBeNull();

    display.act({ id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    answers[1]!(new Error('operation has timed out'));
    expect(display.view?.status).toBe('available');
    expect(display.actionProblem).toBe('unreachable');
  });

  it('refuses at once what the bridge would refuse, without sending it', () => {
    const clock = new FakeClock('2026-11-23T10:15:00+01:00');
    const socket = new ScriptedSocket();
    socket.watchAnswer = stateAt('2026-11-23T10:15:00+01:00');
    const display = new DisplayState(clock, 'demo');
    display.connect(socket as unknown as DisplaySocket);
    display.act({ id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    expect(display.pending).toBeNull();
    expect(display.actionProblem).toBe('room-busy');
  });
});
