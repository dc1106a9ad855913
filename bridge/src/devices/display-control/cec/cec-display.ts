import { toIso, type Clock } from '../../../../../shared/clock.ts';
import type { Logger } from '../../../logger.ts';
import type { DeviceEvent, DeviceStatus, RoomDevice, RoomWish } from '../../room-device.ts';
import { errorText } from '../display-channel.ts';
import type { DisplayPower } from '../display-protocol.ts';
import { readPowerStatus } from './cec-client-output.ts';
import { runCecClient, type CecClientOptions, type CecRunFaultCode, type CecRunOutcome } from './cec-client-run.ts';
import { DeviceListeners } from '../../device-listeners.ts';
import { RetryBackoff } from '../../retry-backoff.ts';
import { HandSwitch } from '../hand-switch.ts';

/*
 * HDMI-CEC by libcec's cec-client, one process per command in its
 * single-command mode: https://github.com/Pulse-Eight/libcec/blob/master/debian/cec-client.1
 * (cited as "cec-client --help") and https://github.com/Pulse-Eight/libcec/blob/master/src/cec-client/cec-client.cpp
 * (cited as "cec-client").
 */

/** What went wrong, in `status().lastFault.code`: running cec-client, or the TV itself. */
export type CecFaultCode = CecRunFaultCode | 'garbage' | 'power-unknown' | 'ignores-standby';

export interface CecDisplayOptions {
  /** The USB-CEC adapter, e.g. /dev/ttyACM0. */
  device: string;
  /** The cec-client program; `cec-client` on PATH when not given. */
  cecClient?: string;
  clock: Clock;
  logger: Logger;
}

/**
 * cectypes.h: CEC_DEFAULT_CONNECT_TIMEOUT is 10 s to open the adapter, and a
 * command then waits up to 1 s per try for the TV (CEC_DEFAULT_TRANSMIT_WAIT):
 * 15 s covers both before a run counts as hung.
 */
const COMMAND_TIMEOUT_MS = 15_000;
const POLL_MS = 60_000;
/** CEC gives no time for a TV to reach standby: 20 s lets a slow set finish, and it is still reported within the minute. */
const STANDBY_GRACE_MS = 20_000;

/**
 * A TV's power on HDMI-CEC, kept as the hardware policy wants it, best
 * effort, through a USB-CEC adapter and libcec's cec-client.
 *
 * Rules:
 * - Every command is its own `cec-client -s -d 1 <device>` run, which opens
 *   the adapter, runs the one command and exits (cec-client --help, "-s"):
 *   it never powers devices on at start or off at exit as a long-running
 *   client does, a replugged adapter is found again by the next run, and
 *   each run ends by its exit, where an interactive client gives no sign
 *   that `on` or `standby` is done. A run that has not ended in 15 s is
 *   killed and counts as no answer.
 * - `start` reads the power, and sends the wish (`on 0`, `standby 0`; null
 *   leaves the TV alone) as soon as it changes; a wish repeated unchanged
 *   sends nothing. Only logical address 0, the TV, is addressed: standby to
 *   the broadcast address would also switch off other devices on the HDMI
 *   bus, and the CEC document leaves what each does with it to the device.
 * - It reads the power back with `pow 0` after every command and every 60 s;
 *   a transition counts as the state it heads for. Only a changed wish or a
 *   recovery sends a power command: a TV someone switched by hand stays so.
 * - cec-client missing, the adapter not opening, a hung run, a failed run or
 *   output without a power status: `connected` is false, `lastFault` says so
 *   in words (and stays after recovery), a warning is logged, and the run is
 *   tried again after 0.5 s, doubling to 30 s; the first run that works
 *   applies the wish again. Never a crash, never an unhandled rejection.
 * - The TV not reporting its power ("power status: unknown"; many TVs stop
 *   answering in standby) or still on 20 s after a standby command (many TVs
 *   ignore CEC standby) is a `lastFault` and a warning, but no retry: the
 *   adapter works, and sending again would not change the TV's mind.
 * - A TV read back on while the policy wants standby, when the bridge read
 *   standby while wanted and has not sent `on` since, was switched on by a
 *   person: `{ kind: 'wake' }` is emitted once, and it is left on until the
 *   policy's next wish.
 * - `connected` means cec-client opened the adapter and ran the last
 *   command; `power` is what the TV last reported (null while it does not).
 */
