import type { DisplaySimulator, DisplaySimulatorFaults, DisplaySimulatorOptions } from './display-simulator.ts';

/*
 * An NEC large-format monitor's external control (RS-232C, or LAN port 7142),
 * written from NEC's "External Control" manual (cited as "NEC EC" with its
 * section numbers):
 * https://www.manualslib.com/manual/472232/Nec-Multisync-V423.html
 * https://azmanual.top/manuals/192254/nec-rs-232c.html
 * It parses packets on its own, not with the bridge's codec, so that the two
 * can disagree in a test.
 */

/** NEC EC 7.1: the four power modes a monitor reports. */
export type NecPowerMode = 'on' | 'stand-by' | 'suspend' | 'off';
const MODE_CODES: Record<NecPowerMode, string> = { on: '0001', 'stand-by': '0002', suspend: '0003', off: '0004' };

const SOH = 0x01;
const STX = 0x02;
const ETX = 0x03;
const CR = 0x0d;
/** NEC EC 4.1: destination '*' (2Ah) is every monitor on the chain. */
const ALL = 0x2a;

export class NecSimulator implements DisplaySimulator {
  readonly protocol = 'nec';
  readonly monitorId: number;
  mode: NecPowerMode = 'off';
  readonly faults: DisplaySimulatorFaults = { silent: false, garbage: false, refuse: false, drop: false };
  /** Every message (STX to ETX, as text) the monitor took, for tests. */
  readonly received: string[] = [];
  /** Packets thrown away for a wrong check code, for tests. */
  badCheckCodes = 0;
  readonly #send: (bytes: Uint8Array) => void;
  readonly #drop: () => void;
  #buffer: number[] = [];

  constructor(options: DisplaySimulatorOptions & { monitorId?: number }) {
    this.monitorId = options.monitorId ?? 1;
    this.#send = options.send;
    this.#drop = options.drop;
  }

  get power(): 'on' | 'standby' {
    return this.mode === 'on' ? 'on' : 'standby';
  }

  setPowerByHand(power: 'on' | 'standby'): void {
    this.mode = power === 'on' ? 'on' : 'off';
  }

  receive(chunk: Uint8Array): void {
    this.#buffer.push(...chunk);
    for (;;) {
      const start = this.#buffer.indexOf(SOH);
      if (start === -1) return void (this.#buffer = []);
      this.#buffer.splice(0, start);
      // NEC EC 4.1: SOH, reserved, destination, source, type, length (2); then the message, the check code and CR.
      if (this.#buffer.length < 7) return;
      const lengthText = String.fromCharCode(this.#buffer[5]!, this.#buffer[6]!);
      // Not a header after all: look for the next SOH.
      if (this.#buffer[1] !== 0x30 || !/^[0-9A-F]{2}$/.test(lengthText)) {
        this.#buffer.splice(0, 1);
        continue;
      }
      const size = 7 + Number.parseInt(lengthText, 16) + 2;
      if (this.#buffer.length < size) return;
      this.#take(this.#buffer.splice(0, size));
    }
  }

  #take(packet: number[]): void {
    const [, , destination, source, type] = packet;
    if (source !== 0x30 || packet.at(-1) !== CR) return;
    if (destination !== this.#address && destination !== ALL) return;
    if (this.faults.silent) return;
    // NEC EC 4.3: the check code is the XOR from the reserved byte to ETX. The manual defines no
    // answer to a corrupted packet, so the monitor throws it away, as a receiver does with noise.
    const checked = packet.slice(1, -2).reduce((code, byte) => code ^ byte, 0);
    if (checked !== packet.at(-2)) return void this.badCheckCodes++;
    if (packet[7] !== STX || packet.at(-3) !== ETX) return;
    if (this.faults.drop) {
      this.faults.drop = false;
      return this.#drop();
    }
    const message = String.fromCharCode(...packet.slice(8, -3));
    this.received.push(message);
    const reply = this.#perform(String.fromCharCode(type!), message);
    // The manual gives no reply for 'ALL': several monitors answering at once would collide.
    if (destination !== ALL) this.#reply(reply);
  }

  #perform(type: string, message: string): string {
    // NEC EC 5.5.3: the NULL message answers what the monitor cannot or will not answer now.
    if (this.faults.refuse || type !== 'A') return 'BE';
    // NEC EC 7.1: power status read; the reply carries reserved 02, result 00, D6, type 00, 4 modes, the mode.
    if (message === '01D6') return `0200D6000004${MODE_CODES[this.mode]}`;
    // NEC EC 7.2: power control; "0002, 0003: Do not set".
    const control = /^C203D6(000[1-4])$/.exec(message);
    if (!control) return 'BE';
    const code = control[1]!;
    if (code === '0002' || code === '0003') return `01C203D6${code}`;
    this.mode = code === '0001' ? 'on' : 'off';
    return `00C203D6${code}`;
  }

  /** NEC EC 4.1: MONITOR ID 1 is 'A' (41h), counting up to ID 100, A4h. */
  get #address(): number {
    return 0x40 + this.monitorId;
  }

  #reply(message: string): void {
    if (this.faults.garbage) return this.#send(new Uint8Array([SOH, 0x30, 0x30, 0xff, 0x00, CR, 0x7f, 0x0a]));
    // NEC EC 4.1 reply header: destination '0' (the controller), source the monitor's own ID, type 'B' (Command reply).
    const length = (message.length + 2).toString(16).toUpperCase().padStart(2, '0');
    const body = [0x30, 0x30, this.#address, 0x42, length.charCodeAt(0), length.charCodeAt(1), STX, ...[...message].map((char) => char.charCodeAt(0)), ETX];
    this.#send(new Uint8Array([SOH, ...body, body.reduce((code, byte) => code ^ byte, 0), CR]));
  }
}
