import type { ClickShareConfig } from '../../../../shared/clickshare-config.ts';
import { toIso, type Clock } from '../../../../shared/clock.ts';
import type { Logger } from '../../logger.ts';
import type { DeviceEvent, DeviceStatus, RoomDevice, RoomWish } from '../room-device.ts';
import { CertificatePin, type CertificatePinStore } from './certificate-pin.ts';
import { Personalization, PERSONALIZATION_PATH, POWER_MANAGEMENT_PATH, PowerManagement, powerOf, readAnswer, STANDBY_PATH, STATUS_PATH, SystemStatus, WAKEUP_PATH } from './clickshare-api.ts';
import { readCredentials } from './clickshare-credentials.ts';
import { asFault, ClickShareFault } from './clickshare-fault.ts';
import { ClickShareHttps, type Subscription } from './clickshare-https.ts';
import { plan, type Pending, type Step, type UnitReading } from './clickshare-steps.ts';
import { CLICKSHARE_TIMING as TIMING } from './clickshare-timing.ts';
import { DeviceListeners } from '../device-listeners.ts';
import { RetryBackoff } from '../retry-backoff.ts';

export interface ClickShareDeviceOptions {
  config: ClickShareConfig;
  /** Where the unit's certificate fingerprint is pinned, when no `caFile` is configured. */
  pinStore: CertificatePinStore;
  clock: Clock;
  logger: Logger;
}

interface Session {
  https: ClickShareHttps;
  /** The first reads after connecting are still to do. */
  fresh: boolean;
  subscription: Subscription | null;
}

/**
 * A Barco ClickShare base unit, driven by its REST API (Barco R5915531).
 *
 * Rules:
 * - HTTPS with Basic authentication; the password and CA files are read at
 *   every (re)connect. Without `caFile` the unit's certificate is pinned on
 *   first contact and any other is refused before a request is written.
 * - It learns of sharing by subscribing (Server-Sent Events) to the unit's
 *   status, which Barco documents for any resource "instead of continuously
 *   polling": a change arrives at once, and the unit repeats the status
 *   every 90 s, so a lost update is mended. Each change of "sharing" is a
 *   `{ kind: 'sharing' }` event; each change of "inUse" (a source is
 *   connected: people are in the room) an `{ kind: 'occupancy' }` event, so
 *   a room whose only sensor is its ClickShare says whether it is in use.
 * - It reads the power (2.40) after connecting, after each command and every
 *   60 s. A changed wish or a reconnect sends what is needed, once: wakeup
 *   when ON is wanted and the unit is in standby; standby when STANDBY is
 *   wanted, the unit is on and no source is connected (otherwise held until
 *   nobody is); the room's name when the unit shows another. A unit someone
 *   woke by hand stays awake until the wish changes.
 * - A command the unit refuses (4xx but 401) or does not take is a fault
 *   kept in `lastFault`, and the driver stays connected for sharing.
 * - No answer, 401, 5xx, an answer unlike the reference, a changed
 *   certificate, a subscription that ends or falls silent: everything is
 *   closed and tried again after 0.5 s, doubling to 30 s, and the wish applied
 *   again. Never a crash, never an unhandled rejection.
 */
export class ClickShareDevice implements RoomDevice {
  readonly #options: ClickShareDeviceOptions;
  readonly #logger: Logger;
  readonly #pin: CertificatePin;
  readonly #listeners: DeviceListeners;
  readonly #status: DeviceStatus;
  #wish: Pick<RoomWish, 'power' | 'roomName'> = { power: null, roomName: '' };
  #pending: Pending = { power: false, roomName: false };
  #unit: UnitReading = { power: null, inUse: null, roomName: null };
  #sharing = false;
  #standbyHeld = false;
  #pollDue = false;
  #session: Session | null = null;
  #working: Session | null = null;
  #workAgain = false;
  /** Retries as for a room's display (README, "The room's screen"). */
  readonly #backoff = new RetryBackoff();
  #failuresInARow = 0;
  #cancelRetry: () => void = () => {};
  #cancelPoll: () => void = () => {};
  #started = false;
  #closed = false;

