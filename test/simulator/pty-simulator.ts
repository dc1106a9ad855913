import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { SimulatedUnit } from '../../bridge/src/devices/base-unit/simulated-unit.ts';

/**
 * A base unit on a real pseudo-terminal: socat makes a linked pair, the
 * simulated unit answers on one end, the bridge opens the other as it would
 * open /dev/ttyACM0. Unplugging ends socat; plugging in makes a new pair
 * under a new name, with a udev-style by-id link naming the unit's serial.
 */
export class PtySimulator {
  readonly dir = mkdtempSync(join(tmpdir(), 'lintel-pty-'));
  readonly byIdDir = join(this.dir, 'by-id');
  readonly unit: SimulatedUnit;
  #socat: ChildProcess | null = null;
  #unitEnd: SerialPort | null = null;
  #generation = 0;

  constructor(serial = 'PTY0001') {
    mkdirSync(this.byIdDir);
    this.unit = new SimulatedUnit({
      serial,
      send: (bytes) => this.#unitEnd?.write(Buffer.from(bytes)),
      setTimer: (callback, delayMs) => {
        const timer = setTimeout(callback, delayMs);
        return () => clearTimeout(timer);
      },
    });
  }

  /** The path the bridge opens, like /dev/ttyACM0. */
  get hostPath(): string {
    return join(this.dir, `ttyACM${this.#generation}`);
  }

  /** Plugs the unit in, under a new device name unless `sameName`. */
  async plugIn(options: { sameName?: boolean } = {}): Promise<string> {
    if (!options.sameName || this.#generation === 0) this.#generation++;
    const host = this.hostPath;
    const unitEnd = join(this.dir, `unit${this.#generation}`);
    this.#socat = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${unitEnd}`], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(existsSync(host) && existsSync(unitEnd)); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    if (!existsSync(host)) throw new Error('socat did not make the pseudo-terminals (is socat installed?)');
    const port = new SerialPort({ path: unitEnd, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.unit.receive(new Uint8Array(chunk)));
    port.on('error', () => {});
    this.#unitEnd = port;
    const byId = join(this.byIdDir, `usb-Lintel_${this.unit.model}_${this.unit.serial}-if00`);
    if (existsSync(byId) || isLink(byId)) unlinkSync(byId);
    symlinkSync(readlinkSync(host), byId);
    return host;
  }

  /** The cable is pulled: both pseudo-terminals disappear. */
  async unplug(): Promise<void> {
    const port = this.#unitEnd;
    this.#unitEnd = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    await this.#endSocat();
    for (const name of [join(this.byIdDir, `usb-Lintel_${this.unit.model}_${this.unit.serial}-if00`)]) if (isLink(name)) unlinkSync(name);
  }

  async stop(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async #endSocat(): Promise<void> {
    const socat = this.#socat;
    this.#socat = null;
    if (!socat || socat.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      socat.once('exit', () => resolve());
      socat.kill('SIGTERM');
    });
  }
}

function isLink(path: string): boolean {
  try {
    readlinkSync(path);
    return true;
  } catch {
    return false;
  }
}
