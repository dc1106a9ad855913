import { toIso, type Clock } from '../../../../shared/clock.ts';
import type { ByteTransport } from '../transport/byte-transport.ts';
import type { Logger } from '../../logger.ts';
import type { DeviceEvent, DeviceStatus, RoomDevice, RoomWish } from '../room-device.ts';
import { DisplayChannel, errorText, type CommandOutcome, type DisplayFaultCode } from './display-channel.ts';
import type { DisplayPower, DisplayProtocol } from './display-protocol.ts';
import { DeviceListeners } from '../device-listeners.ts';
import { RetryBackoff } from '../retry-backoff.ts';
import { HandSwitch } from './hand-switch.ts';

export interface DisplayControlOptions {
  protocol: DisplayProtocol;
  /** Opens a byte stream to the display (serial-transport.ts, tcp-transport.ts); rejects when it cannot be reached, gives up when `signal` aborts. */
  open: (signal: AbortSignal) => Promise<ByteTransport>;
  /** For people, e.g. "Samsung MDC at 10.0.0.5:1515, display id 1". */
  describe: string;
  clock: Clock;
  logger: Logger;
  /** How long the display may take to answer a command (its vendor's document says). */
  replyTimeoutMs: number;
  /**
   * The least time from the display's answer (or a command given up on) to
   * the next command, as its vendor's document asks (NEC: 600 ms); none
   * when not given, as the MDC and LG documents ask for none.
   */
  commandGapMs?: number;
  /**
   * How long the display may keep answering busy (NEC's NULL message while
   * a power change runs) before that counts as a refusal; not at all when
   * not given, for protocols that never say busy.
   */
  busyForMs?: number;
}

const OPEN_TIMEOUT_MS = 5000;
const POLL_MS = 60_000;
/** A display that said busy is asked again after this (or the protocol's gap, if longer): confirmed about a second after it is ready, without flooding it meanwhile. */
const BUSY_RETRY_MS = 1000;

/**
 * A commercial display's power, kept as the hardware policy wants it, by
 * any vendor's control protocol (a `DisplayProtocol`) over RS-232 or TCP.
 *
 * Rules:
 * - It connects on `start` and stays connected; `connected` is true once
 *   the display has answered, false while it is down.
 * - It sends what the policy wants (`wish.power`; null leaves the screen
 *   alone) as soon as the wish changes or a connection is made, so within
 *   5 s; a wish repeated unchanged sends nothing.
 * - It reads the power back after every command and every 60 s; `power` in
 *   the status is what it last read. Only a changed wish or a reconnect
 *   sends a power command: a screen someone switched by hand stays so.
 * - One command at a time, each answered within the protocol's reply
 *   timeout; bytes that are no answer are skipped. Commands are paced as
 *   the protocol's document asks: at least `commandGapMs` from an answer
 *   to the next command, on the same connection or the next one.
 * - A display that answers busy is asked again (the latest wish, or the
 *   power query) after 1 s or the gap, whichever is longer, with no fault
 *   and no reconnect, for up to `busyForMs`; busy for longer is a refusal.
 * - No answer, a refusal, only garbage, a lost connection or a display
 *   that cannot be reached: the connection is closed and opened again after
 *   0.5 s, doubling to 30 s, and the wish applied again; `lastFault` says
 *   what went wrong (and stays after recovery), a warning is logged. Never
 *   a crash, never an unhandled rejection.
 * - A screen read back on while the policy wants standby, when the bridge
 *   confirmed standby and has not sent ON since, was switched on by a
 *   person: `{ kind: 'wake' }` is emitted once, and the screen is left on
 *   until the policy's next wish (it keeps the screen on for the wake
 *   minutes, then wants standby again).
 */
