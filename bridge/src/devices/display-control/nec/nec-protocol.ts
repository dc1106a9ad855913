import type { DisplayAnswer, DisplayPower, DisplayProtocol } from '../display-protocol.ts';

/*
 * NEC's "External Control" manual for its large-format LCD monitors (Sharp NEC
 * Display Solutions; "External_Control.pdf", cited below as "NEC EC" with its
 * section numbers), e.g. Rev. 3.5 for the MultiSync P/V/X series:
 * https://www.manualslib.com/manual/472232/Nec-Multisync-V423.html (section 7, page 36)
 * and https://azmanual.top/manuals/192254/nec-rs-232c.html (sections 3 to 7); its
 * section 3.3 "Communication timing" (Rev. 3.5: a packet interval "longer than
 * 600msec"): https://manualsdump.com/en/manuals/nec-rs-232c/215496/5; and a later
 * revision's 3.3 (wait 15 s after the reply to Power On or Power Off before the
 * next command), e.g. the UN552S's: https://www.manualowl.com/m/NEC/UN552S/Manual/617144?page=6
 */

const SOH = 0x01;
const STX = 0x02;
const ETX = 0x03;
const CR = 0x0d;
/** ASCII '0'. */
const ZERO = 0x30;
/** NEC EC 4.1: SOH, reserved, destination, source, message type, two length characters. */
const HEADER_LENGTH = 7;
/** NEC EC 4.1, message type 'A': Command. */
const COMMAND = 'A';
/** NEC EC 4.1, message type 'B': Command reply. */
const COMMAND_REPLY = 0x42;
const MESSAGE_TYPES = new Set([0x41, 0x42, 0x43, 0x44, 0x45, 0x46]);
const UPPER_HEX = /^[0-9A-F]{2}$/;

/** NEC EC 7.2: "C203D6" then the power mode: 0001 ON, 0004 OFF ("0002, 0003: Do not set"). */
const POWER_CONTROL = 'C203D6';
/** NEC EC 7.1: "Get power status command". */
const POWER_STATUS_READ = '01D6';
/** NEC EC 7.2 reply: result code, "C203D6", the power mode. */
const POWER_CONTROL_REPLY = /^([0-9A-F]{2})C203D6([0-9A-F]{4})$/;
/** NEC EC 7.1 reply: reserved "02", result code, "D6", type "00", four modes ("0004"), the current mode. */
const POWER_STATUS_REPLY = /^02([0-9A-F]{2})D600([0-9A-F]{4})([0-9A-F]{4})$/;
/**
 * NEC EC 5.5.3: the NULL message "BE", sent when the monitor has no answer to
 * give, and while power on or off still runs ("the monitor will return this
 * message when another message is received during execution").
 */
const NULL_MESSAGE = 'BE';

/**
 * NEC EC 7.1: 0001 ON, 0002 Stand-by (power save), 0003 Suspend (power
 * save), 0004 OFF (same as IR power off). Only ON lights the screen; the three
 * others are all what the policy calls standby.
 */
const POWER_MODES: Record<string, DisplayPower> = { '0001': 'on', '0002': 'standby', '0003': 'standby', '0004': 'standby' };

export interface NecOptions {
  /**
   * The monitor's MONITOR ID as its menu shows it, 1 to 100 (the rooms file
   * also takes the letter NEC EC 4.1 puts on the wire, 'A' for ID 1). 'ALL'
   * ('*') and the group IDs are not taken: no single monitor answers them.
   */
  monitorId: number;
}

/** NEC EC 4.3: the check code is the XOR of every byte from the one after SOH up to ETX. */
export function necCheckCode(bytes: Uint8Array): number {
  let code = 0;
  for (const byte of bytes) code ^= byte;
  return code;
}

/**
 * NEC's power control over its external control protocol (RS-232C or TCP
 * port 7142): power control "C203D6" and the power status read "01D6", each
 * a Command ('A') answered by a Command reply ('B').
 *
 * Choices where the document leaves room:
 * - Standby is sent as 0004 (OFF, as by the remote): the manual forbids
 *   0002 and 0003. Read back, Stand-by, Suspend and OFF all count as standby.
 * - The NULL message is `busy`: the session asks again shortly, for as long
 *   as the manual's wait after a power command (create-display-control.ts).
 *   A monitor that answers NULL because it does not expect the command at
 *   all looks the same, and ends as a refusal once that wait is over.
 * - A reply whose check code is wrong, or from another monitor, is garbage.
 * - A monitor whose power is off with Quick Start (or LAN power) disabled may
 *   not answer at all: that is the session's "no answer", not a power state.
 */
export class NecProtocol implements DisplayProtocol {
  readonly name = 'NEC';
  /** NEC EC 3.1: 9600 bps, 8 bits, no parity, 1 stop bit. */
  readonly baudRate = 9600;
  /** NEC EC 3.2: "Port No. 7142 (Fixed)". */
  readonly defaultTcpPort = 7142;
  readonly #monitorId: number;

