import { toIso, type Clock } from '../../../../shared/clock.ts';
import type { Logger } from '../../logger.ts';
import type { LedColor, LedMode } from './messages.ts';
import { UnitLink, type UnitEvent } from './unit-link.ts';
import type { ByteTransport } from '../transport/byte-transport.ts';

/** Where the unit is: a serial path (or USB serial number), the pty simulator, or the in-process one. */
export interface UnitPort {
  /** Opens a connection to the unit wherever it is now; rejects when it is not there. */
  open(): Promise<ByteTransport>;
  describe(): string;
  /** The serial number the unit gave in HELLO: a port that can look units up by it remembers it. */
  rememberSerial?(serial: string): void;
  /** Calls `appeared` when the unit may be back (a device node showed up); returns a function that stops watching. */
  watchForUnit?(appeared: () => void): () => void;
}

/** What the host wants the unit to show; re-applied after every (re)connect and every `! BOOT`. */
export interface DesiredUnitState {
  power: 'ON' | 'STANDBY' | null;
  led: { color: LedColor; mode: LedMode } | null;
  /** Banner text, or null for no banner. */
  banner: string | null;
}

export interface BaseUnitStatus {
  connected: boolean;
  port: string;
  model: string | null;
  serial: string | null;
  firmware: string | null;
  lastSeenAt: string | null;
  lastFault: { code: string; text: string; at: string } | null;
  power: 'on' | 'standby' | null;
  sharing: boolean;
  clients: number;
  /** null when the unit has no occupancy sensor, or before it said. */
  people: number | null;
}

/**
 * The room's base unit, as the rest of the bridge sees it.
 *
 * Rules:
 * - `want` never waits for the hardware: it records what the room should
 *   show and applies it when the unit is there, again after every reconnect
 *   and every `! BOOT` (the unit forgets everything on restart).
 * - `status` is always answerable, connected or not, and says since when
 *   the unit was last heard from and what it last reported as a fault.
 * - Events (sharing, people, buttons, power) reach `onEvent` listeners as the
 *   unit sends them; a listener that throws hurts nobody.
 * - Losing the unit is normal (cables get pulled): the session looks for it
 *   again with backoff from 0.5 s doubling to 8 s, for ever, until closed.
 */
export interface BaseUnit {
  want(state: Partial<DesiredUnitState>): void;
  status(): BaseUnitStatus;
  onEvent(listener: (event: UnitEvent) => void): () => void;
  close(): void;
}

const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 8000;

export class UnitSession implements BaseUnit {
  readonly #port: UnitPort;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #listeners = new Set<(event: UnitEvent) => void>();
  #desired: DesiredUnitState = { power: null, led: null, banner: null };
  #status: BaseUnitStatus;
  #link: UnitLink | null = null;
  #backoffMs = BACKOFF_FIRST_MS;
  #cancelRetry: () => void = () => {};
  #stopWatching: () => void = () => {};
  #closed = false;
  /** Bumped on every new connection: work for an older one stops. */
  #generation = 0;

  constructor(port: UnitPort, clock: Clock, logger: Logger) {
    this.#port = port;
    this.#clock = clock;
    this.#logger = logger.child({ baseUnit: port.describe() });
    this.#status = { connected: false, port: port.describe(), model: null, serial: null, firmware: null, lastSeenAt: null, lastFault: null, power: null, sharing: false, clients: 0, people: null };
  }

  start(): void {
    void this.#connect();
  }

