import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { DisplaySimulator, DisplaySimulatorOptions } from './display-simulator.ts';

/** How long a dropped serial link stays away before the adapter is back. */
const REPLUG_AFTER_MS = 500;

/**
 * A simulated display on a real pseudo-terminal: socat makes a linked pair,
 * the simulator answers on one end, the bridge opens the other as it would
 * open /dev/ttyUSB0, under the same name each time it is plugged in. A
 * `drop` fault unplugs it and plugs it back in half a second later.
 */
export class DisplayPty<S extends DisplaySimulator> {
  readonly dir = mkdtempSync(join(tmpdir(), 'lintel-display-pty-'));
  readonly sim: S;
  #socat: ChildProcess | null = null;
  #displayEnd: SerialPort | null = null;
  #replug: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  constructor(make: (options: DisplaySimulatorOptions) => S) {
    this.sim = make({
      send: (bytes) => this.#displayEnd?.write(Buffer.from(bytes)),
      drop: () => void this.#dropAndReplug(),
    });
  }

  /** The path the bridge opens. */
  get path(): string {
    return join(this.dir, 'ttyUSB0');
  }

  async plugIn(): Promise<string> {
    const displayEnd = join(this.dir, 'display');
    this.#socat = spawn('socat', [`pty,raw,echo=0,link=${this.path}`, `pty,raw,echo=0,link=${displayEnd}`], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(existsSync(this.path) && existsSync(displayEnd)); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    if (!existsSync(this.path)) throw new Error('socat did not make the pseudo-terminals (is socat installed?)');
    const port = new SerialPort({ path: displayEnd, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.sim.receive(new Uint8Array(chunk)));
    port.on('error', () => {});
    this.#displayEnd = port;
    return this.path;
  }

  /** The cable is pulled: both pseudo-terminals disappear. */
  async unplug(): Promise<void> {
    const port = this.#displayEnd;
    this.#displayEnd = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    const socat = this.#socat;
    this.#socat = null;
    if (!socat || socat.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      socat.once('exit', () => resolve());
      socat.kill('SIGTERM');
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#replug) clearTimeout(this.#replug);
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async #dropAndReplug(): Promise<void> {
    await this.unplug();
    if (this.#stopped) return;
    this.#replug = setTimeout(() => {
      this.#replug = null;
      if (!this.#stopped) void this.plugIn().catch(() => {});
    }, REPLUG_AFTER_MS);
  }
}