  constructor(options: ClickShareDeviceOptions) {
    this.#options = options;
    const { host, port } = options.config;
    const describe = `Barco ClickShare at ${host}:${port}`;
    this.#logger = options.logger.child({ clickshare: describe });
    this.#listeners = new DeviceListeners(this.#logger);
    this.#pin = new CertificatePin(options.pinStore, () => `SHA-256 fingerprint of the certificate of the ${describe}, pinned on first contact ${toIso(options.clock.now())}`);
    this.#status = { kind: 'clickshare', describe, connected: false, lastContactAt: null, power: null, lastFault: null };
  }

  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#connect().catch((error: unknown) => this.#internalError(null, error));
  }

  want(wish: RoomWish): void {
    if (wish.power !== this.#wish.power) this.#pending.power = true;
    if (wish.roomName !== this.#wish.roomName) this.#pending.roomName = true;
    this.#wish = { power: wish.power, roomName: wish.roomName };
    this.#work();
  }

  onEvent(listener: (event: DeviceEvent) => void): () => void {
    const { inUse } = this.#unit;
    const current: DeviceEvent[] = [...(inUse === null ? [] : [{ kind: 'occupancy', occupied: inUse } as const]), ...(this.#sharing ? [{ kind: 'sharing', sharing: true } as const] : [])];
    return this.#listeners.add(listener, current);
  }

  status(): DeviceStatus {
    return { ...this.#status, lastFault: this.#status.lastFault && { ...this.#status.lastFault } };
  }

  close(): void {
    this.#closed = true;
    this.#cancelRetry();
    this.#teardown();
  }

  async #connect(): Promise<void> {
    this.#cancelRetry();
    if (this.#closed || this.#session) return;
    let credentials;
    try {
      credentials = await readCredentials(this.#options.config);
    } catch (error) {
      return this.#fail(null, asFault(error));
    }
    if (this.#closed || this.#session) return;
    const { config, clock } = this.#options;
    const https = new ClickShareHttps({
      host: config.host,
      port: config.port,
      username: credentials.username,
      password: credentials.password,
      trust:
        credentials.caPem !== null
          ? { kind: 'ca', caPem: credentials.caPem }
          : { kind: 'pin', pin: this.#pin, onPinned: (fingerprint) => this.#logger.info({ fingerprint, pinFile: this.#pin.describe }, "pinned the unit's certificate on first contact") },
      clock,
      requestTimeoutMs: TIMING.requestTimeoutMs,
      silenceMs: TIMING.silenceMs,
      onContact: () => (this.#status.lastContactAt = toIso(clock.now())),
    });
    this.#session = { https, fresh: true, subscription: null };
    // Whatever happened to the unit while the bridge was away, it gets the wish again.
    this.#pending = { power: this.#wish.power !== null, roomName: true };
    this.#unit = { power: null, inUse: null, roomName: null };
    this.#work();
  }

  /** Reads and sends, one request at a time, until the unit follows the wish as far as it can now. */
  #work(): void {
    const session = this.#session;
    if (!session) return;
    if (this.#working === session) {
      this.#workAgain = true;
      return;
    }
    this.#working = session;
    this.#workAgain = false;
    void this.#workOn(session)
      .catch((error: unknown) => (error instanceof ClickShareFault ? this.#fail(session, error) : this.#internalError(session, error)))
      .finally(() => {
        if (this.#working !== session) return;
        this.#working = null;
        if (this.#workAgain) this.#work();
      });
  }

  async #workOn(session: Session): Promise<void> {
    if (session.fresh) {
      session.fresh = false;
      // The subscription is open before the first read, so no share falls between the two.
      session.subscription = session.https.subscribe(STATUS_PATH, (json) => this.#onStatus(session, json), (fault) => this.#fail(session, fault));
      await session.subscription.opened;
      this.#onStatus(session, await session.https.read(STATUS_PATH, SystemStatus));
      await this.#readPower(session);
      this.#unit.roomName = (await session.https.read(PERSONALIZATION_PATH, Personalization)).meetingRoomName;
      if (this.#session !== session) return;
      if (!this.#status.connected) this.#logger.info({ power: this.#unit.power, sharing: this.#sharing }, 'ClickShare connected');
      this.#status.connected = true;
      this.#backoff.reset();
      this.#failuresInARow = 0;
      this.#schedulePoll();
    }
    while (this.#session === session) {
      if (this.#pollDue) {
        this.#pollDue = false;
        await this.#readPower(session);
        continue;
      }
      const next = plan(this.#wish, this.#unit, this.#pending);
      this.#pending = next.pending;
      if (next.standbyHeld && !this.#standbyHeld) this.#logger.info('standby wanted while a source is connected: held until nobody is');
      this.#standbyHeld = next.standbyHeld;
      if (!next.step) return;
      await this.#send(session, next.step);
    }
  }

  async #send(session: Session, step: Step): Promise<void> {
    if (step.kind === 'rename') {
      // R5915531 2.31: PATCH configuration/personalization, meetingRoomName.
      const refusal = await session.https.change('PATCH', PERSONALIZATION_PATH, { meetingRoomName: step.name });
      if (refusal) return this.#refused(refusal.message);
      const kept = (await session.https.read(PERSONALIZATION_PATH, Personalization)).meetingRoomName;
      this.#unit.roomName = kept;
      if (kept !== step.name) this.#refused(`the unit kept the meeting room name ${JSON.stringify(kept)} instead of ${JSON.stringify(step.name)}`);
      return;
    }
    const refusal = await session.https.change('POST', step.kind === 'wakeup' ? WAKEUP_PATH : STANDBY_PATH);
    if (refusal) return this.#refused(refusal.message);
    await this.#readPower(session);
  }

  async #readPower(session: Session): Promise<void> {
    const { status } = await session.https.read(POWER_MANAGEMENT_PATH, PowerManagement);
    if (this.#session !== session) return;
    this.#unit.power = powerOf(status);
    this.#status.power = this.#unit.power;
  }

  /** The unit's status, read or pushed by the subscription (as its JSON text). */
  #onStatus(session: Session, update: SystemStatus | string): void {
    if (this.#session !== session) return;
    let status: SystemStatus;
    try {
      status = typeof update === 'string' ? readAnswer(update, SystemStatus, `the subscription to ${STATUS_PATH}`) : update;
    } catch (error) {
      return this.#fail(session, asFault(error));
    }
    if (status.inUse !== this.#unit.inUse) {
      this.#unit.inUse = status.inUse;
      this.#listeners.emit({ kind: 'occupancy', occupied: status.inUse });
    }
    if (status.sharing !== this.#sharing) {
      this.#sharing = status.sharing;
      this.#listeners.emit({ kind: 'sharing', sharing: status.sharing });
    }
    if (this.#standbyHeld && !status.inUse) this.#work();
  }

  /** The unit did not take a command: a fault for the admin page, but the connection is fine. */
  #refused(text: string): void {
    this.#status.lastFault = { code: 'refused', text, at: toIso(this.#options.clock.now()) };
    this.#logger.warn({ code: 'refused', text }, 'ClickShare did not take a command');
  }


  /** A bug, not a fault of the unit: logged as one, and retried like any fault. */
  #internalError(session: Session | null, error: unknown): void {
    this.#logger.error({ err: error }, 'ClickShare driver failed unexpectedly');
    this.#fail(session, new ClickShareFault('disconnected', `internal error: ${String(error)}`));
  }

  /** A fault on `session` (null: before one was made): close it, say so, and try again with backoff. */
  #fail(session: Session | null, fault: ClickShareFault): void {
    if (this.#closed || session !== this.#session) return;
    const { code, message: text } = fault;
    const repeated = this.#failuresInARow > 0 && this.#status.lastFault?.code === code;
    this.#failuresInARow++;
    this.#status.lastFault = { code, text, at: toIso(this.#options.clock.now()) };
    if (repeated) this.#logger.debug({ code, text, retryInMs: this.#backoff.nextMs }, 'ClickShare still failing');
    else this.#logger.warn({ code, text, retryInMs: this.#backoff.nextMs }, 'ClickShare failed: retrying');
    this.#teardown();
    const delay = this.#backoff.take();
    this.#cancelRetry = this.#options.clock.setTimer(() => this.#connect().catch((error: unknown) => this.#internalError(null, error)), delay);
  }

  #teardown(): void {
    this.#cancelPoll();
    this.#status.connected = false;
    this.#standbyHeld = false;
    this.#pollDue = false;
    const session = this.#session;
    this.#session = null;
    session?.subscription?.stop();
    session?.https.close();
  }

  #schedulePoll(): void {
    this.#cancelPoll();
    this.#cancelPoll = this.#options.clock.setTimer(() => {
      this.#schedulePoll();
      this.#pollDue = true;
      this.#work();
    }, TIMING.pollMs);
  }
}