  want(state: Partial<DesiredUnitState>): void {
    this.#desired = { ...this.#desired, ...state };
    if (this.#status.connected) void this.#apply(this.#generation);
  }

  status(): BaseUnitStatus {
    return { ...this.#status };
  }

  onEvent(listener: (event: UnitEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#closed = true;
    this.#cancelRetry();
    this.#stopWatching();
    this.#link?.close();
    this.#link = null;
    this.#status.connected = false;
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    this.#cancelRetry();
    this.#stopWatching();
    const generation = ++this.#generation;
    let transport: ByteTransport;
    try {
      transport = await this.#port.open();
    } catch (error) {
      this.#logger.debug({ err: error }, 'base unit not there yet');
      return this.#retryLater();
    }
    if (this.#closed) return transport.close();
    const link = new UnitLink({
      transport,
      clock: this.#clock,
      logger: this.#logger,
      onEvent: (event) => this.#onEvent(event, generation),
      onLost: () => this.#drop(generation, 'no replies'),
    });
    transport.onClose(() => this.#drop(generation, 'connection closed'));
    this.#link = link;
    if (await this.#handshake(generation)) {
      this.#backoffMs = BACKOFF_FIRST_MS;
      this.#logger.info({ model: this.#status.model, serial: this.#status.serial, firmware: this.#status.firmware }, 'base unit connected');
    }
  }

  /** HELLO, then STATUS, then everything the room wants shown. */
  async #handshake(generation: number): Promise<boolean> {
    const link = this.#link;
    if (!link) return false;
    const hello = await link.request({ name: 'HELLO' });
    if (generation !== this.#generation) return false;
    if (!hello.ok) {
      this.#drop(generation, `HELLO failed: ${hello.text}`);
      return false;
    }
    this.#seen();
    Object.assign(this.#status, { connected: true, model: hello.fields.model ?? null, serial: hello.fields.serial ?? null, firmware: hello.fields.fw ?? null });
    if (hello.fields.serial) this.#port.rememberSerial?.(hello.fields.serial);
    const status = await link.request({ name: 'STATUS' });
    if (status.ok && generation === this.#generation) {
      const people = status.fields.people;
      Object.assign(this.#status, {
        power: status.fields.power === 'on' ? 'on' : 'standby',
        sharing: status.fields.sharing === '1',
        clients: Number(status.fields.clients ?? 0) || 0,
        people: people === undefined || people === 'unknown' ? null : Number(people),
      });
    }
    await this.#apply(generation);
    return generation === this.#generation;
  }

  async #apply(generation: number): Promise<void> {
    const link = this.#link;
    if (!link) return;
    const { power, led, banner } = this.#desired;
    const requests = [
      power ? link.request({ name: 'POWER', state: power }) : null,
      led ? link.request({ name: 'LED', color: led.color, mode: led.mode }) : null,
      link.request({ name: 'TEXT', text: banner ?? '' }),
      link.request({ name: 'CLOCK', unixSeconds: this.#clock.now() / 1000 }),
    ];
    for (const reply of await Promise.all(requests)) {
      if (generation !== this.#generation || !reply) continue;
      if (reply.ok) {
        this.#seen();
        if (reply.fields.power === 'on' || reply.fields.power === 'standby') this.#status.power = reply.fields.power;
      } else if (reply.code !== 'timeout') {
        this.#status.lastFault = { code: String(reply.code), text: reply.text, at: toIso(this.#clock.now()) };
        this.#logger.warn({ code: reply.code, text: reply.text }, 'base unit refused a command');
      }
    }
  }

  #onEvent(event: UnitEvent, generation: number): void {
    if (generation !== this.#generation) return;
    this.#seen();
    const { fields } = event;
    switch (event.name) {
      case 'BOOT':
        this.#logger.info({ firmware: fields.fw }, 'base unit restarted: applying the room state again');
        this.#status.firmware = fields.fw ?? this.#status.firmware;
        void this.#handshake(generation);
        break;
      case 'SHARING':
        this.#status.sharing = fields.state === '1';
        this.#status.clients = fields.state === '1' ? Number(fields.clients ?? 1) || 1 : 0;
        break;
      case 'CLIENTS':
        this.#status.clients = Number(fields.n ?? 0) || 0;
        break;
      case 'PEOPLE':
        this.#status.people = fields.n === undefined || fields.n === 'unknown' ? null : Number(fields.n);
        break;
      case 'POWER':
        this.#status.power = fields.state === 'on' ? 'on' : 'standby';
        break;
      case 'FAULT':
        this.#status.lastFault = { code: fields.code ?? '?', text: (fields.text ?? '').replaceAll('_', ' '), at: toIso(this.#clock.now()) };
        this.#logger.warn({ code: fields.code, text: fields.text }, 'base unit reports a fault');
        break;
    }
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.error({ err: error }, 'base unit event listener failed');
      }
    }
  }

  #drop(generation: number, reason: string): void {
    if (generation !== this.#generation || this.#closed) return;
    this.#generation++;
    this.#logger.warn({ reason }, 'base unit lost: looking for it again');
    this.#status.connected = false;
    const link = this.#link;
    this.#link = null;
    link?.close();
    this.#retryLater();
  }

  /**
   * Polls with backoff as the protocol asks, and also opens at once when the
   * port sees the unit's device appear: a replug after a long absence is not
   * left waiting for the next 8 s poll.
   */
  #retryLater(): void {
    if (this.#closed) return;
    const delay = this.#backoffMs;
    this.#backoffMs = Math.min(BACKOFF_MAX_MS, this.#backoffMs * 2);
    this.#cancelRetry = this.#clock.setTimer(() => void this.#connect(), delay);
    this.#stopWatching = this.#port.watchForUnit?.(() => void this.#connect()) ?? (() => {});
  }

  #seen(): void {
    this.#status.lastSeenAt = toIso(this.#clock.now());
  }
}
