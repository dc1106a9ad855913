import type { Clock } from '../../../../shared/clock.ts';
import { SimulatedUnit } from './simulated-unit.ts';
import type { UnitPort } from './unit-session.ts';
import type { ByteTransport } from '../transport/byte-transport.ts';

/**
 * The simulated unit of the embedded default, reached in-process: bytes
 * cross on the next tick, as they would over a wire. It can be unplugged and
 * plugged in again like the real one.
 */
export class SimulatedPort implements UnitPort {
  readonly unit: SimulatedUnit;
  #plugged = true;
  #open: { deliver: (chunk: Uint8Array) => void; close: () => void } | null = null;

  constructor(clock: Clock, identity: { serial?: string } = {}) {
    this.unit = new SimulatedUnit({
      ...identity,
      send: (bytes) => queueMicrotask(() => this.#open?.deliver(bytes)),
      setTimer: (callback, delayMs) => clock.setTimer(callback, delayMs),
    });
  }

  describe(): string {
    return `simulated unit ${this.unit.serial}`;
  }

  async open(): Promise<ByteTransport> {
    if (!this.#plugged) throw new Error('the simulated unit is unplugged');
    this.#open?.close();
    let dataListener: (chunk: Uint8Array) => void = () => {};
    let closeListener: () => void = () => {};
    let closed = false;
    const connection = {
      deliver: (chunk: Uint8Array) => dataListener(chunk),
      close: () => {
        if (closed) return;
        closed = true;
        if (this.#open === connection) this.#open = null;
        closeListener();
      },
    };
    this.#open = connection;
    return {
      write: (bytes) => {
        if (!closed) queueMicrotask(() => this.unit.receive(bytes));
      },
      onData: (listener) => (dataListener = listener),
      onClose: (listener) => (closeListener = listener),
      close: () => connection.close(),
    };
  }

  /** The cable is pulled: the open connection drops and opening fails until `plugIn`. */
  unplug(): void {
    this.#plugged = false;
    this.#open?.close();
  }

  /** Plugged in again: a unit coming back has restarted. */
  plugIn(): void {
    this.#plugged = true;
    this.unit.powerCycle();
  }
}
