import type { Clock } from '../../../shared/clock.ts';
import type { DisplaySimulator, DisplaySimulatorFaults, DisplaySimulatorOptions } from './display-simulator.ts';

/*
 * An NEC large-format monitor's external control (RS-232C, or LAN port 7142),
 * written from NEC's "External Control" manual (cited as "NEC EC" with its
 * section numbers):
 * https://www.manualslib.com/manual/472232/Nec-Multisync-V423.html
 * https://azmanual.top/manuals/192254/nec-rs-232c.html
 * and the timing of section 3.3 (https://manualsdump.com/en/manuals/nec-rs-232c/215496/5,
 * https://www.manualowl.com/m/NEC/UN552S/Manual/617144?page=6).
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
/** NEC EC 5.5.3: the NULL message. */
const NULL_MESSAGE = 'BE';
/** NEC EC 3.3 (Rev. 3.5): "The packet interval needs to be longer than 600msec", counted here from the monitor's reply to the next command, 600 ms itself allowed. */
const PACKET_INTERVAL_MS = 600;
/**
 * How long a power change runs when not told. The manual gives no time for
 * the monitor, only the controller's wait (up to 15 s in later revisions):
 * 5 s stands for a backlight and scaler starting, well within it.
 */
const POWER_CHANGE_MS = 5000;

export class NecSimulator implements DisplaySimulator {
  readonly protocol = 'nec';
  readonly monitorId: number;
  mode: NecPowerMode = 'off';
  readonly faults: DisplaySimulatorFaults = { silent: false, garbage: false, refuse: false, drop: false };
  /** Every message (STX to ETX, as text) the monitor took, for tests. */
  readonly received: string[] = [];
  /** Packets thrown away for a wrong check code, for tests. */
  badCheckCodes = 0;
  /** Commands answered with the NULL message because a power change was still running, for tests. */
  busyAnswers = 0;
  /** Commands that came sooner than the manual's packet interval after a reply, for tests: the manual says not what a monitor does with them, so they are answered as any other. */
  packetsTooSoon = 0;
  readonly #send: (bytes: Uint8Array) => void;
  readonly #drop: () => void;
  readonly #clock: Clock;
  readonly #powerChangeMs: number;
  #buffer: number[] = [];
  /** Until when a power change runs. */
  #busyUntil = Number.NEGATIVE_INFINITY;
  #lastReplyAt: number | null = null;

  /** `powerChangeMs`: how long a power change runs, answering NULL meanwhile (NEC EC 5.5.3), on `clock`. */
  constructor(options: DisplaySimulatorOptions & { clock: Clock; monitorId?: number; powerChangeMs?: number }) {
    this.monitorId = options.monitorId ?? 1;
    this.#send = options.send;
    this.#drop = options.drop;
    this.#clock = options.clock;
    this.#powerChangeMs = options.powerChangeMs ?? POWER_CHANGE_MS;
  }

  get power(): 'on' | 'standby' {
    return this.mode === 'on' ? 'on' : 'standby';
  }

  setPowerByHand(power: 'on' | 'standby'): void {
    this.#changeMode(power === 'on' ? 'on' : 'off');
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
    if (this.#lastReplyAt !== null && this.#clock.now() - this.#lastReplyAt < PACKET_INTERVAL_MS) this.packetsTooSoon++;
    this.received.push(message);
    const reply = this.#perform(String.fromCharCode(type!), message);
    // The manual gives no reply for 'ALL': several monitors answering at once would collide.
    if (destination !== ALL) this.#reply(reply);
  }

  #perform(type: string, message: string): string {
    // NEC EC 5.5.3: the NULL message answers what the monitor does not expect, and any message while power on or off still runs.
    if (type !== 'A') return NULL_MESSAGE;
    if (this.#clock.now() < this.#busyUntil) {
      this.busyAnswers++;
      return NULL_MESSAGE;
    }
    // NEC EC 7.1: power status read; the reply carries reserved 02, the result (00 no error, 01 unsupported), D6, type 00, 4 modes, the mode.
    if (message === '01D6') return `02${this.faults.refuse ? '01' : '00'}D6000004${MODE_CODES[this.mode]}`;
    // NEC EC 7.2: power control; "0002, 0003: Do not set".
    const control = /^C203D6(000[1-4])$/.exec(message);
    if (!control) return NULL_MESSAGE;
    const code = control[1]!;
    // NEC EC 7.2: result code 00 is no error; the refuse fault, like a mode not to be set, gets an error result and changes nothing.
    if (this.faults.refuse || code === '0002' || code === '0003') return `01C203D6${code}`;
    this.#changeMode(code === '0001' ? 'on' : 'off');
    return `00C203D6${code}`;
  }

  /** A change of power runs for a while, the NULL message answering meanwhile (NEC EC 5.5.3); the same power again changes nothing. */
  #changeMode(mode: NecPowerMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.#busyUntil = this.#clock.now() + this.#powerChangeMs;
  }

  /** NEC EC 4.1: MONITOR ID 1 is 'A' (41h), counting up to ID 100, A4h. */
  get #address(): number {
    return 0x40 + this.monitorId;
  }

  #reply(message: string): void {
    this.#lastReplyAt = this.#clock.now();
    if (this.faults.garbage) return this.#send(new Uint8Array([SOH, 0x30, 0x30, 0xff, 0x00, CR, 0x7f, 0x0a]));
    // NEC EC 4.1 reply header: destination '0' (the controller), source the monitor's own ID, type 'B' (Command reply).
    const length = (message.length + 2).toString(16).toUpperCase().padStart(2, '0');
    const body = [0x30, 0x30, this.#address, 0x42, length.charCodeAt(0), length.charCodeAt(1), STX, ...[...message].map((char) => char.charCodeAt(0)), ETX];
    this.#send(new Uint8Array([SOH, ...body, body.reduce((code, byte) => code ^ byte, 0), CR]));
  }
}
