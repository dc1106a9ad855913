import { LineFramer } from './line-framer.ts';
import { LED_COLORS, LED_MODES } from './messages.ts';

export interface SimulatedUnitState {
  power: 'on' | 'standby';
  led: string;
  /** The banner text as decoded, or null when cleared. */
  banner: string | null;
  /** The unit clock as last set, unix seconds. */
  clock: number | null;
  sharing: boolean;
  clients: number;
  /** null when the unit has no occupancy sensor. */
  people: number | null;
}

/** Faults the simulator can be told to show, as a real unit in a real room does. */
export interface SimulatedFaults {
  /** Requests get no reply at all. */
  silent: boolean;
  /** Replies are held back this long (the protocol allows up to 500 ms). */
  replyDelayMs: number;
  /** Replies are held and sent in reverse order, all at once, when `releaseHeld` is called. */
  holdReplies: boolean;
  /** The monitor is unplugged: POWER ON answers ERR 409. */
  monitorUnplugged: boolean;
}

export interface SimulatedUnitOptions {
  model?: string;
  serial?: string;
  firmware?: string;
  /** Sends bytes to the host. */
  send: (bytes: Uint8Array) => void;
  /** How the simulator waits (injected so tests run on a fake clock). */
  setTimer: (callback: () => void, delayMs: number) => () => void;
}

/**
 * A base unit, behaving as base-unit-protocol.md describes: the simulated
 * unit of the embedded default, and the heart of the pseudo-terminal
 * simulator that tests the real serial path.
 */
export class SimulatedUnit {
  readonly model: string;
  readonly serial: string;
  readonly firmware: string;
  readonly faults: SimulatedFaults = { silent: false, replyDelayMs: 0, holdReplies: false, monitorUnplugged: false };
  state: SimulatedUnitState = SimulatedUnit.#freshState();
  /** Every request line received, for tests and for the simulator's log. */
  readonly received: string[] = [];

  readonly #send: (bytes: Uint8Array) => void;
  readonly #setTimer: SimulatedUnitOptions['setTimer'];
  readonly #framer = new LineFramer();
  #held: string[] = [];

  constructor(options: SimulatedUnitOptions) {
    this.model = options.model ?? 'BU-200';
    this.serial = options.serial ?? 'SIM0001';
    this.firmware = options.firmware ?? '2.4.1';
    this.#send = options.send;
    this.#setTimer = options.setTimer;
  }

  /** Bytes from the host. */
  receive(chunk: Uint8Array): void {
    for (const framed of this.#framer.push(chunk)) {
      if (framed.kind === 'too-long') {
        const tag = /^([0-9A-Fa-f]{1,4}) /.exec(framed.head)?.[1];
        if (tag) this.#reply(`${tag} ERR 413 line too long`);
        continue;
      }
      this.received.push(framed.text);
      const answer = this.#answer(framed.text);
      if (answer !== null) this.#reply(answer);
    }
  }

  /** An unsolicited event line, e.g. `SHARING state=1 clients=1`. */
  event(text: string): void {
    this.#line(`! ${text}`);
  }

  startSharing(clients = 1): void {
    this.state.sharing = true;
    this.state.clients = clients;
    this.event(`SHARING state=1 clients=${clients}`);
  }

  stopSharing(): void {
    this.state.sharing = false;
    this.event('SHARING state=0');
  }

  setPeople(people: number | null): void {
    this.state.people = people;
    this.event(`PEOPLE n=${people ?? 'unknown'}`);
  }

  pressButton(name: 'WAKE' | 'BOOK'): void {
    this.event(`BUTTON name=${name}`);
  }

  /** Someone used the remote: the monitor's power changed behind the host's back. */
  powerChangedLocally(power: 'on' | 'standby'): void {
    this.state.power = power;
    this.event(`POWER state=${power}`);
  }

