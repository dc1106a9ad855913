import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors.ts';
import { Room, toPublicRoom, type RoomState } from '../../../shared/model.ts';
import type { PairingCode, RoomLink } from '../../../shared/socket-events.ts';
import { timed } from '../../../test/support/meetings.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { ScriptedSocket } from '../../../test/support/scripted-socket.ts';
import 'fake-indexeddb/auto';
import { DisplayDb, type SavedSnapshot } from '../offline/display-db.ts';
import { DisplayState, SAY_CONNECTING_AFTER_MS, type DisplaySocket } from './display-state.svelte.ts';

/** The bridge's side of a display's socket: watches, pairing-code and room-link requests answered as scripted, and recorded. */
class ScriptedDisplayChannel extends ScriptedSocket {
  watchAnswer: RoomState | null = null;
  /** The bridge links this display to no room: watches are answered `display-unpaired`. */
  unpaired = false;
  /** Watches are answered with this refusal instead, when set. */
  watchRefusal: Result<never> | null = null;
  /** Watches go unanswered: the bridge is about to close the connection. */
  silent = false;
  readonly watchRequests: unknown[] = [];
  readonly pairingRequests: unknown[] = [];
  readonly linkRequests: unknown[] = [];
  /** How many times the display asked socket.io to connect again. */
  connects = 0;
  pairingAnswer: () => Result<PairingCode> = () => ({ ok: false, code: 'internal', message: 'no code scripted' });
  linkAnswer: () => Result<RoomLink> = () => ({ ok: false, code: 'forbidden', message: 'no link scripted' });

  connect() {
    this.connects++;
    this.connected = true;
    this.fire('connect');
    return this;
  }

  protected override reply(event: string, request: unknown): unknown {
    if (event === 'room:watch') {
      this.watchRequests.push(request);
      if (this.silent) return undefined;
      if (this.watchRefusal) return this.watchRefusal;
      return this.unpaired ? { ok: false, code: 'display-unpaired', message: 'This display is not linked to a room.' } : { ok: true, data: this.watchAnswer };
    }
    if (event === 'display:pairing-code') {
      this.pairingRequests.push(request);
      return this.pairingAnswer();
    }
    if (event === 'room:link') {
      this.linkRequests.push(request);
      return this.linkAnswer();
    }
    return undefined;
  }
}

const DISPLAY = '9f1c1d2e-0000-4000-8000-000000000001';

/** The demo room, `open` (anyone may read it) unless told otherwise. */
function stateAt(now: string, access: 'open' | 'paired' = 'open'): RoomState {
  const meeting = timed('2026-11-23T10:00:00+01:00', '2026-11-23T10:30:00+01:00', { roomId: 'demo', id: 'm' });
  return {
    room: toPublicRoom(Room.parse({ id: 'demo', name: 'Harbour', timeZone: 'Europe/Amsterdam', access })),
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
    roomCount: 1,
    notices: [],
    occupied: null,
  };
}

/** A display connected over a scripted socket whose bridge answers `answer` (by default a busy room at `now`). */
function connectedDisplay(now: string, answer: RoomState = stateAt(now)) {
  const clock = new FakeClock(now);
  const socket = new ScriptedDisplayChannel();
  socket.watchAnswer = answer;
  const display = new DisplayState(clock, { roomId: 'demo' }, DISPLAY);
  const stop = display.connect(socket as unknown as DisplaySocket);
  void display.useDb(null);
  return { clock, socket, display, stop };
}