export class CecDisplay implements RoomDevice {
  readonly #run: CecClientOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #listeners: DeviceListeners;
  readonly #status: DeviceStatus;
  readonly #stop = new AbortController();
  #wish: RoomWish['power'] = null;
  #applyPending = false;
  #readPending = false;
  #working = false;
  /** Standby was read back while wanted, and `on` not sent since: a TV read on now was switched on by hand. */
  readonly #handSwitch = new HandSwitch();
  /** When standby was last sent and not yet read back; null when there is nothing to check. */
  #standbySentAt: number | null = null;
  #retrying = false;
  readonly #backoff = new RetryBackoff();
  #failuresInARow = 0;
  #cancelRetry: () => void = () => {};
  #cancelPoll: () => void = () => {};
  #cancelGrace: () => void = () => {};
  #started = false;
  #closed = false;

  constructor(options: CecDisplayOptions) {
    this.#clock = options.clock;
    this.#run = { program: options.cecClient ?? 'cec-client', device: options.device, clock: options.clock, timeoutMs: COMMAND_TIMEOUT_MS };
    const describe = `HDMI-CEC on ${options.device} (cec-client)`;
    this.#logger = options.logger.child({ display: describe });
    this.#listeners = new DeviceListeners(this.#logger);
    this.#status = { kind: 'display', describe, connected: false, lastContactAt: null, power: null, lastFault: null };
  }

  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#readPending = true;
    this.#applyPending = this.#wish !== null;
    this.#work();
  }

  want(wish: RoomWish): void {
    if (wish.power === this.#wish) return;
    this.#wish = wish.power;
    if (wish.power === null) return;
    this.#applyPending = true;
    this.#work();
  }

  onEvent(listener: (event: DeviceEvent) => void): () => void {
    return this.#listeners.add(listener);
  }

  status(): DeviceStatus {
    return { ...this.#status, lastFault: this.#status.lastFault && { ...this.#status.lastFault } };
  }

  close(): void {
    this.#closed = true;
    this.#cancelRetry();
    this.#cancelPoll();
    this.#cancelGrace();
    this.#stop.abort();
    this.#status.connected = false;
  }

  /** Runs what is pending, one cec-client at a time; not while a retry waits (it runs then). */
  #work(): void {
    if (!this.#started || this.#closed || this.#working || this.#retrying) return;
    this.#working = true;
    void this.#workLoop()
      .catch((error: unknown) => {
        // Only a bug gets here: logged, and retried like any fault.
        this.#logger.error({ err: error }, 'HDMI-CEC display control failed unexpectedly');
        this.#fail('failed', `internal error: ${errorText(error)}`);
      })
      .finally(() => {
        this.#working = false;
        // A wish or a timer that came between the loop's end and here found it still working: run it now.
        if (this.#applyPending || this.#readPending) this.#work();
      });
  }

  async #workLoop(): Promise<void> {
    while (!this.#closed && (this.#applyPending || this.#readPending)) {
      if (this.#applyPending && this.#wish !== null) {
        this.#applyPending = false;
        const power: DisplayPower = this.#wish === 'ON' ? 'on' : 'standby';
        if (power === 'on') {
          this.#handSwitch.sentOn();
          this.#standbySentAt = null;
          this.#cancelGrace();
        }
        // cec-client: "[on] {address}" and "[standby] {address}", 0 being the TV.
        const sent = await this.#runCommand(power === 'on' ? 'on 0' : 'standby 0');
        if (!sent.ok) return this.#fail(sent.code, sent.text);
        if (power === 'standby') this.#standbySentAt = this.#clock.now();
        this.#readPending = true;
        continue;
      }
      this.#applyPending = false;
      this.#readPending = false;
      // cec-client: "[pow] {addr}  get the power status of the specified device."
      const read = await this.#runCommand('pow 0');
      if (!read.ok) return this.#fail(read.code, read.text);
      const reading = readPowerStatus(read.output);
      if (!reading) return this.#fail('garbage', `cec-client gave no power status for "pow 0": ${read.output.trim().slice(-200) || 'no output'}`);
      if (reading.kind === 'unknown') this.#powerUnknown();
      else this.#readBack(reading.power);
    }
    if (this.#closed) return;
    if (!this.#status.connected) this.#logger.info({ power: this.#status.power }, 'HDMI-CEC display control working');
    this.#status.connected = true;
    this.#backoff.reset();
    this.#failuresInARow = 0;
    this.#schedulePoll();
  }

  #runCommand(command: string): Promise<CecRunOutcome> {
    return runCecClient(this.#run, command, this.#stop.signal);
  }

  #readBack(power: DisplayPower): void {
    this.#status.power = power;
    this.#status.lastContactAt = toIso(this.#clock.now());
    if (power === 'standby') {
      this.#standbySentAt = null;
      this.#cancelGrace();
      this.#handSwitch.switchedOnByHand(power, this.#wish);
      return;
    }
    if (this.#standbySentAt !== null) {
      if (this.#wish === 'STANDBY') return this.#checkStandby(this.#standbySentAt);
      // The wish changed while the answer was on its way: standby is no longer wanted, so nothing was ignored.
      this.#standbySentAt = null;
      this.#cancelGrace();
    }
    if (!this.#handSwitch.switchedOnByHand(power, this.#wish)) return;
    this.#logger.info('TV switched on by hand while standby is wanted: a wake');
    this.#listeners.emit({ kind: 'wake' });
  }

  /** The TV read on after standby was sent at `sentAt`: read again when the grace period is over, then call it a fault. */
  #checkStandby(sentAt: number): void {
    const left = sentAt + STANDBY_GRACE_MS - this.#clock.now();
    if (left > 0) {
      this.#cancelGrace();
      this.#cancelGrace = this.#clock.setTimer(() => {
        this.#readPending = true;
        this.#work();
      }, left);
      return;
    }
    this.#standbySentAt = null;
    this.#tvFault('ignores-standby', `the TV ignores HDMI-CEC standby: it is still on ${STANDBY_GRACE_MS / 1000} s after the standby command. Many TVs do; look for a setting in its CEC menu (Anynet+, SimpLink, Bravia Sync…) that lets connected devices switch it off, or switch it off by hand`);
  }

  #powerUnknown(): void {
    this.#status.power = null;
    this.#tvFault('power-unknown', 'the TV did not report its power over HDMI-CEC (cec-client says "unknown"): is CEC switched on in its menu (Anynet+, SimpLink, Bravia Sync…)? Some TVs stop answering in standby');
  }

  /** A fault of the TV, not of cec-client or the adapter: said once while it lasts, not retried. */
  #tvFault(code: CecFaultCode, text: string): void {
    if (this.#status.lastFault?.code !== code) this.#logger.warn({ code, text }, 'HDMI-CEC display: the TV does not follow');
    this.#status.lastFault = { code, text, at: toIso(this.#clock.now()) };
  }


  /** A run failed: say so, and try again with backoff, applying the wish again. */
  #fail(code: CecFaultCode, text: string): void {
    if (this.#closed) return;
    const repeated = this.#failuresInARow > 0 && this.#status.lastFault?.code === code;
    this.#failuresInARow++;
    this.#status.connected = false;
    this.#status.lastFault = { code, text, at: toIso(this.#clock.now()) };
    if (repeated) this.#logger.debug({ code, text, retryInMs: this.#backoff.nextMs }, 'HDMI-CEC display still failing');
    else this.#logger.warn({ code, text, retryInMs: this.#backoff.nextMs }, 'HDMI-CEC display control failed: retrying');
    this.#cancelPoll();
    this.#cancelGrace();
    const delay = this.#backoff.take();
    this.#retrying = true;
    this.#cancelRetry = this.#clock.setTimer(() => {
      this.#retrying = false;
      // Whatever the TV did while cec-client could not reach it, it gets the wish again.
      this.#applyPending = this.#wish !== null;
      this.#readPending = true;
      this.#work();
    }, delay);
  }

  #schedulePoll(): void {
    this.#cancelPoll();
    this.#cancelPoll = this.#clock.setTimer(() => {
      this.#readPending = true;
      this.#work();
    }, POLL_MS);
  }
}
