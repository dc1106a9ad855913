import type { DisplaySimulator, DisplaySimulatorFaults, DisplaySimulatorOptions } from './display-simulator.ts';

/*
 * A Samsung display's Multiple Display Control (MDC) port, RS-232C or LAN
 * port 1515, written from Samsung's "Multiple Display Control Protocol"
 * (SEC-VD-DSW Multiple Display Control, Ver. 13.7c, 2016-02-23; cited as
 * "MDC" with its sections) and the power frames of the displays' manuals
 * (cited as "MD40B 1.5.3"):
 * https://vdocuments.us/multiple-display-control-protocol-protocol-2015-v13-2017-10-17-0x0b-serial.html
 * https://www.easymanua.ls/samsung/md40b/manual?p=41 and ?p=42
 * It reads frames on its own, not with the bridge's codec, so that the two
 * can disagree in a test.
 */

const HEADER = 0xaa;
/** MD40B 1.5.3: every answer has command 0xFF, then the ID, the data length, 'A' or 'N', the command answered. */
const ANSWER = 0xff;
const POWER_CONTROL = 0x11;
const ACK = 0x41;
const NAK = 0x4e;
/** MDC 1.2.1: ID 0xFE reaches every display on the chain, and none answers. */
const EVERY_DISPLAY = 0xfe;
/** MDC gives no table of error codes ("ERR: a code showing what error has occurred"): this one stands for any. */
const ERROR_CODE = 0x01;

/** MDC 1.2.1: the checksum is the sum of every byte but the header, its last two hex digits kept. */
const checksum = (bytes: readonly number[]) => bytes.reduce((sum, byte) => sum + byte, 0) % 0x100;
const hex = (bytes: readonly number[]) => bytes.map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(' ');

export class MdcSimulator implements DisplaySimulator {
  readonly protocol = 'samsung-mdc';
  readonly displayId: number;
  power: 'on' | 'standby' = 'standby';
  readonly faults: DisplaySimulatorFaults = { silent: false, garbage: false, refuse: false, drop: false };
  /** Every frame the display took (checksum right, addressed to it), in hex, for tests: "AA 11 01 01 01 14". */
  readonly received: string[] = [];
  /** Frames thrown away for a wrong checksum, for tests. */
  badChecksums = 0;
  readonly #send: (bytes: Uint8Array) => void;
  readonly #drop: () => void;
  #buffer: number[] = [];

  constructor(options: DisplaySimulatorOptions & { displayId?: number }) {
    this.displayId = options.displayId ?? 1;
    this.#send = options.send;
    this.#drop = options.drop;
  }

  setPowerByHand(power: 'on' | 'standby'): void {
    this.power = power;
  }

  receive(chunk: Uint8Array): void {
    this.#buffer.push(...chunk);
    for (;;) {
      const start = this.#buffer.indexOf(HEADER);
      if (start === -1) return void (this.#buffer = []);
      this.#buffer.splice(0, start);
      // MDC 1.2.1: header, command, ID, data length, data, checksum.
      if (this.#buffer.length < 4) return;
      const size = 5 + this.#buffer[3]!;
      if (this.#buffer.length < size) return;
      this.#take(this.#buffer.splice(0, size));
    }
  }

  #take(frame: number[]): void {
    const [, command, id] = frame as [number, number, number];
    // MDC says nothing of a frame with a wrong checksum: its ID cannot be trusted, so no display answers it.
    if (checksum(frame.slice(1, -1)) !== frame.at(-1)) return void this.badChecksums++;
    if (command === ANSWER || (id !== this.displayId && id !== EVERY_DISPLAY)) return;
    if (this.faults.silent) return;
    if (this.faults.drop) {
      this.faults.drop = false;
      return this.#drop();
    }
    this.received.push(hex(frame));
    const answer = this.#perform(command, frame.slice(4, -1));
    if (id !== EVERY_DISPLAY) this.#answer(answer);
  }

  /** What the display does, and its answer: 'A' with the values, or 'N' with an error code. */
  #perform(command: number, data: number[]): { ack: boolean; command: number; values: number[] } {
    const nak = { ack: false, command, values: [ERROR_CODE] };
    if (this.faults.refuse || command !== POWER_CONTROL) return nak;
    // MD40B 1.5.3, Power control: no data reads the power; one byte sets it, 1 on, 0 off; the Ack carries the power.
    if (data.length === 1 && (data[0] === 0 || data[0] === 1)) this.power = data[0] === 1 ? 'on' : 'standby';
    else if (data.length !== 0) return nak;
    return { ack: true, command, values: [this.power === 'on' ? 1 : 0] };
  }

  #answer({ ack, command, values }: { ack: boolean; command: number; values: number[] }): void {
    // MD40B 1.5.3: 0xAA 0xFF, the ID, the data length, 'A' or 'N', r-CMD, the values, the checksum.
    const body = [ANSWER, this.displayId, 2 + values.length, ack ? ACK : NAK, command, ...values];
    const frame = [HEADER, ...body, checksum(body)];
    // Line noise: a few stray bytes, then the answer with its checksum off by one.
    if (this.faults.garbage) return this.#send(new Uint8Array([0x00, 0x7f, 0x13, ...frame.slice(0, -1), (frame.at(-1)! + 1) % 0x100]));
    this.#send(new Uint8Array(frame));
  }
}
