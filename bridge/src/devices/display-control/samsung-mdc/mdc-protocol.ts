import type { DisplayAnswer, DisplayPower, DisplayProtocol } from '../display-protocol.ts';

/*
 * Samsung's Multiple Display Control (MDC) protocol, power only, as
 * Samsung's "Multiple Display Control Protocol" (SEC-VD-DSW Multiple Display
 * Control, Ver. 13.7c, 2016-02-23; "the MDC document" below) gives it, with
 * the power frames as the displays' user manuals repeat them (e.g. Samsung
 * MD40B user manual, 1.5.3 "Control Codes", pp. 41-42).
 */

/** Every frame starts with this header (MDC document 1.2.1; MD40B manual 1.5.3). */
const HEADER = 0xaa;
/** The command byte of every answer; the command answered follows in r-CMD (MD40B manual 1.5.3, Power control: Ack/Nak). */
const ANSWER = 0xff;
/** Power Control: no data reads the power, one data byte sets it (MD40B manual 1.5.3, Power control). */
const POWER_CONTROL = 0x11;
const POWER_ON = 0x01;
const POWER_OFF = 0x00;
/** 'A' acknowledges, 'N' refuses with an error code (MD40B manual 1.5.3, Power control: Ack/Nak). */
const ACK = 0x41;
const NAK = 0x4e;
/** Header, command, ID, data length ... checksum. */
const FRAME_OVERHEAD = 5;

/** The sum of every byte after the header, keeping the last two hex digits (MDC document 1.2.1: "11+FE+01+01=111 ... discard the number in the first digit"). */
export function mdcChecksum(bytesAfterHeader: Iterable<number>): number {
  let sum = 0;
  for (const byte of bytesAfterHeader) sum += byte;
  return sum & 0xff;
}

/** A frame to a display: header, command, ID, data length, data, checksum (MDC document 1.2.1). */
export function mdcFrame(command: number, id: number, data: readonly number[]): Uint8Array {
  const body = [command, id, data.length, ...data];
  return new Uint8Array([HEADER, ...body, mdcChecksum(body)]);
}

const hex = (byte: number) => `0x${byte.toString(16).padStart(2, '0').toUpperCase()}`;

export interface SamsungMdcOptions {
  /**
   * The display ID set in its menu, 0 to 253. 0xFE reaches every display
   * on the chain but none answers (MDC document 1.2.1), so the power could
   * not be read back: the config refuses it.
   */
  displayId: number;
}

/**
 * Power on, standby and a power query by MDC, over RS-232 (9600 8N1, no
 * flow control: MDC document 1.2.1, Table 2-1) or plain TCP on port 1515
 * ("the Protocol information format is the same as RS232's": MDC document
 * 1.2, RJ45 Connection Spec.). Samsung's secured variant (TLS with a PIN)
 * is not spoken: turn it off in the display's menu where it has one.
 *
 * Ambiguity: older manuals (e.g. the UD55A's and MD40B's, 1.5.3) say "ID 0
 * must be displayed as 0xFF", the MDC document 1.2.1 says the ID is sent as
 * its hexadecimal value. The ID is sent as configured, as the current
 * document says, and an answer from 0xFF is taken for ID 0.
 */
export class SamsungMdcProtocol implements DisplayProtocol {
  readonly name = 'Samsung MDC';
  readonly baudRate = 9600;
  readonly defaultTcpPort = 1515;
  readonly #id: number;

  constructor(options: SamsungMdcOptions) {
    if (!Number.isInteger(options.displayId) || options.displayId < 0 || options.displayId > 0xfd) throw new Error(`an MDC display ID is 0 to 253, not ${options.displayId}`);
    this.#id = options.displayId;
  }

  setPower(power: DisplayPower): Uint8Array {
    return mdcFrame(POWER_CONTROL, this.#id, [power === 'on' ? POWER_ON : POWER_OFF]);
  }

  queryPower(): Uint8Array {
    return mdcFrame(POWER_CONTROL, this.#id, []);
  }

  readAnswer(received: Uint8Array): { answer: DisplayAnswer; used: number } | null {
    if (received.length === 0) return null;
    if (received[0] !== HEADER) {
      const next = received.indexOf(HEADER);
      const used = next === -1 ? received.length : next;
      return garbage(`${used} byte(s) before a frame header`, used);
    }
    if (received.length < 4) return null;
    if (received[1] !== ANSWER) return garbage(`a frame with command ${hex(received[1]!)}, not an answer`, 1);
    const length = received[3]!;
    const size = FRAME_OVERHEAD + length;
    if (received.length < size) return null;
    const frame = received.subarray(0, size);
    if (mdcChecksum(frame.subarray(1, size - 1)) !== frame[size - 1]) return garbage(`an answer with a wrong checksum ${hex(frame[size - 1]!)}`, size);
    const id = frame[2]!;
    if (id !== this.#id && !(this.#id === 0 && id === 0xff)) return garbage(`an answer from display ID ${id}, not ${this.#id}`, size);
    const [ackNak, command, value] = frame.subarray(4, size - 1);
    if (length < 2 || (ackNak !== ACK && ackNak !== NAK)) return garbage('an answer that is neither Ack nor Nak', size);
    if (command !== POWER_CONTROL) return garbage(`an answer to command ${hex(command!)}, which was not asked`, size);
    if (ackNak === NAK) {
      // The document lists no error codes ("ERR: a code showing what error has occurred"): the code is passed on as it is.
      return { answer: { kind: 'refused', reason: value === undefined ? 'Nak' : `Nak, error code ${hex(value)}` }, used: size };
    }
    if (value === undefined) return { answer: { kind: 'ack' }, used: size };
    if (value === POWER_ON) return { answer: { kind: 'power', power: 'on' }, used: size };
    if (value === POWER_OFF) return { answer: { kind: 'power', power: 'standby' }, used: size };
    return garbage(`a power value ${hex(value)} that is neither on nor off`, size);
  }
}

function garbage(reason: string, used: number): { answer: DisplayAnswer; used: number } {
  return { answer: { kind: 'garbage', reason }, used };
}