  constructor({ monitorId }: NecOptions) {
    // NEC EC 4.1: MONITOR IDs 1 to 100 have a destination address each.
    if (!Number.isInteger(monitorId) || monitorId < 1 || monitorId > 100) throw new RangeError(`an NEC monitor ID is 1 to 100, not ${monitorId}`);
    this.#monitorId = monitorId;
  }

  setPower(power: DisplayPower): Uint8Array {
    return this.#packet(`${POWER_CONTROL}${power === 'on' ? '0001' : '0004'}`);
  }

  queryPower(): Uint8Array {
    return this.#packet(POWER_STATUS_READ);
  }

  readAnswer(received: Uint8Array): { answer: DisplayAnswer; used: number } | null {
    if (received.length === 0) return null;
    const skip = (reason: string) => {
      const next = received.indexOf(SOH, 1);
      return { answer: { kind: 'garbage', reason } as const, used: next === -1 ? received.length : next };
    };
    if (received[0] !== SOH) return skip('bytes before a start of header (SOH)');
    // NEC EC 4.1: the reply's header is SOH, '0' (reserved), '0' (to the controller), the monitor's ID, the type, the length.
    const header = received.subarray(0, HEADER_LENGTH);
    if (header.length > 1 && header[1] !== ZERO) return skip('a header whose reserved byte is not "0"');
    if (header.length > 2 && header[2] !== ZERO) return skip('a header not addressed to the controller');
    if (header.length > 4 && !MESSAGE_TYPES.has(header[4]!)) return skip('a header with an unknown message type');
    if (header.length < HEADER_LENGTH) return null;
    const lengthText = String.fromCharCode(header[5]!, header[6]!);
    // NEC EC 4.1: the message length counts STX to ETX, as two upper-case hex characters.
    if (!UPPER_HEX.test(lengthText) || Number.parseInt(lengthText, 16) < 2) return skip('a header with a bad message length');
    const messageLength = Number.parseInt(lengthText, 16);
    const total = HEADER_LENGTH + messageLength + 2;
    if (received.length < total) return null;
    const etxAt = HEADER_LENGTH + messageLength - 1;
    if (received[HEADER_LENGTH] !== STX || received[etxAt] !== ETX || received[total - 1] !== CR) return skip('a packet without STX, ETX and CR where its length puts them');
    if (necCheckCode(received.subarray(1, etxAt + 1)) !== received[etxAt + 1]) {
      return { answer: { kind: 'garbage', reason: 'a packet with a wrong check code' }, used: total };
    }
    const used = total;
    if (header[3] !== this.#address) return { answer: { kind: 'garbage', reason: `a reply from monitor address ${header[3]!.toString(16)}h` }, used };
    if (header[4] !== COMMAND_REPLY) return { answer: { kind: 'garbage', reason: `a message of type ${String.fromCharCode(header[4]!)}` }, used };
    return { answer: this.#meaning(String.fromCharCode(...received.subarray(HEADER_LENGTH + 1, etxAt))), used };
  }

  /** NEC EC 4.1: MONITOR ID 1 is 'A' (41h), and so on up to ID 100, A4h. */
  get #address(): number {
    return 0x40 + this.#monitorId;
  }

  #packet(message: string): Uint8Array {
    const length = (message.length + 2).toString(16).toUpperCase().padStart(2, '0');
    const body = [ZERO, this.#address, ZERO, COMMAND.charCodeAt(0), length.charCodeAt(0), length.charCodeAt(1), STX];
    for (const char of message) body.push(char.charCodeAt(0));
    body.push(ETX);
    const packet = new Uint8Array([SOH, ...body, 0, CR]);
    packet[packet.length - 2] = necCheckCode(new Uint8Array(body));
    return packet;
  }

  #meaning(message: string): DisplayAnswer {
    if (message === NULL_MESSAGE) return { kind: 'busy' };
    const control = POWER_CONTROL_REPLY.exec(message);
    if (control) {
      // NEC EC 7.2: result code 00 is "No error"; the monitor echoes the power mode it was sent.
      if (control[1] !== '00') return { kind: 'refused', reason: `power control result code ${control[1]}` };
      const power = POWER_MODES[control[2]!];
      return power ? { kind: 'power', power } : { kind: 'garbage', reason: `a power control reply with power mode ${control[2]}` };
    }
    const status = POWER_STATUS_REPLY.exec(message);
    if (status) {
      // NEC EC 7.1: result code 00 "No Error", 01 "Unsupported".
      if (status[1] !== '00') return { kind: 'refused', reason: status[1] === '01' ? 'power status read unsupported (result code 01)' : `power status result code ${status[1]}` };
      const power = POWER_MODES[status[3]!];
      return power ? { kind: 'power', power } : { kind: 'garbage', reason: `a power status reply with power mode ${status[3]}` };
    }
    return { kind: 'garbage', reason: `a command reply this codec does not ask for: ${JSON.stringify(message)}` };
  }
}
