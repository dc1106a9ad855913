import type { Clock } from '../../../shared/clock.ts';
import type { DisplaySimulator, DisplaySimulatorFaults, DisplaySimulatorOptions } from './display-simulator.ts';

/*
 * An LG commercial display on its RS-232C control port, written from LG's
 * owner's manuals ("To control multiple products", cited as "LG RS-232C"):
 * https://www.manualshelf.com/manual/lg/49sh7db-m/2-1-owner-s-manual-english/page-68.html
 * https://easymanua.ls/lg/32sm5kd/manual?p=101
 * It parses commands on its own, not with the bridge's codec, so that the
 * two can disagree in a test.
 */

const CR = 0x0d;
/** Longer lines than any LG command are dropped: the set has no room for them. */
const MAX_LINE = 32;
/** LG RS-232C: "[Command1][Command2][ ][Set ID][ ][Data][Cr]"; Set ID and data in hex. */
const COMMAND = /^([a-z])([a-z]) ([0-9A-Fa-f]{2}) ([0-9A-Fa-f]{2})$/;
/** What a line that is no command at all still shows: two command letters and a Set ID. */
const ADDRESSED = /^[a-z]([a-z]) ([0-9A-Fa-f]{2})(?: |$)/;
/** LG RS-232C Error Acknowledgement, "Data 00: Illegal Code". */
const ILLEGAL_CODE = '00';
/** LG RS-232C Error Acknowledgement, "Data 03: Wait more time". */
const WAIT_MORE_TIME = '03';
/**
 * How long power on runs when not told. LG acknowledges power on only "after
 * power on processing completion" and gives no time: 3 s stands for a panel
 * starting, within the 5 s the bridge waits for the answer.
 */
const POWER_ON_MS = 3000;

export class LgSimulator implements DisplaySimulator {
  readonly protocol = 'lg';
  readonly setId: number;
  power: 'on' | 'standby' = 'standby';
  readonly faults: DisplaySimulatorFaults = { silent: false, garbage: false, refuse: false, drop: false };
  /** Every command line received, for tests. */
  readonly received: string[] = [];
  /** Commands answered "wait more time" because power on was still running, for tests. */
  busyAnswers = 0;
  readonly #send: (bytes: Uint8Array) => void;
  readonly #drop: () => void;
  readonly #clock: Clock | undefined;
  readonly #powerOnMs: number;
  #line: number[] = [];
  #overlong = false;
  /** Until when power on runs. */
  #processingUntil = Number.NEGATIVE_INFINITY;

  /** With a `clock`, power on takes `powerOnMs` before it is acknowledged, and other commands meanwhile get "wait more time"; without one it is at once. */
  constructor(options: DisplaySimulatorOptions & { setId?: number; clock?: Clock; powerOnMs?: number }) {
    this.setId = options.setId ?? 1;
    this.#send = options.send;
    this.#drop = options.drop;
    this.#clock = options.clock;
    this.#powerOnMs = options.powerOnMs ?? POWER_ON_MS;
  }

  receive(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (byte !== CR) {
        if (this.#line.length < MAX_LINE) this.#line.push(byte);
        else this.#overlong = true;
        continue;
      }
      const line = String.fromCharCode(...this.#line);
      const overlong = this.#overlong;
      this.#line = [];
      this.#overlong = false;
      if (!overlong) this.#command(line);
    }
  }

  /** Someone used the remote or the power key. */
  setPowerByHand(power: 'on' | 'standby'): void {
    this.power = power;
  }

  #command(line: string): void {
    if (this.faults.silent) return;
    if (this.faults.drop) {
      this.faults.drop = false;
      return this.#drop();
    }
    this.received.push(line);
    const command = COMMAND.exec(line);
    if (!command) {
      // LG RS-232C: abnormal data or a communication error gets NG, from the set it was meant for.
      const addressed = ADDRESSED.exec(line);
      if (addressed && this.#isMe(addressed[2]!)) this.#answer(addressed[1]!, 'NG', ILLEGAL_CODE);
      return;
    }
    const [command1, command2, setId, data] = [command[1]!, command[2]!, command[3]!, command[4]!];
    const broadcast = Number.parseInt(setId, 16) === 0;
    if (!broadcast && !this.#isMe(setId)) return;
    const clock = this.#clock;
    if (clock && clock.now() < this.#processingUntil) {
      this.busyAnswers++;
      if (!broadcast) this.#answer(command2, 'NG', WAIT_MORE_TIME);
      return;
    }
    const powerOn = command1 + command2 === 'ka' && data === '01' && this.power === 'standby' && !this.faults.refuse;
    const answer = this.#perform(command1 + command2, data.toLowerCase());
    // LG RS-232C (32SM5KD): with Set ID 00 "the data is reflected to all monitors and they do not send an acknowledgment".
    if (broadcast) return;
    if (!powerOn || !clock) return this.#answer(command2, ...answer);
    // LG RS-232C, 01. Power: the acknowledgement comes "after power on processing completion".
    this.#processingUntil = clock.now() + this.#powerOnMs;
    clock.setTimer(() => this.#answer(command2, ...answer), this.#powerOnMs);
  }

  #perform(command: string, data: string): ['OK' | 'NG', string] {
    if (this.faults.refuse || command !== 'ka') return ['NG', ILLEGAL_CODE];
    // LG RS-232C, 01. Power (k a): 00 Off, 01 On; FF reads the present status.
    if (data === 'ff') return ['OK', this.power === 'on' ? '01' : '00'];
    if (data !== '00' && data !== '01') return ['NG', ILLEGAL_CODE];
    this.power = data === '01' ? 'on' : 'standby';
    // LG RS-232C: "If the data is data write mode, it returns the data of the PC computer."
    return ['OK', data];
  }

  #isMe(setId: string): boolean {
    return Number.parseInt(setId, 16) === this.setId;
  }

  #answer(command2: string, verdict: 'OK' | 'NG', data: string): void {
    if (this.faults.garbage) return this.#send(new Uint8Array([0x61, 0x20, 0xff, 0x13, 0x4f, 0x0d, 0x0a]));
    // LG RS-232C: "[Command2][ ][Set ID][ ][OK/NG][Data][x]", Set ID and data in small characters.
    const setId = this.setId.toString(16).padStart(2, '0');
    this.#send(new TextEncoder().encode(`${command2} ${setId} ${verdict}${data}x`));
  }
}