describe('display state', () => {
  it("shows which screen it is for the seconds an admin's Identify asks, a second Identify starting them again", () => {
    const { clock, socket, display, stop } = connectedDisplay('2026-11-23T10:15:00+01:00');
    socket.fire('display:identify', { name: 'Lobby left', room: 'Harbour', seconds: 10 });
    expect(display.identified).toEqual({ name: 'Lobby left', room: 'Harbour', seconds: 10 });
    clock.advance(6_000);
    socket.fire('display:identify', { name: 'Lobby left', room: 'Harbour', seconds: 10 });
    clock.advance(9_999);
    expect(display.identified?.name).toBe('Lobby left');
    clock.advance(1);
    expect(display.identified).toBeNull();
    stop();
  });

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

  it('waits a second without a room before it may say it is connecting: a quicker start shows the room with no word flashed first', () => {
    const clock = new FakeClock('2026-11-23T10:15:00+01:00');
    const display = new DisplayState(clock, { roomId: 'demo' }, DISPLAY);
    clock.advance(SAY_CONNECTING_AFTER_MS - 1);
    expect(display.waitedToConnect).toBe(false);
    clock.advance(1);
    expect(display.waitedToConnect).toBe(true);
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
    const socket = new ScriptedDisplayChannel();
    socket.watchAnswer = { ...stateAt(now), events: [], current: null, status: 'available' };
    const sent: { action: { id: string; takenAt?: string }; ack: (...args: unknown[]) => void }[] = [];
    (socket as unknown as { timeout: () => unknown }).timeout = () => ({
      emit: (_event: string, request: { action: { id: string } }, ack: (...args: unknown[]) => void) => sent.push({ action: request.action, ack }),
    });
    const display = new DisplayState(clock, { roomId: 'demo' }, DISPLAY);
    display.connect(socket as unknown as DisplaySocket);
    void display.useDb(null);
    return { clock, socket, sent, display };
  }

  it('shows the action at once and rolls it back with the reason when the bridge refuses', async () => {
    const { clock, sent, display } = freeRoom();
    const id = crypto.randomUUID();
    display.act({ id, type: 'book-now', minutes: 15 });
    expect(display.view?.status).toBe('busy');
    expect(display.outbox).toHaveLength(1);
    expect(display.lastDone?.kind).toBe('booked');
    await flush();
    expect(sent[0]?.action.takenAt).toBe('2026-11-23T09:40:00.000Z');
    sent[0]!.ack(null, { ok: false, code: 'room-busy', message: 'taken' });
    await flush();
    expect(display.outbox).toEqual([]);
    expect(display.view?.status).toBe('available');
    expect(display.actionProblem).toEqual({ code: 'room-busy', takenOffline: false, actionId: id });
    expect(display.lastDone).toBeNull();
    // Whoever tapped is at the screen: the reason shows for a few seconds, then goes by itself.
    clock.advance(8_000);
    expect(display.actionProblem).toBeNull();
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

  it('keeps an action queued while the bridge cannot reach its store, showing no refusal, and sends it again', async () => {
    const { clock, sent, display } = freeRoom();
    display.act({ id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    await flush();
    sent[0]!.ack(null, { ok: false, code: 'store-unavailable', message: 'The bridge cannot reach its database just now.' });
    await flush();
    expect(display.view?.status).toBe('busy');
    expect(display.outbox).toHaveLength(1);
    expect(display.actionProblem).toBeNull();
    clock.advance(5_000);
    await flush();
    expect(sent[1]?.action).toEqual(sent[0]?.action);
    sent[1]!.ack(null, { ok: true, data: { ...stateAt('2026-11-23T10:41:00+01:00') } });
    await flush();
    expect(display.outbox).toEqual([]);
  });

  it('queues actions taken offline and replays them in order once connected', async () => {
    const { clock, socket, sent, display } = freeRoom();
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
    expect(display.actionProblem).toEqual({ code: 'extend-conflict', takenOffline: true, actionId: second });
    // Whoever took it offline may be long gone: the refusal stays until someone dismisses it.
    clock.advance(60 * 60_000);
    expect(display.actionProblem?.actionId).toBe(second);
    display.dismissProblem();
    expect(display.actionProblem).toBeNull();
  });

  it('keeps actions the bridge refused for now (rate-limited) queued, in order, showing no refusal, and sends them again after the wait', async () => {
    const { clock, socket, sent, display } = freeRoom();
    socket.connected = false;
    socket.fire('disconnect');
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    display.act({ id: ids[0]!, type: 'book-now', minutes: 15 });
    display.act({ id: ids[1]!, type: 'extend', minutes: 15 });
    display.act({ id: ids[2]!, type: 'extend', minutes: 15 });
    socket.connected = true;
    socket.fire('connect');
    await flush();
    const limited = { ok: false, code: 'rate-limited', message: 'Too many walk-up actions from this device: try again in 6 s.', retryAfterMs: 6_000 };
    sent[0]!.ack(null, { ok: true, data: stateAt('2026-11-23T10:40:00+01:00') });
    sent[1]!.ack(null, limited);
    sent[2]!.ack(null, limited);
    await flush();
    expect(display.outbox.map((entry) => entry.action.id)).toEqual([ids[1], ids[2]]);
    expect(display.actionProblem).toBeNull();

    clock.advance(5_999);
    await flush();
    expect(sent).toHaveLength(3);
    clock.advance(1);
    await flush();
    expect(sent.slice(3).map((each) => each.action.id)).toEqual([ids[1], ids[2]]);
    sent[3]!.ack(null, { ok: true, data: stateAt('2026-11-23T10:46:00+01:00') });
    sent[4]!.ack(null, { ok: true, data: stateAt('2026-11-23T10:46:00+01:00') });
    await flush();
    expect(display.outbox).toEqual([]);
    expect(display.actionProblem).toBeNull();
  });

  it('watches again after the wait when the bridge says too many requests, showing no problem', () => {
    const clock = new FakeClock('2026-11-23T10:15:00+01:00');
    const socket = new (class extends ScriptedDisplayChannel {
      protected override reply(event: string, request: unknown): unknown {
        if (event === 'room:watch' && this.watchRequests.length === 0) {
          this.watchRequests.push(request);
          return { ok: false, code: 'rate-limited', message: 'Too many events on this connection: try again in 1 s.', retryAfterMs: 50 };
        }
        return super.reply(event, request);
      }
    })();
    socket.watchAnswer = stateAt('2026-11-23T10:15:00+01:00');
    const display = new DisplayState(clock, { roomId: 'demo' }, DISPLAY);
    const stop = display.connect(socket as unknown as DisplaySocket);
    void display.useDb(null);
    expect(display.problem).toBeNull();
    expect(display.connection).toBe('connecting');
    clock.advance(50);
    expect(socket.watchRequests).toHaveLength(2);
    expect(display.connection).toBe('live');
    expect(display.view?.status).toBe('busy');
    stop();
  });

  it('refuses at once what the bridge would refuse, without queueing it', () => {
    const { display } = connectedDisplay('2026-11-23T10:15:00+01:00');
    const id = crypto.randomUUID();
    display.act({ id, type: 'book-now', minutes: 15 });
    expect(display.outbox).toEqual([]);
    expect(display.actionProblem).toEqual({ code: 'room-busy', takenOffline: false, actionId: id });
  });

  it('keeps the room state the bridge sends in its database', async () => {
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    const clock = new FakeClock('2026-11-23T10:40:00+01:00');
    const socket = new ScriptedDisplayChannel();
    socket.watchAnswer = stateAt('2026-11-23T10:40:00+01:00');
    const display = new DisplayState(clock, { roomId: 'demo' }, DISPLAY);
    display.connect(socket as unknown as DisplaySocket);
    await display.useDb(db);
    clock.advance(500);
    await flush();
    expect((await db.loadSnapshot('demo'))?.state.room.id).toBe('demo');
    db.close();
  });

  it('brings back the room and the queued actions after a restart without the bridge', async () => {
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    const clock = new FakeClock('2026-11-23T10:40:00+01:00');
    const socket = new ScriptedDisplayChannel();
    socket.watchAnswer = { ...stateAt('2026-11-23T10:40:00+01:00'), events: [], current: null, status: 'available' };
    (socket as unknown as { timeout: () => unknown }).timeout = () => ({ emit: () => {} });
    const before = { clock, socket, display: new DisplayState(clock, { roomId: 'demo' }, DISPLAY) };
    before.display.connect(socket as unknown as DisplaySocket);
    await before.display.useDb(db);
    before.socket.connected = false;
    before.socket.fire('disconnect');
    before.display.act({ id: crypto.randomUUID(), type: 'book-now', minutes: 30 });
    before.clock.advance(500);
    await flush();
    await flush();

    const restarted = new DisplayState(new FakeClock('2026-11-23T10:50:00+01:00'), { roomId: 'demo' }, DISPLAY);
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

describe('pairing', () => {
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  /** A display at `/` (no room in its URL) whose bridge hands out codes valid 10 min from the bridge's `now`. */
  function displayAtRoot(now: string, { unpaired = true, db }: { unpaired?: boolean; db?: DisplayDb } = {}) {
    const clock = new FakeClock(now);
    const socket = new ScriptedDisplayChannel();
    socket.unpaired = unpaired;
    socket.watchAnswer = stateAt(now);
    let issued = 0;
    let bridgeOffsetMs = 0;
    socket.pairingAnswer = () => {
      issued++;
      const code = `ABCDEF${String(issued).padStart(2, '2')}`;
      return { ok: true, data: { code, expiresAt: new Date(clock.now() + bridgeOffsetMs + 10 * 60_000).toISOString(), now: new Date(clock.now() + bridgeOffsetMs).toISOString(), adminUrl: 'http://bridge.local:8080/admin/' } };
    };
    const display = new DisplayState(clock, {}, DISPLAY);
    const start = async () => {
      const stop = display.connect(socket as unknown as DisplaySocket);
      await display.useDb(db ?? null);
      return stop;
    };
    return { clock, socket, display, start, setBridgeOffset: (ms: number) => (bridgeOffsetMs = ms) };
  }

  it('watches with its display id when its URL names no room, and with the room id too when it does', async () => {
    const atRoot = displayAtRoot('2026-11-23T10:15:00+01:00', { unpaired: false });
    await atRoot.start();
    expect(atRoot.socket.watchRequests).toEqual([{ displayId: DISPLAY }]);

    const { socket } = connectedDisplay('2026-11-23T10:15:00+01:00');
    expect(socket.watchRequests).toEqual([{ roomId: 'demo', displayId: DISPLAY }]);
  });

  it('shows a pairing code instead of any room when the bridge says it is unpaired', async () => {
    const { socket, display, start } = displayAtRoot('2026-11-23T10:15:00+01:00');
    await start();
    expect(display.unpaired).toBe(true);
    expect(display.snapshot).toBeNull();
    expect(display.problem).toBeNull();
    expect(display.connection).toBe('live');
    expect(socket.pairingRequests).toEqual([{ displayId: DISPLAY }]);
    expect(display.pairing.code?.code).toBe('ABCDEF21');
  });

  it('switches to the linked room at once when an admin links it, and back to a code when unlinked', async () => {
    const { socket, display, start } = displayAtRoot('2026-11-23T10:15:00+01:00');
    await start();
    socket.unpaired = false;
    socket.fire('display:assigned', { roomId: 'demo' });
    expect(display.unpaired).toBe(false);
    expect(display.snapshot?.room.name).toBe('Harbour');
    expect(display.view?.status).toBe('busy');
    expect(display.pairing.code).toBeNull();

    socket.unpaired = true;
    socket.fire('display:assigned', { roomId: null });
    expect(display.unpaired).toBe(true);
    expect(display.snapshot).toBeNull();
    expect(display.view).toBeNull();
    expect(display.pairing.code).not.toBeNull();
  });

  it('ignores a late push of the room it was linked away from', async () => {
    const { socket, display, start } = displayAtRoot('2026-11-23T10:15:00+01:00', { unpaired: false });
    await start();
    const other = stateAt('2026-11-23T10:15:00+01:00');
    socket.watchAnswer = { ...other, room: { ...other.room, id: 'lagoon', name: 'Lagoon' } };
    socket.fire('display:assigned', { roomId: 'lagoon' });
    expect(display.snapshot?.room.name).toBe('Lagoon');
    socket.fire('room:state', stateAt('2026-11-23T10:15:01+01:00'));
    expect(display.snapshot?.room.name).toBe('Lagoon');
    socket.fire('room:state', { ...socket.watchAnswer, events: [], current: null });
    expect(display.view?.status).toBe('available');
  });

  it('ignores a late push of the room it was unlinked from', async () => {
    const { socket, display, start } = displayAtRoot('2026-11-23T10:15:00+01:00');
    await start();
    socket.fire('room:state', stateAt('2026-11-23T10:15:01+01:00'));
    expect(display.snapshot).toBeNull();
  });

  it('forgets the saved copy of its old room when unlinked, and does not bring it back on restart', async () => {
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    const linked = displayAtRoot('2026-11-23T10:15:00+01:00', { unpaired: false, db });
    await linked.start();
    linked.clock.advance(500);
    await flush();
    expect((await db.loadSnapshot('default'))?.state.room.id).toBe('demo');

    linked.socket.unpaired = true;
    linked.socket.fire('display:assigned', { roomId: null });
    await flush();
    await flush();
    expect(await db.loadSnapshot('default')).toBeUndefined();

    // Saved again by an older version, say; the bridge answers before the database is open.
    await db.saveSnapshot({ roomKey: 'default', state: stateAt('2026-11-23T10:15:00+01:00'), clockOffsetMs: 0, offlineSince: null });
    const restarted = displayAtRoot('2026-11-23T10:20:00+01:00', { db });
    await restarted.start();
    await flush();
    expect(restarted.display.snapshot).toBeNull();
    expect(await db.loadSnapshot('default')).toBeUndefined();
    db.close();
  });

  it("asks for a new code when the current one expires on the bridge's clock", async () => {
    // The display's clock is 2 min behind the bridge's, which it learnt from the room it showed before.
    const { clock, socket, display, start, setBridgeOffset } = displayAtRoot('2026-11-23T10:15:00+01:00', { unpaired: false });
    setBridgeOffset(2 * 60_000);
    socket.watchAnswer = stateAt('2026-11-23T10:17:00+01:00');
    await start();
    socket.unpaired = true;
    socket.fire('display:assigned', { roomId: null });
    expect(display.pairing.code?.expiresAt).toBe('2026-11-23T09:27:00.000Z');

    // Expired on the bridge 10 min from now, not 12 as the display's own clock would have it.
    clock.advance(10 * 60_000 - 1_000);
    expect(socket.pairingRequests).toHaveLength(1);
    clock.advance(2_000);
    expect(socket.pairingRequests).toHaveLength(2);
    expect(display.pairing.code?.code).toBe('ABCDEF22');
  });

  it('asks again a little later when the bridge refuses a code, and shows why meanwhile', async () => {
    const { clock, socket, display, start } = displayAtRoot('2026-11-23T10:15:00+01:00');
    const issue = socket.pairingAnswer;
    socket.pairingAnswer = () => ({ ok: false, code: 'internal', message: 'store locked' });
    await start();
    expect(display.pairing.problem?.code).toBe('internal');
    socket.pairingAnswer = issue;
    clock.advance(5_000);
    expect(display.pairing.problem).toBeNull();
    expect(display.pairing.code).not.toBeNull();
  });

  it('stops asking for codes once stopped', async () => {
    const { clock, socket, start } = displayAtRoot('2026-11-23T10:15:00+01:00');
    const stop = await start();
    stop();
    clock.advance(60 * 60_000);
    expect(socket.pairingRequests).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe("the display's credential", () => {
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  const NOW = '2026-11-23T10:15:00+01:00';

  /** Codes valid 10 min; the first comes with `credential`, as the bridge gives one only with a code new to the display. */
  function issuing(clock: FakeClock, credential: string): () => Result<PairingCode> {
    let issued = 0;
    return () => {
      issued++;
      const code = { code: `ABCDEF${String(issued).padStart(2, '2')}`, expiresAt: new Date(clock.now() + 10 * 60_000).toISOString(), now: new Date(clock.now()).toISOString(), adminUrl: 'http://bridge.local:8080/admin/' };
      return { ok: true, data: issued === 1 ? { ...code, credential } : code };
    };
  }

  it('waits for the credential kept on the display before watching, then watches with it and the room in its URL', async () => {
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    await db.saveCredential('kept-secret');
    const socket = new ScriptedDisplayChannel();
    socket.watchAnswer = stateAt(NOW, 'paired');
    const display = new DisplayState(new FakeClock(NOW), { roomId: 'demo' }, DISPLAY);
    display.connect(socket as unknown as DisplaySocket);
    expect(socket.watchRequests).toEqual([]);

    await display.useDb(db);
    expect(socket.watchRequests).toEqual([{ roomId: 'demo', displayId: DISPLAY, credential: 'kept-secret' }]);
    expect(display.view?.status).toBe('busy');
    db.close();
  });

  it('keeps the credential that comes with a new pairing code, and sends it from then on', async () => {
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    const clock = new FakeClock(NOW);
    const socket = new ScriptedDisplayChannel();
    socket.unpaired = true;
    socket.pairingAnswer = issuing(clock, 'new-secret');
    const display = new DisplayState(clock, { roomId: 'demo' }, DISPLAY);
    display.connect(socket as unknown as DisplaySocket);
    await display.useDb(db);

    // A display whose URL names a paired room, without a credential: it pairs as one at `/` does.
    expect(display.unpaired).toBe(true);
    expect(display.pairing.code?.code).toBe('ABCDEF21');
    expect(display.pairing.code).not.toHaveProperty('credential');
    await flush();
    expect(await db.loadCredential()).toBe('new-secret');

    clock.advance(10 * 60_000 + 1_000);
    expect(socket.pairingRequests).toEqual([{ displayId: DISPLAY }, { displayId: DISPLAY, credential: 'new-secret' }]);

    socket.unpaired = false;
    socket.watchAnswer = stateAt(NOW, 'paired');
    socket.fire('display:assigned', { roomId: 'demo' });
    expect(socket.watchRequests.at(-1)).toEqual({ roomId: 'demo', displayId: DISPLAY, credential: 'new-secret' });
    expect(display.snapshot?.room.name).toBe('Harbour');
    db.close();
  });

  it('goes back to a pairing code, with a new credential, when an admin unlinks it and the bridge closes the connection', async () => {
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    await db.saveCredential('old-secret');
    const clock = new FakeClock(NOW);
    const socket = new ScriptedDisplayChannel();
    socket.watchAnswer = stateAt(NOW, 'paired');
    socket.pairingAnswer = issuing(clock, 'fresh-secret');
    const display = new DisplayState(clock, {}, DISPLAY);
    display.connect(socket as unknown as DisplaySocket);
    await display.useDb(db);
    expect(display.snapshot?.room.name).toBe('Harbour');

    // The bridge tells it, then closes the connection before answering the watch that follows.
    socket.silent = true;
    socket.unpaired = true;
    socket.fire('display:assigned', { roomId: null });
    expect(display.snapshot).toBeNull();
    socket.connected = false;
    socket.fire('disconnect', 'io server disconnect');
    expect(display.unpaired).toBe(false);

    socket.silent = false;
    clock.advance(999);
    expect(socket.connects).toBe(0);
    clock.advance(1);
    expect(socket.connects).toBe(1);
    expect(socket.watchRequests.at(-1)).toEqual({ displayId: DISPLAY, credential: 'old-secret' });
    expect(display.unpaired).toBe(true);
    expect(display.pairing.code?.code).toBe('ABCDEF21');
    expect(socket.pairingRequests).toEqual([{ displayId: DISPLAY, credential: 'old-secret' }]);
    await flush();
    expect(await db.loadCredential()).toBe('fresh-secret');
    db.close();
  });

  it('connects again by itself only when the bridge closed the connection (socket.io does otherwise)', () => {
    const { clock, socket, display } = connectedDisplay(NOW);
    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    clock.advance(60_000);
    expect(socket.connects).toBe(0);

    socket.fire('disconnect', 'io server disconnect');
    clock.advance(2_000);
    expect(socket.connects).toBe(1);
    expect(socket.watchRequests).toHaveLength(2);
    expect(display.connection).toBe('live');
  });
});

describe("the room's QR code", () => {
  const NOW = '2026-11-23T10:15:00+01:00';
  const link = (url: string): Result<RoomLink> => ({
    ok: true,
    data: { url, expiresAt: '2026-11-23T09:25:00.000Z', refreshAt: '2026-11-23T09:20:00.000Z', now: '2026-11-23T09:15:00.000Z' },
  });

  it("opens an open room's page, and the display asks for no link", () => {
    const { socket, display } = connectedDisplay(NOW);
    expect(display.qrUrl).toBe('http://bridge.local:8080/rooms/demo');
    expect(socket.linkRequests).toEqual([]);
  });

  it("opens the signed link on a paired room's display, and is hidden once the bridge refuses one", () => {
    const { clock, socket, display } = connectedDisplay(NOW, stateAt(NOW, 'paired'));
    expect(display.qrUrl).toBeNull();
    socket.linkAnswer = () => link('http://bridge.local:8080/rooms/demo?link=one');
    socket.fire('connect');
    expect(socket.linkRequests.at(-1)).toEqual({ roomId: 'demo' });
    expect(display.qrUrl).toBe('http://bridge.local:8080/rooms/demo?link=one');

    // A push of the same room keeps the link it has.
    const asked = socket.linkRequests.length;
    socket.fire('room:state', stateAt('2026-11-23T10:16:00+01:00', 'paired'));
    expect(socket.linkRequests).toHaveLength(asked);

    socket.linkAnswer = () => ({ ok: false, code: 'forbidden', message: 'not this display' });
    clock.advance(5 * 60_000);
    expect(display.qrUrl).toBeNull();
  });

  it('goes back to the room page when the room is made open, and asks for no more links', () => {
    const { clock, socket, display } = connectedDisplay(NOW, stateAt(NOW, 'paired'));
    socket.linkAnswer = () => link('http://bridge.local:8080/rooms/demo?link=one');
    socket.fire('connect');
    const asked = socket.linkRequests.length;
    socket.fire('room:state', stateAt('2026-11-23T10:16:00+01:00', 'open'));
    expect(display.qrUrl).toBe('http://bridge.local:8080/rooms/demo');
    clock.advance(60 * 60_000);
    expect(socket.linkRequests).toHaveLength(asked);
  });
});

describe('a phone that scanned the QR code', () => {
  const NOW = '2026-11-23T10:15:00+01:00';
  const expired = { code: 'room-link-invalid', message: 'This room link is not valid or has expired.' } as const;

  function phone(answer: RoomState | null = stateAt(NOW, 'paired')) {
    const clock = new FakeClock(NOW);
    const socket = new ScriptedDisplayChannel();
    socket.watchAnswer = answer;
    const sent: unknown[] = [];
    (socket as unknown as { timeout: () => unknown }).timeout = () => ({ emit: (_event: string, request: unknown) => sent.push(request) });
    const display = new DisplayState(clock, { roomId: 'demo', link: 'TOKEN' }, DISPLAY);
    display.connect(socket as unknown as DisplaySocket);
    return { clock, socket, display, sent };
  }

  it('watches with its link, not as a display, and shows a paired room without a QR code', () => {
    const { socket, display } = phone();
    expect(socket.watchRequests).toEqual([{ roomId: 'demo', link: 'TOKEN' }]);
    expect(display.view?.status).toBe('busy');
    expect(display.qrUrl).toBeNull();
    expect(socket.linkRequests).toEqual([]);
  });

  it('shows why in place of the room, and no pairing code, when its link is refused', () => {
    const clock = new FakeClock(NOW);
    const socket = new ScriptedDisplayChannel();
    socket.watchRefusal = { ok: false, ...expired };
    const display = new DisplayState(clock, { roomId: 'demo', link: 'TOKEN' }, DISPLAY);
    display.connect(socket as unknown as DisplaySocket);

    expect(display.problem?.code).toBe('room-link-invalid');
    expect(display.snapshot).toBeNull();
    expect(display.unpaired).toBe(false);
    expect(socket.pairingRequests).toEqual([]);
    socket.fire('connect');
    expect(socket.watchRequests).toHaveLength(1);
  });

  it('loses the room and acts no more once the bridge says its link ran out', () => {
    const { clock, socket, display, sent } = phone();
    socket.fire('room:access-ended', expired);
    expect(display.snapshot).toBeNull();
    expect(display.problem?.code).toBe('room-link-invalid');
    expect(display.unpaired).toBe(false);

    display.act({ id: crypto.randomUUID(), type: 'end-now' });
    socket.fire('room:state', stateAt('2026-11-23T10:16:00+01:00', 'paired'));
    socket.connected = false;
    socket.fire('disconnect', 'io server disconnect');
    clock.advance(60_000);
    expect(sent).toEqual([]);
    expect(display.snapshot).toBeNull();
    expect(socket.connects).toBe(0);
    expect(socket.watchRequests).toHaveLength(1);
    expect(socket.pairingRequests).toEqual([]);
  });

  it("ends its visit at its link's expiry on its own clock while the bridge is out of reach, and forgets what its tab kept", async () => {
    const clock = new FakeClock(NOW);
    const socket = new ScriptedDisplayChannel();
    socket.watchAnswer = stateAt(NOW, 'paired');
    const display = new DisplayState(clock, { roomId: 'demo', link: 'TOKEN', linkExpiresAt: Date.parse(NOW) + 10 * 60_000 }, DISPLAY);
    let kept: SavedSnapshot | undefined;
    await display.useRoomCopy({
      loadSnapshot: async () => kept,
      saveSnapshot: async (snapshot) => void (kept = snapshot),
      deleteSnapshot: async () => void (kept = undefined),
      enqueue: async () => 1,
      queued: async () => [],
      remove: async () => {},
    });
    display.connect(socket as unknown as DisplaySocket);
    clock.advance(1_000);
    expect(kept?.state.room.id).toBe('demo');

    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    clock.advance(10 * 60_000 - 2_000);
    expect(display.view?.status).toBe('busy');
    clock.advance(1_000);
    expect(display.snapshot).toBeNull();
    expect(display.problem?.code).toBe('room-link-invalid');
    expect(kept).toBeUndefined();
  });

  it("watches an open room's page as no display, with neither link nor id, and never pairs", () => {
    const clock = new FakeClock(NOW);
    const socket = new ScriptedDisplayChannel();
    socket.watchAnswer = stateAt(NOW);
    const display = new DisplayState(clock, { roomId: 'demo', fromQrCode: true }, DISPLAY);
    display.connect(socket as unknown as DisplaySocket);
    expect(socket.watchRequests).toEqual([{ roomId: 'demo' }]);
    expect(display.view?.status).toBe('busy');

    socket.unpaired = true;
    socket.fire('room:access-ended', { code: 'room-not-open', message: 'Room "demo" is shown only on its paired displays.' });
    expect(display.snapshot).toBeNull();
    expect(display.unpaired).toBe(false);
    expect(socket.watchRequests).toHaveLength(1);
    expect(socket.pairingRequests).toEqual([]);
  });

  it('is unlike a display, which watches again when its room stops being open to it, and pairs', () => {
    const { socket, display } = connectedDisplay(NOW);
    socket.unpaired = true;
    socket.pairingAnswer = () => ({ ok: false, code: 'internal', message: 'no code scripted' });
    socket.fire('room:access-ended', { code: 'room-not-open', message: 'Room "demo" is shown only on its paired displays.' });
    expect(socket.watchRequests).toHaveLength(2);
    expect(display.unpaired).toBe(true);
    expect(display.snapshot).toBeNull();
  });
});
