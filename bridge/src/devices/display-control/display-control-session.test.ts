import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../test/support/fake-clock.ts';
import type { ByteTransport } from '../transport/byte-transport.ts';
import type { DeviceEvent, RoomWish } from '../room-device.ts';
import { DisplayControlSession } from './display-control-session.ts';
import type { DisplayAnswer, DisplayProtocol } from './display-protocol.ts';

/** One byte per command: '1' on, '0' standby, '?' query; answers 'O' on, 'S' standby, 'K' ack, 'B' busy, 'N' refused, anything else garbage. */
const oneByte: DisplayProtocol = {
  name: 'One-byte',
  baudRate: 9600,
  defaultTcpPort: undefined,
  setPower: (power) => new TextEncoder().encode(power === 'on' ? '1' : '0'),
  queryPower: () => new TextEncoder().encode('?'),
  readAnswer(received) {
    if (received.length === 0) return null;
    const answers: Record<string, DisplayAnswer> = {
      O: { kind: 'power', power: 'on' },
      S: { kind: 'power', power: 'standby' },
      K: { kind: 'ack' },
      B: { kind: 'busy' },
      N: { kind: 'refused', reason: 'no' },
    };
    return { answer: answers[String.fromCharCode(received[0]!)] ?? { kind: 'garbage', reason: 'noise' }, used: 1 };
  },
};

/** A display on the far end of an in-process byte stream, answering on the next tick as a wire would. */
class FakeDisplay {
  power: 'on' | 'standby' = 'standby';
  mode: 'answer' | 'silent' | 'refuse' | 'garbage' | 'noise-then-answer' | 'ignore-standby' = 'answer';
  reachable = true;
  /** How many commands to answer busy, doing nothing. */
  busy = 0;
  /** How many commands a change of power keeps it busy for. */
  busyAfterPowerChange = 0;
  /** Opening hangs until this is called. */
  hold: (() => void) | null = null;
  readonly commands: string[] = [];
  /** When each command came, on the clock. */
  readonly commandsAt: number[] = [];
  readonly opensAt: number[] = [];
  #drop: (() => void) | null = null;

  constructor(private readonly clock: FakeClock) {}

  open = async (): Promise<ByteTransport> => {
    this.opensAt.push(this.clock.now());
    if (!this.reachable) throw new Error('connect ECONNREFUSED');
    if (this.hold) await new Promise<void>((resolve) => (this.hold = resolve));
    let dataListener: (chunk: Uint8Array) => void = () => {};
    const closeListeners: (() => void)[] = [];
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      closeListeners.forEach((listener) => listener());
    };
    this.#drop = close;
    return {
      write: (bytes) => queueMicrotask(() => !closed && this.#answer(new TextDecoder().decode(bytes), (text) => dataListener(new TextEncoder().encode(text)))),
      onData: (listener) => (dataListener = listener),
      onClose: (listener) => closeListeners.push(listener),
      close,
    };
  };

  drop(): void {
    this.#drop?.();
  }

  #answer(command: string, send: (text: string) => void): void {
    this.commands.push(command);
    this.commandsAt.push(this.clock.now());
    if (this.mode === 'silent') return;
    if (this.mode === 'refuse') return send('N');
    if (this.mode === 'garbage') return send('xyz');
    if (this.busy > 0) {
      this.busy--;
      return send('B');
    }
    const power = command === '1' ? 'on' : command === '0' && this.mode !== 'ignore-standby' ? 'standby' : this.power;
    if (power !== this.power) this.busy = this.busyAfterPowerChange;
    this.power = power;
    send(`${this.mode === 'noise-then-answer' ? '~#' : ''}${this.power === 'on' ? 'O' : 'S'}`);
  }
}

/** Lets the in-process I/O happen: it all runs on microtasks, which end before the next macrotask. */
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};
/** Moves the clock on in steps no longer than the shortest backoff, letting the I/O of each step happen. */
async function pump(clock: FakeClock, ms: number, stepMs = 500): Promise<void> {
  for (let passed = 0; passed < ms; passed += stepMs) {
    clock.advance(Math.min(stepMs, ms - passed));
    await settle();
  }
}
const wish = (power: RoomWish['power']): RoomWish => ({ power, led: null, banner: null, roomName: 'Aurora' });