export class DisplayControlSession implements RoomDevice {
  readonly #options: DisplayControlOptions;
  readonly #logger: Logger;
  readonly #listeners: DeviceListeners;
  readonly #status: DeviceStatus;
  #wish: RoomWish['power'] = null;
  #applyPending = false;
  #readPending = false;
  /** Standby was read back while wanted, and ON not sent since: a screen read on now was switched on by hand. */
  readonly #handSwitch = new HandSwitch();
  #channel: DisplayChannel | null = null;
  /** The channel a work loop is running on: one at a time. */
  #working: DisplayChannel | null = null;
  readonly #backoff = new RetryBackoff();
  #failuresInARow = 0;
  /** The earliest time the next command may be sent: the protocol's gap after the last answer, or the busy retry. */
  #quietUntil = Number.NEGATIVE_INFINITY;
  /** When the display started answering busy, while it still does. */
  #busySince: number | null = null;
  #cancelRetry: () => void = () => {};
  #cancelPoll: () => void = () => {};
  /** Ends a pause before the next command early, when the session lets go of the connection. */
  #endPause: () => void = () => {};
  #abortOpen: AbortController | null = null;
  #started = false;
  #closed = false;

  constructor(options: DisplayControlOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ display: options.describe });
    this.#listeners = new DeviceListeners(this.#logger);
    this.#status = { kind: 'display', describe: options.describe, connected: false, lastContactAt: null, power: null, lastFault: null };
  }

  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    void this.#connect();
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
    this.#abortOpen?.abort();
    this.#disconnect();
  }

  async #connect(): Promise<void> {
    this.#cancelRetry();
    if (this.#closed || this.#channel) return;
    const abort = new AbortController();
    this.#abortOpen = abort;
    const cancelTimeout = this.#options.clock.setTimer(() => abort.abort(), OPEN_TIMEOUT_MS);
    let transport: ByteTransport;
    try {
      // An opener that ignores the abort is not waited for; what it opens too late is closed.
      transport = await new Promise<ByteTransport>((resolve, reject) => {
        abort.signal.addEventListener('abort', () => reject(new Error(`no connection within ${OPEN_TIMEOUT_MS / 1000} s`)), { once: true });
        this.#options.open(abort.signal).then((opened) => (abort.signal.aborted ? opened.close() : resolve(opened)), reject);
      });
    } catch (error) {
      if (!this.#closed) this.#fail(null, 'unreachable', errorText(error));
      return;
    } finally {
      cancelTimeout();
      this.#abortOpen = null;
    }
    if (this.#closed) return transport.close();
    const { protocol, clock, replyTimeoutMs } = this.#options;
    const channel: DisplayChannel = new DisplayChannel(transport, {
      protocol,
      clock,
      logger: this.#logger,
      replyTimeoutMs,
      onAnswer: () => (this.#status.lastContactAt = toIso(clock.now())),
      onClose: () => this.#fail(channel, 'disconnected', 'the connection closed'),
    });
    this.#channel = channel;
    this.#busySince = null;
    // Whatever the display did while the bridge was away, it gets the wish again.
    this.#applyPending = this.#wish !== null;
    this.#readPending = true;
    this.#work();
  }

  /** Sends the wish and reads the power back, one command at a time, until nothing is left to do. */
  #work(): void {
    const channel = this.#channel;
    if (!channel || this.#working === channel) return;
    this.#working = channel;
    void this.#workOn(channel)
      .catch((error: unknown) => {
        // Only a codec that throws while encoding gets here: a bug, logged, and retried like any fault.
        this.#logger.error({ err: error }, 'display control failed unexpectedly');
        this.#fail(channel, 'disconnected', `internal error: ${errorText(error)}`);
      })
      .finally(() => {
        if (this.#working === channel) this.#working = null;
      });
  }

  async #workOn(channel: DisplayChannel): Promise<void> {
    const { protocol, clock } = this.#options;
    while (this.#channel === channel && (this.#applyPending || this.#readPending)) {
      if (this.#quietUntil > clock.now()) {
        // What to send is chosen after the pause: a wish changed meanwhile goes instead.
        await this.#pause(this.#quietUntil - clock.now());
        continue;
      }
      if (this.#applyPending && this.#wish !== null) {
        this.#applyPending = false;
        const power: DisplayPower = this.#wish === 'ON' ? 'on' : 'standby';
        if (power === 'on') this.#handSwitch.sentOn();
        const sent = await this.#exchange(channel, protocol.setPower(power), `power ${power}`);
        if (!sent.ok) return this.#fail(channel, sent.code, sent.text);
        if (sent.answer.kind === 'busy') this.#applyPending = true;
        else this.#readPending = true;
        continue;
      }
      this.#applyPending = false;
      this.#readPending = false;
      const read = await this.#exchange(channel, protocol.queryPower(), 'the power query');
      if (!read.ok) return this.#fail(channel, read.code, read.text);
      if (read.answer.kind === 'busy') this.#readPending = true;
      else if (read.answer.kind === 'power') this.#readBack(read.answer.power);
    }
    if (this.#channel !== channel) return;
    if (!this.#status.connected) this.#logger.info({ power: this.#status.power }, 'display connected');
    this.#status.connected = true;
    this.#backoff.reset();
    this.#failuresInARow = 0;
    this.#schedulePoll();
  }

  /**
   * One command and its answer, paced for the next: the gap from now on, or
   * the busy retry after a busy answer. A display busy for longer than
   * `busyForMs` comes back as a refusal.
   */
  async #exchange(channel: DisplayChannel, bytes: Uint8Array, what: string): Promise<CommandOutcome> {
    const { clock, commandGapMs = 0, busyForMs = 0 } = this.#options;
    const outcome = await channel.request(bytes, what);
    const now = clock.now();
    this.#quietUntil = now + commandGapMs;
    if (!outcome.ok || outcome.answer.kind !== 'busy') {
      this.#busySince = null;
      return outcome;
    }
    this.#busySince ??= now;
    const busyMs = now - this.#busySince;
    if (busyMs >= busyForMs) return { ok: false, code: 'refused', text: `${what}: the display said busy${busyMs > 0 ? ` for ${(busyMs / 1000).toFixed(1)} s` : ''}` };
    this.#logger.debug({ what }, 'the display is busy: asking again shortly');
    this.#quietUntil = now + Math.max(commandGapMs, BUSY_RETRY_MS);
    return outcome;
  }

  /** Waits `ms`, or less when the session lets go of the connection meanwhile. */
  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const end = () => {
        cancel();
        if (this.#endPause === end) this.#endPause = () => {};
        resolve();
      };
      const cancel = this.#options.clock.setTimer(end, ms);
      this.#endPause = end;
    });
  }

  #readBack(power: DisplayPower): void {
    this.#status.power = power;
    if (!this.#handSwitch.switchedOnByHand(power, this.#wish)) return;
    this.#logger.info('display switched on by hand while standby is wanted: a wake');
    this.#listeners.emit({ kind: 'wake' });
  }


  /** A fault on `channel` (null: while connecting): close it, say so, and try again with backoff. */
  #fail(channel: DisplayChannel | null, code: DisplayFaultCode, text: string): void {
    if (this.#closed || channel !== this.#channel) return;
    const repeated = this.#failuresInARow > 0 && this.#status.lastFault?.code === code;
    this.#failuresInARow++;
    this.#status.lastFault = { code, text, at: toIso(this.#options.clock.now()) };
    if (repeated) this.#logger.debug({ code, text, retryInMs: this.#backoff.nextMs }, 'display still failing');
    else this.#logger.warn({ code, text, retryInMs: this.#backoff.nextMs }, 'display control failed: retrying');
    this.#disconnect();
    const delay = this.#backoff.take();
    this.#cancelRetry = this.#options.clock.setTimer(() => void this.#connect(), delay);
  }

  #disconnect(): void {
    this.#cancelPoll();
    this.#endPause();
    this.#status.connected = false;
    const channel = this.#channel;
    this.#channel = null;
    channel?.close();
  }

  #schedulePoll(): void {
    this.#cancelPoll();
    this.#cancelPoll = this.#options.clock.setTimer(() => {
      this.#readPending = true;
      this.#work();
    }, POLL_MS);
  }
}
