import type { DisplayAnswer, DisplayPower, DisplayProtocol } from '../display-protocol.ts';

/*
 * LG's RS-232C external control of its commercial displays ("To control
 * multiple products" / "External control device setup" in the owner's manual
 * of each LG Digital Signage monitor; cited below as "LG RS-232C"), e.g. the
 * 49SH7DB manual: https://www.manualshelf.com/manual/lg/49sh7db-m/2-1-owner-s-manual-english/page-68.html
 * and the 32SM5KD manual: https://easymanua.ls/lg/32sm5kd/manual?p=101; on power while off, the
 * 43SL5E's (https://www.easymanua.ls/lg/43sl5e/manual?p=94), the 70UL3E's
 * (https://www.manualowl.com/m/LG/70UL3E/Manual/615548?page=21) and the 55LV5400's
 * (https://www.manualsdir.com/manuals/386680/lg-55lv5400-60pz950-47lw6500-50pz950-42lv5500-65lw6500-55lv9500-42lv5400-47lv5400-60pz750.html?page=135).
 */

const CR = '\r';
/** The length of every answer this codec reads, e.g. `a 01 OK01x`. */
const ANSWER_LENGTH = 10;
/** A whole power answer at the front of the text. LG RS-232C: "[Command2][ ][Set ID][ ][OK/NG][Data][x]". */
const ANSWER = /^a ([0-9a-f]{2}) (OK|NG)([0-9a-f]{2})x/i;
/** Text that could still grow into an answer. */
const ANSWER_SO_FAR = /^a(?: (?:[0-9a-f]{1,2}(?: (?:(?:O|OK|N|NG)[0-9a-f]{0,2})?)?)?)?$/i;

/** LG RS-232C, Error Acknowledgement: the data of an NG answer (older manuals number them from 1, newer ones give 00 for an illegal code). */
const NG_REASONS: Record<string, string> = {
  '00': 'illegal code',
  '01': 'illegal code',
  '02': 'not supported function',
};

const WAIT_MORE_TIME = '03';

export interface LgOptions {
  /** The Set ID from the display's menu, 1 to 255. */
  setId: number;
}

/**
 * LG's `ka` power command, by LG RS-232C: `ka <Set ID> <Data>` CR, answered
 * `a <Set ID> OK<Data>x` or `a <Set ID> NG<Data>x`.
 *
 * Where the document is ambiguous, and what this codec does:
 * - Power "Off" (`ka … 00`) is the display's soft off: the manuals say the
 *   set still takes `ka` over an RS-232C cable while off (not over a
 *   USB-to-serial cable), and some say the acknowledgment "is returned
 *   properly only when the monitor is fully powered on" or that the set "will
 *   not send the status during the standby mode". Off is therefore reported
 *   as `standby`; a set that stays silent while off shows as no answer, which
 *   the session treats as a fault it retries, never as a power state.
 * - Set ID 0 addresses every set on the chain, and then no set answers (or all
 *   do, in older manuals): an ID 0 is refused, so every command has exactly
 *   one answer to wait for.
 * - LAN control of LG displays differs by model and does not document the
 *   `ka` command on a TCP port, so there is no default TCP port.
 */
export class LgProtocol implements DisplayProtocol {
  readonly name = 'LG';
  /** LG RS-232C, Communication Parameters: 9600 bps, 8 data bits, no parity, 1 stop bit. */
  readonly baudRate = 9600;
  readonly defaultTcpPort = undefined;
  readonly #setId: number;
  readonly #setIdText: string;

  constructor({ setId }: LgOptions) {
    // LG RS-232C: Set IDs 1 to 255 (01H to FFH); 0 is "all sets". Some models go to 1000 as "001H to
    // 3e8H", without saying whether ID 1 is then sent as 01 or 001: those IDs are not taken.
    if (!Number.isInteger(setId) || setId < 1 || setId > 0xff) {
      throw new RangeError(`an LG Set ID is 1 to 255 (0, every set, gives no answer to read back), not ${setId}`);
    }
    this.#setId = setId;
    // LG RS-232C: the Set ID goes in hexadecimal, in small characters ("if set ID is 10, it will send the '0', 'a'").
    this.#setIdText = setId.toString(16).padStart(2, '0');
  }

  setPower(power: DisplayPower): Uint8Array {
    // LG RS-232C, 01. Power (k a): Data 00 Off, 01 On.
    return this.#command(power === 'on' ? '01' : '00');
  }

  queryPower(): Uint8Array {
    // LG RS-232C: "Transmit 'FF' data to read status of command."
    return this.#command('ff');
  }

  readAnswer(received: Uint8Array): { answer: DisplayAnswer; used: number } | null {
    if (received.length === 0) return null;
    const text = String.fromCharCode(...received.subarray(0, ANSWER_LENGTH));
    const whole = ANSWER.exec(text);
    if (whole) return { answer: this.#meaning(whole[1]!, whole[2]!.toUpperCase(), whole[3]!.toLowerCase()), used: whole[0].length };
    if (received.length < ANSWER_LENGTH && ANSWER_SO_FAR.test(text)) return null;
    // Skip to the next byte that could start an answer.
    const next = received.indexOf(0x61, 1);
    return { answer: { kind: 'garbage', reason: `not an LG answer: ${JSON.stringify(text)}` }, used: next === -1 ? received.length : next };
  }

  #command(data: string): Uint8Array {
    // LG RS-232C: "[Command1][Command2][ ][Set ID][ ][Data][Cr]".
    return new TextEncoder().encode(`ka ${this.#setIdText} ${data}${CR}`);
  }

  #meaning(setId: string, verdict: string, data: string): DisplayAnswer {
    if (Number.parseInt(setId, 16) !== this.#setId) return { kind: 'garbage', reason: `an answer from Set ID ${Number.parseInt(setId, 16)}, not ${this.#setId}` };
    // LG RS-232C Error Acknowledgement, "03: Wait more time": the set is busy (processing power on), so it is asked again, not refused.
    if (verdict === 'NG' && data === WAIT_MORE_TIME) return { kind: 'busy' };
    if (verdict === 'NG') return { kind: 'refused', reason: `NG ${data} (${NG_REASONS[data] ?? 'unknown error'})` };
    // LG RS-232C: an OK answer carries the present status (read) or the data sent (write).
    if (data === '01') return { kind: 'power', power: 'on' };
    if (data === '00') return { kind: 'power', power: 'standby' };
    return { kind: 'garbage', reason: `an OK answer with power data ${data}` };
  }
}