function rig(options: { start?: boolean; commandGapMs?: number; busyForMs?: number } = {}) {
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  const display = new FakeDisplay(clock);
  const logs: { level: number; msg: string; code?: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as (typeof logs)[number]) });
  const { commandGapMs, busyForMs } = options;
  const session = new DisplayControlSession({ protocol: oneByte, open: display.open, describe: 'One-byte on /dev/ttyFAKE', clock, logger, replyTimeoutMs: 1000, commandGapMs, busyForMs });
  const events: DeviceEvent[] = [];
  session.onEvent((event) => events.push(event));
  if (options.start !== false) session.start();
  const warnings = () => logs.filter((line) => line.level === 40);
  return { clock, display, session, events, warnings };
}

describe('display control session', () => {
  it('connects on start, sends the wish, reads the power back and says so in its status', async () => {
    const { display, session } = rig({ start: false });
    session.want(wish('ON'));
    expect(session.status()).toEqual({ kind: 'display', describe: 'One-byte on /dev/ttyFAKE', connected: false, lastContactAt: null, power: null, lastFault: null });
    session.start();
    await settle();
    expect(display.commands).toEqual(['1', '?']);
    expect(session.status()).toMatchObject({ connected: true, power: 'on', lastContactAt: '2026-11-23T10:00:00.000Z', lastFault: null });
  });

  it('sends a changed wish at once, nothing for a wish repeated, and leaves the screen alone for null', async () => {
    const { display, session } = rig();
    await settle();
    expect(display.commands).toEqual(['?']);
    session.want(wish('ON'));
    session.want(wish('ON'));
    await settle();
    session.want(wish('ON'));
    session.want(wish(null));
    await settle();
    expect(display.commands).toEqual(['?', '1', '?']);
  });

  it('sends one command at a time and the latest wish last', async () => {
    const { display, session } = rig();
    session.want(wish('ON'));
    session.want(wish('STANDBY'));
    session.want(wish('ON'));
    await settle();
    expect(display.commands).toEqual(['1', '?']);
    expect(display.power).toBe('on');
  });

  it('reads the power back every 60 s', async () => {
    const { clock, display, session } = rig();
    await settle();
    display.power = 'on';
    clock.advance(59_999);
    await settle();
    expect(display.commands).toEqual(['?']);
    clock.advance(1);
    await settle();
    expect(display.commands).toEqual(['?', '?']);
    expect(session.status().power).toBe('on');
  });

  it('skips garbage before an answer', async () => {
    const { display, session } = rig();
    display.mode = 'noise-then-answer';
    session.want(wish('ON'));
    await settle();
    expect(session.status()).toMatchObject({ connected: true, power: 'on', lastFault: null });
  });

  it.each([
    ['silent', 'no-answer', /no answer to power on within 1000 ms/],
    ['refuse', 'refused', /power on refused: no/],
    ['garbage', 'garbage', /only garbage in answer to power on \(noise\)/],
  ] as const)('turns a display that is %s into a fault, retries with backoff and recovers, keeping the fault', async (mode, code, text) => {
    const { clock, display, session, warnings } = rig();
    await settle();
    display.mode = mode;
    session.want(wish('ON'));
    await settle();
    clock.advance(1000);
    await settle();
    expect(session.status()).toMatchObject({ connected: false, lastFault: { code, at: '2026-11-23T10:00:01.000Z' } });
    expect(session.status().lastFault?.text).toMatch(text);
    expect(warnings()).toHaveLength(1);
    await pump(clock, 15_000);
    expect(display.opensAt.length).toBeGreaterThan(3);
    expect(warnings()).toHaveLength(1);
    display.mode = 'answer';
    display.power = 'standby';
    await pump(clock, 30_000);
    expect(display.power).toBe('on');
    expect(session.status()).toMatchObject({ connected: true, power: 'on', lastFault: { code } });
  });

  it('backs off from 0.5 s doubling to 30 s while the display cannot be reached, and starts again at 0.5 s after it answered', async () => {
    const { clock, display, session } = rig({ start: false });
    display.reachable = false;
    session.start();
    await settle();
    await pump(clock, 125_000);
    const gaps = display.opensAt.slice(1).map((at, i) => at - display.opensAt[i]!);
    expect(gaps.slice(0, 8)).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(session.status()).toMatchObject({ connected: false, lastFault: { code: 'unreachable', text: 'connect ECONNREFUSED' } });
    display.reachable = true;
    await pump(clock, 30_000);
    expect(session.status().connected).toBe(true);
    display.drop();
    const droppedAt = clock.now();
    clock.advance(500);
    await settle();
    expect(display.opensAt.at(-1)).toBe(droppedAt + 500);
  });

  it('gives up on a connection that does not open within 5 s', async () => {
    const { clock, display, session } = rig({ start: false });
    display.hold = () => {};
    session.start();
    await settle();
    clock.advance(5000);
    await settle();
    expect(session.status().lastFault).toMatchObject({ code: 'unreachable', text: 'no connection within 5 s' });
    display.hold?.();
    await settle();
    expect(session.status().connected).toBe(false);
  });

  it('leaves the protocol\'s gap between an answer and the next command, on the next connection too', async () => {
    const { clock, display, session } = rig({ commandGapMs: 600 });
    await settle();
    session.want(wish('ON'));
    await settle();
    expect(display.commands).toEqual(['?']);
    clock.advance(599);
    await settle();
    expect(display.commands).toEqual(['?']);
    clock.advance(1);
    await settle();
    expect(display.commands).toEqual(['?', '1']);
    await pump(clock, 600, 100);
    expect(display.commandsAt.map((at) => at - display.commandsAt[0]!)).toEqual([0, 600, 1200]);
    expect(session.status()).toMatchObject({ connected: true, power: 'on' });
    // The connection drops as the last answer comes: the first backoff (0.5 s) is shorter than the gap.
    display.drop();
    clock.advance(500);
    await settle();
    expect([display.opensAt.length, display.commands.length]).toEqual([2, 3]);
    clock.advance(100);
    await settle();
    clock.advance(600);
    await settle();
    expect(display.commands).toEqual(['?', '1', '?', '1', '?']);
    expect(display.commandsAt.slice(3).map((at) => at - display.commandsAt[2]!)).toEqual([600, 1200]);
  });

  it('asks a display busy with a power change again every second until it answers, with no fault and no reconnect', async () => {
    const { clock, display, session, warnings } = rig({ commandGapMs: 600, busyForMs: 15_000 });
    display.busyAfterPowerChange = 3;
    await settle();
    session.want(wish('ON'));
    const connected: boolean[] = [];
    for (let passed = 0; passed < 5000; passed += 100) {
      clock.advance(100);
      await settle();
      connected.push(session.status().connected);
    }
    expect(display.commands).toEqual(['?', '1', '?', '?', '?', '?']);
    expect(display.commandsAt.map((at) => at - display.commandsAt[0]!)).toEqual([0, 600, 1200, 2200, 3200, 4200]);
    expect(session.status()).toMatchObject({ connected: true, power: 'on', lastFault: null });
    expect(connected.every(Boolean)).toBe(true);
    expect(display.opensAt).toHaveLength(1);
    expect(warnings()).toEqual([]);
  });

  it('sends the latest wish when it asks a busy display again', async () => {
    const { clock, display, session } = rig({ busyForMs: 15_000 });
    await settle();
    display.busy = 1;
    session.want(wish('ON'));
    await settle();
    session.want(wish('STANDBY'));
    clock.advance(1000);
    await settle();
    expect(display.commands).toEqual(['?', '1', '0', '?']);
    expect(session.status()).toMatchObject({ connected: true, power: 'standby', lastFault: null });
  });

  it('counts a display busy for longer than the protocol allows as a refusal, and retries with backoff', async () => {
    const { clock, display, session, warnings } = rig({ busyForMs: 3000 });
    await settle();
    display.busy = Number.POSITIVE_INFINITY;
    session.want(wish('ON'));
    await settle();
    await pump(clock, 3000, 250);
    expect(display.commandsAt.map((at) => at - display.commandsAt[0]!)).toEqual([0, 0, 1000, 2000, 3000]);
    expect(session.status()).toMatchObject({ connected: false, lastFault: { code: 'refused', text: 'power on: the display said busy for 3.0 s' } });
    expect(warnings()).toHaveLength(1);
    display.busy = 0;
    await pump(clock, 1000, 250);
    expect(session.status()).toMatchObject({ connected: true, power: 'on' });
  });

  it('calls a busy answer a refusal at once when the protocol allows none', async () => {
    const { display, session } = rig();
    await settle();
    display.busy = 1;
    session.want(wish('ON'));
    await settle();
    expect(session.status()).toMatchObject({ connected: false, lastFault: { code: 'refused', text: 'power on: the display said busy' } });
  });

  it('stops a pause before the next command on close', async () => {
    const { clock, display, session } = rig({ commandGapMs: 600 });
    await settle();
    session.want(wish('ON'));
    await settle();
    session.close();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(1000);
    await settle();
    expect(display.commands).toEqual(['?']);
  });

  it('applies the wish again after the connection drops and comes back', async () => {
    const { clock, display, session } = rig();
    session.want(wish('ON'));
    await settle();
    display.drop();
    display.power = 'standby';
    expect(session.status()).toMatchObject({ connected: false, lastFault: { code: 'disconnected' } });
    clock.advance(500);
    await settle();
    expect(display.power).toBe('on');
    expect(display.commands).toEqual(['1', '?', '1', '?']);
    expect(session.status().connected).toBe(true);
  });

  it('calls a screen switched on by hand while standby is wanted a wake, once, and leaves it on until the next wish', async () => {
    const { clock, display, session, events } = rig();
    session.want(wish('STANDBY'));
    await settle();
    display.power = 'on';
    clock.advance(60_000);
    await settle();
    expect(events).toEqual([{ kind: 'wake' }]);
    clock.advance(60_000);
    session.want(wish('STANDBY'));
    await settle();
    expect(events).toEqual([{ kind: 'wake' }]);
    expect(display.power).toBe('on');
    expect(display.commands).toEqual(['0', '?', '?', '?']);
    session.want(wish('ON'));
    session.want(wish('STANDBY'));
    await settle();
    expect(display.power).toBe('standby');
    display.power = 'on';
    clock.advance(60_000);
    await settle();
    expect(events).toEqual([{ kind: 'wake' }, { kind: 'wake' }]);
  });

  it('calls no wake for a screen that ignores standby: standby was never confirmed', async () => {
    const { clock, display, session, events } = rig();
    session.want(wish('ON'));
    await settle();
    display.mode = 'ignore-standby';
    session.want(wish('STANDBY'));
    await settle();
    await pump(clock, 120_000);
    expect(display.commands).toEqual(['1', '?', '0', '?', '?', '?']);
    expect(session.status()).toMatchObject({ connected: true, power: 'on', lastFault: null });
    expect(events).toEqual([]);
  });

  it('passes the wake to listeners; a listener that throws hurts nobody, one that wants ON gets it', async () => {
    const { clock, display, session, events } = rig();
    session.onEvent(() => {
      throw new Error('listener bug');
    });
    session.onEvent(() => session.want(wish('ON')));
    session.want(wish('STANDBY'));
    await settle();
    display.power = 'on';
    clock.advance(60_000);
    await settle();
    expect(events).toEqual([{ kind: 'wake' }]);
    expect(display.commands.slice(-2)).toEqual(['1', '?']);
    expect(session.status()).toMatchObject({ connected: true, power: 'on' });
  });

  it('stops everything on close', async () => {
    const { clock, display, session } = rig();
    session.want(wish('ON'));
    await settle();
    session.close();
    session.want(wish('STANDBY'));
    clock.advance(120_000);
    await settle();
    expect(display.commands).toEqual(['1', '?']);
    expect(display.opensAt).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
    expect(session.status().connected).toBe(false);
  });
});