  fault(code: number, text: string): void {
    this.event(`FAULT code=${code} text=${text.replaceAll(' ', '_')}`);
  }

  /** The unit restarts: everything the host set is lost. */
  reboot(): void {
    this.powerCycle();
    this.event(`BOOT fw=${this.firmware}`);
  }

  /** Power lost and back while nobody was listening (unplugged, say): state gone, no one told. */
  powerCycle(): void {
    this.state = SimulatedUnit.#freshState();
    this.#held = [];
  }

  /** Raw bytes on the wire, as line noise would put there. */
  garbage(bytes: Uint8Array): void {
    this.#send(bytes);
  }

  releaseHeld(): void {
    const held = this.#held.reverse();
    this.#held = [];
    for (const line of held) this.#line(line);
  }

  #answer(line: string): string | null {
    if (this.faults.silent) return null;
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i);
      if (code < 0x20 || code > 0x7e) {
        const tag = /^([0-9A-Fa-f]{1,4}) /.exec(line)?.[1];
        return tag ? `${tag} ERR 400 malformed` : null;
      }
    }
    const [tag, command, ...args] = line.split(' ');
    if (tag === undefined || !/^[0-9A-Fa-f]{1,4}$/.test(tag) || command === undefined) return null;
    const ok = (fields = '') => `${tag} OK${fields ? ` ${fields}` : ''}`;
    const err = (code: number, text: string) => `${tag} ERR ${code} ${text}`;
    switch (command) {
      case 'HELLO':
        return args[0] === 'proto=1' ? ok(`model=${this.model} serial=${this.serial} fw=${this.firmware} proto=1`) : err(400, 'unsupported protocol');
      case 'PING':
        return ok();
      case 'STATUS': {
        const s = this.state;
        return ok(`power=${s.power} sharing=${s.sharing ? 1 : 0} clients=${s.clients} people=${s.people ?? 'unknown'} led=${s.led}`);
      }
      case 'POWER':
        if (args[0] === 'ON' && this.faults.monitorUnplugged) return err(409, 'monitor unplugged');
        if (args[0] !== 'ON' && args[0] !== 'STANDBY') return err(400, 'expected ON or STANDBY');
        this.state.power = args[0] === 'ON' ? 'on' : 'standby';
        return ok(`power=${this.state.power}`);
      case 'LED': {
        const [color, mode] = args;
        if (!(LED_COLORS as readonly string[]).includes(color ?? '') || !(LED_MODES as readonly string[]).includes(mode ?? '')) return err(400, 'bad color or mode');
        this.state.led = `${color}/${mode}`;
        return ok(`led=${this.state.led}`);
      }
      case 'TEXT': {
        const payload = args[0];
        if (payload === undefined) {
          this.state.banner = null;
          return ok();
        }
        if (!/^[A-Za-z0-9_-]+$/.test(payload)) return err(400, 'payload is not base64url');
        const bytes = Buffer.from(payload, 'base64url');
        if (bytes.length > 120) return err(400, 'banner over 120 bytes');
        this.state.banner = bytes.toString('utf8');
        return ok();
      }
      case 'CLOCK': {
        const seconds = Number(args[0]);
        if (!Number.isInteger(seconds) || seconds < 0) return err(400, 'expected unix seconds');
        this.state.clock = seconds;
        return ok();
      }
      default:
        return err(404, `unknown command ${command}`);
    }
  }

  #reply(line: string): void {
    if (this.faults.holdReplies) {
      this.#held.push(line);
      return;
    }
    if (this.faults.replyDelayMs > 0) this.#setTimer(() => this.#line(line), this.faults.replyDelayMs);
    else this.#line(line);
  }

  #line(line: string): void {
    this.#send(new TextEncoder().encode(`${line}\r\n`));
  }

  static #freshState(): SimulatedUnitState {
    return { power: 'standby', led: 'OFF/SOLID', banner: null, clock: null, sharing: false, clients: 0, people: null };
  }
}
