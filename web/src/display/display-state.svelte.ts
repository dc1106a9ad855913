import type { Socket } from 'socket.io-client';
import { MINUTE_MS, toIso, type Clock } from '../../../shared/clock.ts';
import type { FreeRoomNearby } from '../../../shared/building.ts';
import type { ErrorCode, LintelError, Result } from '../../../shared/errors.ts';
import { applyMeetingChange } from '../../../shared/meeting-change.ts';
import type { Meeting, RoomState, WalkUpAction } from '../../../shared/model.ts';
import { computeRoomStatus, type RoomStatusView } from '../../../shared/room-status.ts';
import type { ClientToServerEvents, DisplayIdentify, ServerToClientEvents, WatchRequest } from '../../../shared/socket-events.ts';
import { planWalkUpAction } from '../../../shared/walk-up-rules.ts';
import { WALK_UP_SUBJECT } from '../../../shared/walk-up-subject.ts';
import { REPLAY_END_MARK, REPLAY_START_MARK } from '../lib/paint-mark.ts';
import type { DisplayDb, OutboxEntry, RoomCopyStore } from '../offline/display-db.ts';
import { actionDone, type ActionDone } from './action-done.ts';
import { DisplayCredential } from './display-credential.ts';
import { DisplayPairing } from './display-pairing.svelte.ts';
import { ProblemOutbox } from './problem-outbox.ts';
import { RoomLinkKeeper } from './room-link.svelte.ts';

export type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Connection = 'connecting' | 'live' | 'reconnecting';
/** Why an action did not happen: the bridge's code, and whether it was taken while offline. */
/** A refused action: `actionId` names it; one taken offline stays on screen until dismissed, as whoever took it may be long gone. */
export type ActionProblem = { code: ErrorCode; takenOffline: boolean; actionId: string };
/**
 * What the page's address says: the room in its path (`/rooms/:id`), and
 * whether a phone opened it from a display's QR code (shared/phone-page.ts):
 * a paired room's code carries its room link (`?link=`), which states when
 * it stops working (shared/room-link-token.ts), on the bridge's clock.
 */
export interface PageAddress {
  roomId?: string;
  link?: string;
  linkExpiresAt?: number;
  fromQrCode?: boolean;
}

const ACTION_TIMEOUT_MS = 10_000;
const NOTICE_MS = 8_000;
const RETRY_MS = 5_000;
const PIPELINE = 20;
const SAVE_EVERY_MS = 500;
/** A phone's link ran out while it could not hear the bridge: what the bridge says when it can. */
const LINK_EXPIRED: LintelError = { code: 'room-link-invalid', message: "This room link has expired: scan the QR code on the room's display again." };
/** The bridge closed the connection itself (an admin unlinked this display, say): connect again after this. */
const RECONNECT_MS = 1_000;
/**
 * A screen with nothing to show yet says "Connecting…" only after this
 * long: most starts take less, and a word flashed for half a second is
 * noise, not news (NN/g, "Response Times: The 3 Important Limits": under
 * 1 s, no indicator is needed).
 */
export const SAY_CONNECTING_AFTER_MS = 1_000;
/** No touch for this long: the screen is idle, and an overlay left open closes. */
export const IDLE_AFTER_MS = 2 * 60_000;

/**
 * What a display shows, kept live: the last room state the bridge pushed
 * (or, after a restart without the bridge, the one saved in IndexedDB), and
 * the status re-derived every second from it and the bridge-corrected clock,
 * so Busy turns to Available on time with or without a connection.
 *
 * Every walk-up action goes into a durable outbox first and shows at once;
 * the outbox is replayed in order whenever the bridge is reachable. The
 * bridge applies each action id once and answers a repeat with its first
 * answer, so a connection lost mid-replay changes nothing.
 *
 * A display watches with its own id and credential (and the room its URL
 * names, if any), and shows whatever room an admin linked it to. Where it
 * may not show a room (no room in its URL and not linked, or a `paired`
 * room without a credential that works) it is `unpaired` and shows a
 * pairing code. A phone that scanned a display's QR code watches with the
 * link instead (an open room's, with none), and never pairs: once its link
 * no longer works it shows why, in place of the room, and does nothing more.
 */
export class DisplayState {
  /**
   * The bridge's last state, as it came: replaced whole on each push, never
   * changed in place, so it is kept raw (no proxy around every meeting: a
   * display's first paint and each save to IndexedDB read it all).
   */
  snapshot = $state.raw<RoomState | null>(null);
  connection = $state<Connection>('connecting');
  problem = $state<LintelError | null>(null);
  now = $state(0);
  outbox = $state<OutboxEntry[]>([]);
  sending = $state(false);
  actionProblem = $state<ActionProblem | null>(null);
  /** What the last action taken on this screen did, said for a few seconds (action-done.ts). */
  lastDone = $state.raw<ActionDone | null>(null);
  disconnectedAt = $state<number | null>(null);
  lastInteractionAt = $state(Number.NEGATIVE_INFINITY);
  /** The bridge links this display to no room: show the pairing screen, not an old room. */
  unpaired = $state(false);
  /** An admin asked which screen this is: what to show over everything, until its seconds are up. */
  identified = $state<DisplayIdentify | null>(null);
  /** The page has waited long enough for its first room to say it is connecting (SAY_CONNECTING_AFTER_MS). */
  waitedToConnect = $state(false);
  readonly pairing: DisplayPairing;
  readonly roomLink: RoomLinkKeeper;
  /** "Report a problem": reports kept until the bridge takes them, as walk-up actions are. */
  readonly problemReports: ProblemOutbox;

  events: Meeting[] = $derived(this.outbox.reduce((events, entry) => applyMeetingChange(events, entry.change), this.snapshot?.events ?? []));
  view: RoomStatusView | null = $derived(this.snapshot ? computeRoomStatus(this.events, this.now, this.snapshot.room) : null);
  /** Minutes since the schedule was last known to be right, once that is more than two sync periods; else null. */
  staleMinutes: number | null = $derived.by(() => {
    const confirmed = this.#lastConfirmedAt();
    if (confirmed === null || !this.snapshot) return null;
    const age = this.now - confirmed;
    return age > 2 * this.snapshot.syncPeriodSeconds * 1000 ? Math.floor(age / MINUTE_MS) : null;
  });
  /**
   * What the QR code opens; null for no QR code. An open room's page, as
   * anyone may read it; a paired room's signed link while it works, which
   * only its paired displays get (a phone shows none).
   */
  qrUrl: string | null = $derived.by(() => {
    if (this.snapshot === null) return null;
    return this.snapshot.room.access === 'open' ? this.snapshot.bookingUrl : this.roomLink.url;
  });

  readonly #clock: Clock;
  readonly #roomKey: string;
  readonly #page: PageAddress;
  /** Opened from a QR code: no display, so it names none and never pairs. */
  readonly #onPhone: boolean;
  readonly #displayId: string;
  readonly #credential = new DisplayCredential();
  /**
   * A display does not watch before it has read its credential: told it is
   * unpaired, it would take a new one in place of the one an admin linked.
   * A phone has none to wait for.
   */
  #credentialRead: boolean;
  /** A phone's link stopped working: nothing more is watched, shown or sent. */
  #visitEnded = false;
  #db: RoomCopyStore | null = null;
  #socket: DisplaySocket | null = null;
  #watch: (() => void) | null = null;
  /** The room the last watch answered with: pushes for any other room are left over from before a re-link. */
  #watchedRoomId: string | null = null;
  /** Bridge clock minus this display's clock: a kiosk's clock is often wrong. */
  #clockOffsetMs = 0;
  #cancelNotice: () => void = () => {};
  #cancelIdentify: () => void = () => {};
  #cancelWatchRetry: () => void = () => {};
  #cancelReconnect: () => void = () => {};
  #saveScheduled = false;
  #lastSavedAt = Number.NEGATIVE_INFINITY;

  /** `displayId`: this display's own id (lib/display-id.ts); a phone does not send it, being no display. */
  constructor(clock: Clock, page: PageAddress, displayId: string) {
    this.#clock = clock;
    this.#page = page;
    this.#onPhone = page.link !== undefined || page.fromQrCode === true;
    this.#displayId = displayId;
    this.#credentialRead = this.#onPhone;
    this.#roomKey = page.roomId ?? 'default';
    this.now = clock.now();
    this.pairing = new DisplayPairing(clock, displayId, this.#credential);
    this.roomLink = new RoomLinkKeeper(clock);
    this.problemReports = new ProblemOutbox(clock, () => (this.#reachesBridge() ? this.#socket : null));
    clock.setTimer(() => (this.waitedToConnect = true), SAY_CONNECTING_AFTER_MS);
  }

  /**
   * Keeps this display's state in `db` from now on, and brings back what it
   * knew before it restarted: its credential, the last room state and the
   * actions not yet sent; then watches. `null`: there is no database (a
   * private window, say), so the display watches without any of that.
   */
  async useDb(db: DisplayDb | null): Promise<void> {
    try {
      if (db) await this.#restore(db);
    } finally {
      // Even when the database let it down: a display that forgot is better than one that never shows anything.
      this.#credentialRead = true;
      if (this.#socket?.connected) this.#watch?.();
    }
  }

  async #restore(db: DisplayDb): Promise<void> {
    const credential = this.#credential.useDb(db);
    try {
      // Nothing came from the bridge yet, nor was anything done on screen: the display watches only after this.
      await Promise.all([this.useRoomCopy(db), this.problemReports.useDb(db)]);
    } finally {
      // Whatever else failed, the credential is read before the display watches.
      await credential;
    }
  }

  /**
   * Keeps the room state and the actions not yet sent in `store` from now
   * on, and brings back what it kept: on its own, for a phone, which has no
   * credential to read; it calls this before it connects.
   */
  async useRoomCopy(store: RoomCopyStore): Promise<void> {
    this.#db = store;
    const [saved, queued] = await Promise.all([store.loadSnapshot(this.#roomKey), store.queued(this.#roomKey)]);
    if (saved) {
      this.#clockOffsetMs = saved.clockOffsetMs;
      this.snapshot = saved.state;
      this.disconnectedAt = saved.offlineSince ?? Date.parse(saved.state.now);
      this.now = this.#bridgeNow();
    }
    this.outbox = queued;
  }

  /** Starts watching the room over `socket`; returns a function that stops it. */
  connect(socket: DisplaySocket): () => void {
    this.#socket = socket;
    const watch = () => {
      this.#cancelWatchRetry();
      if (!this.#credentialRead || this.#visitEnded) return;
      socket.emit('room:watch', this.#watchRequest(), (result) => {
        if (this.#visitEnded) return;
        // Only a phone sends a link: once it no longer works, the visit is over.
        if (!result.ok && result.code === 'room-link-invalid') {
          this.#endVisit(result);
          return;
        }
        // A phone never pairs, whatever the bridge says: it is no display.
        if (!result.ok && result.code === 'display-unpaired' && !this.#onPhone) {
          this.#unpair(socket);
          return;
        }
        // Too many requests on this connection just now: not a problem to show, only a wait.
        if (!result.ok && result.code === 'rate-limited') {
          this.#cancelWatchRetry = this.#clock.setTimer(watch, result.retryAfterMs ?? RETRY_MS);
          return;
        }
        if (!result.ok) {
          this.problem = { code: result.code, message: result.message };
          return;
        }
        if (this.unpaired) {
          this.unpaired = false;
          this.pairing.stop();
        }
        this.#watchedRoomId = result.data.room.id;
        this.#accept(result.data);
        this.#keepRoomLink(result.data, true);
        this.connection = 'live';
        this.disconnectedAt = null;
        this.problem = null;
        void this.#drain();
        void this.problemReports.send();
      });
    };
    const lost = () => {
      this.connection = 'reconnecting';
      this.disconnectedAt ??= this.#bridgeNow();
      this.#save();
    };
    const disconnected = (reason: string) => {
      lost();
      // Closed by the bridge itself, socket.io does not connect again on its own; the watch on connecting says what to show now.
      if (reason === 'io server disconnect' && !this.#visitEnded) {
        this.#cancelReconnect();
        this.#cancelReconnect = this.#clock.setTimer(() => socket.connect(), RECONNECT_MS);
      }
    };
    // An admin linked this display to a room, or unlinked it: the answer to a new watch says what to show.
    // Unlinked, the room goes at once: the bridge closes the connection next, and may not be back soon.
    const assigned = ({ roomId }: { roomId: string | null }) => {
      if (roomId === null) this.#forgetRoom();
      watch();
    };
    // A phone's link ran out (or the room stopped being open to it); a display watches again and is told what to show.
    const accessEnded = (reason: LintelError) => (this.#onPhone ? this.#endVisit(reason) : watch());
    this.#watch = watch;
    socket.on('connect', watch);
    socket.on('disconnect', disconnected);
    socket.on('connect_error', lost);
    // A late push for the room this display was just unlinked from (or linked away from) must not bring it back.
    socket.on('room:state', (state) => {
      if (this.unpaired || this.#visitEnded || (this.#watchedRoomId !== null && state.room.id !== this.#watchedRoomId)) return;
      this.#accept(state);
      this.#keepRoomLink(state, false);
    });
    const identify = (shown: DisplayIdentify) => {
      this.#cancelIdentify();
      this.identified = shown;
      this.#cancelIdentify = this.#clock.setTimer(() => (this.identified = null), shown.seconds * 1000);
    };
    socket.on('display:assigned', assigned);
    socket.on('room:access-ended', accessEnded);
    socket.on('display:identify', identify);
    if (socket.connected) watch();

    let cancelTick = this.#tick();
    return () => {
      cancelTick();
      cancelTick = () => {};
      this.#cancelNotice();
      this.#cancelWatchRetry();
      this.#cancelReconnect();
      socket.off('connect', watch);
      socket.off('disconnect', disconnected);
      socket.off('connect_error', lost);
      socket.off('room:state');
      socket.off('display:assigned', assigned);
      socket.off('room:access-ended', accessEnded);
      socket.off('display:identify', identify);
      this.#cancelIdentify();
      this.pairing.stop();
      this.roomLink.stop();
      this.problemReports.stop();
      socket.disconnect();
      this.#socket = null;
      this.#watch = null;
    };
  }

  /** Someone touched the screen. */
  touched(): void {
    this.lastInteractionAt = this.now;
  }

  /**
   * Nobody is using the room or the screen: no meeting in progress, no
   * action waiting to be sent, and no touch for two minutes. A good moment
   * to switch to a new version of the app.
   */
  isIdle(): boolean {
    return this.view?.current == null && this.outbox.length === 0 && this.now - this.lastInteractionAt >= IDLE_AFTER_MS;
  }

  /**
   * Takes a walk-up action: checked against the schedule on screen with the
   * same rules the bridge runs, shown at once, queued durably, then sent.
   */
  act(action: WalkUpAction): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    const now = this.now;
    const plan = planWalkUpAction(action, {
      meetings: this.events,
      now,
      room: snapshot.room,
      bookingSubject: WALK_UP_SUBJECT[snapshot.room.settings.language],
    });
    if (!plan.ok) return this.#showProblem({ code: plan.code, takenOffline: false, actionId: action.id });
    const entry: OutboxEntry = {
      roomKey: this.#roomKey,
      roomId: snapshot.room.id,
      action: { ...action, takenAt: toIso(now) },
      change: plan.data,
      takenOffline: this.connection !== 'live',
    };
    this.outbox = [...this.outbox, entry];
    this.actionProblem = null;
    this.lastDone = actionDone(action, plan.data, now);
    // Written and sent at once: waiting for the write would slow every tap, and the bridge dedupes a resend.
    this.#db?.enqueue($state.snapshot(entry) as OutboxEntry).catch((error: unknown) => {
      console.error('Lintel could not keep the action on this display; it is sent all the same', error);
    });
    void this.#drain();
  }

  /** The rooms free now nearest to this one, best first; null when the bridge cannot be asked or did not answer in time. */
  freeRoomsNearby(): Promise<Result<FreeRoomNearby[]> | null> {
    const roomId = this.#watchedRoomId;
    if (roomId === null) return Promise.resolve(null);
    return this.#askLive((socket, answer) => socket.timeout(ACTION_TIMEOUT_MS).emit('rooms:free-nearby', { roomId }, answer));
  }

  /**
   * Books another room, open to anyone, for the person at this display: sent
   * at once and never queued, as only the bridge knows the room is still
   * free; null when the bridge cannot be asked or did not answer in time.
   */
  bookElsewhere(roomId: string): Promise<Result<RoomState> | null> {
    return this.#askLive((socket, answer) => socket.timeout(ACTION_TIMEOUT_MS).emit('room:action', { roomId, action: { id: crypto.randomUUID(), type: 'book-now' } }, answer));
  }

  /** One request on the live connection, never queued: null when there is none, or the bridge did not answer in time. */
  #askLive<T>(send: (socket: DisplaySocket, answer: (error: Error | null, result: Result<T>) => void) => void): Promise<Result<T> | null> {
    const socket = this.#socket;
    if (!socket?.connected || this.connection !== 'live') return Promise.resolve(null);
    return new Promise((resolve) => send(socket, (error, result) => resolve(error ? null : result)));
  }

  /**
   * Sends queued actions, oldest first, while the bridge is reachable. Up to
   * PIPELINE are on the wire at once: socket.io keeps their order on one
   * connection and the bridge answers a repeat with its first answer, so a
   * connection lost mid-batch only means some are sent again. Actions the
   * bridge refused for now (too many at once) stay in line and go again
   * after the wait it asked for: a long outbox is paced, never cut short.
   */
  async #drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    const replaying = this.outbox.length > 1;
    if (replaying) performance.mark(REPLAY_START_MARK);
    try {
      // Unpaired, there is no room to send to; queued actions wait until the display is linked again.
      while (this.#reachesBridge() && this.#socket) {
        const socket = this.#socket;
        const batch = this.outbox.slice(0, PIPELINE);
        if (batch.length === 0) break;
        const sent = await Promise.all(batch.map((entry) => this.#send(socket, entry)));
        const waitMs = Math.max(0, ...sent.map(retryAfterMs));
        const answers = sent.map((answer) => (retryAfterMs(answer) > 0 ? null : answer));
        const answered = batch.filter((_, index) => answers[index] != null);
        this.outbox = this.outbox.filter((queued) => !answered.includes(queued));
        await Promise.all(answered.map((entry) => this.#db?.remove(entry.action.id)));
        const lastState = answers.findLast((answer) => answer?.ok);
        if (lastState?.ok) this.#accept(lastState.data);
        const refusal = batch.map((entry, index) => ({ entry, answer: answers[index] })).findLast(({ answer }) => answer && !answer.ok);
        if (refusal?.answer && !refusal.answer.ok) {
          this.#showProblem({ code: refusal.answer.code, takenOffline: refusal.entry.takenOffline, actionId: refusal.entry.action.id });
          // A refusal usually means the room changed under us: show what it is now.
          this.#watch?.();
        }
        if (answered.length < batch.length) {
          // No answer in time, or not yet: those actions stay in line and go again shortly (or on reconnect).
          this.#clock.setTimer(() => void this.#drain(), waitMs > 0 ? waitMs : RETRY_MS);
          break;
        }
      }
    } finally {
      this.sending = false;
      if (replaying && this.outbox.length === 0) performance.mark(REPLAY_END_MARK);
    }
  }

  /**
   * The bridge's answer, or null when none came (the action stays queued and
   * is sent again later). A bridge that cannot reach its store has not
   * answered either: it says so, and the action waits as it would offline.
   * A `rate-limited` refusal is passed on, for its wait (see retryAfterMs).
   */
  #send(socket: DisplaySocket, entry: OutboxEntry): Promise<Result<RoomState> | null> {
    return new Promise((resolve) => {
      socket.timeout(ACTION_TIMEOUT_MS).emit('room:action', { roomId: entry.roomId, action: $state.snapshot(entry.action) as WalkUpAction }, (error, answer) =>
        resolve(error || (!answer.ok && answer.code === 'store-unavailable') ? null : answer),
      );
    });
  }

  /** Live with the bridge and shown a room: what is queued may be sent. */
  #reachesBridge(): boolean {
    return this.connection === 'live' && !this.unpaired && this.#socket?.connected === true;
  }

  /** The refusal on screen is read: it goes. */
  dismissProblem(): void {
    this.#cancelNotice();
    this.actionProblem = null;
  }

  #showProblem(problem: ActionProblem): void {
    this.#cancelNotice();
    // What the screen said was done is undone: the refusal is the news now.
    this.lastDone = null;
    this.actionProblem = problem;
    if (!problem.takenOffline) this.#cancelNotice = this.#clock.setTimer(() => (this.actionProblem = null), NOTICE_MS);
  }

  #lastConfirmedAt(): number | null {
    if (!this.snapshot) return null;
    const synced = this.snapshot.syncedAt === null ? null : Date.parse(this.snapshot.syncedAt);
    if (this.connection === 'live') return synced ?? this.now;
    const lostAt = this.disconnectedAt ?? this.now;
    return synced === null ? lostAt : Math.min(synced, lostAt);
  }

  /** A display says who it is; a phone shows its link, and is no display. */
  #watchRequest(): WatchRequest {
    const { roomId, link } = this.#page;
    const room = roomId === undefined ? {} : { roomId };
    if (link !== undefined) return { ...room, link };
    if (this.#onPhone) return room;
    const credential = this.#credential.secret;
    return { ...room, displayId: this.#displayId, ...(credential !== undefined && { credential }) };
  }

  /** A paired room's display keeps a signed link for its QR code (`askAgain`: even if it holds one); nobody else asks for one. */
  #keepRoomLink(state: RoomState, askAgain: boolean): void {
    const socket = this.#socket;
    if (!socket || this.#onPhone || state.room.access !== 'paired') this.roomLink.stop();
    else if (askAgain || !this.roomLink.keeps(state.room.id)) this.roomLink.keep(socket, state.room.id);
  }

  /**
   * The bridge knows this display, but it may show no room: forget the room
   * on screen and the copy kept for restarts, and show a pairing code.
   */
  #unpair(socket: DisplaySocket): void {
    this.#forgetRoom();
    this.unpaired = true;
    this.problem = null;
    this.connection = 'live';
    this.disconnectedAt = null;
    this.pairing.start(socket);
  }

  /** A phone's visit is over: the room, and what it would have sent there, go; only why stays on screen. */
  #endVisit(reason: LintelError): void {
    this.#visitEnded = true;
    this.#forgetRoom();
    this.outbox = [];
    this.actionProblem = null;
    this.problem = { code: reason.code, message: reason.message };
  }

  /** Nothing of the room this display showed stays, on screen or kept for a restart. */
  #forgetRoom(): void {
    this.#watchedRoomId = null;
    this.snapshot = null;
    this.roomLink.stop();
    void this.#forgetSnapshot();
  }

  async #forgetSnapshot(): Promise<void> {
    await this.#db?.deleteSnapshot(this.#roomKey).catch((error: unknown) => console.error('Lintel could not forget the old room on this display', error));
  }

  #bridgeNow(): number {
    return this.#clock.now() + this.#clockOffsetMs;
  }

  #accept(state: RoomState): void {
    this.#clockOffsetMs = Date.parse(state.now) - this.#clock.now();
    this.snapshot = state;
    this.now = this.#bridgeNow();
    this.#save();
  }

  /**
   * Saves the room state for a restart without the bridge: at once, then at
   * most every SAVE_EVERY_MS, so a burst of pushes (a replay, say) is a few writes, and
   * losing the last half second of it on a power cut costs nothing, since the
   * bridge pushes the full state again on reconnect.
   */
  #save(): void {
    if (!this.#db || this.#saveScheduled) return;
    this.#saveScheduled = true;
    this.#clock.setTimer(() => {
      this.#saveScheduled = false;
      this.#lastSavedAt = this.#clock.now();
      const state = this.snapshot;
      if (!this.#db || !state) return;
      this.#db
        .saveSnapshot({ roomKey: this.#roomKey, state, clockOffsetMs: this.#clockOffsetMs, offlineSince: this.disconnectedAt })
        .catch((error: unknown) => console.error('Lintel could not save the room state on this display', error));
    }, this.#lastSavedAt + SAVE_EVERY_MS - this.#clock.now());
  }

  /** Ticks on each second boundary so the clock and the status change exactly on time. */
  #tick(): () => void {
    let cancel = () => {};
    const schedule = () => {
      cancel = this.#clock.setTimer(() => {
        this.now = this.#bridgeNow();
        // Offline, the bridge cannot say so: a phone's visit ends on its own clock, and nothing of the room stays.
        // Only with a room on screen: its state set the clock right, and a phone's own clock may be off.
        if (this.snapshot && this.#page.linkExpiresAt !== undefined && this.now >= this.#page.linkExpiresAt) this.#endVisit(LINK_EXPIRED);
        schedule();
      }, 1000 - (this.#bridgeNow() % 1000));
    };
    schedule();
    return () => cancel();
  }
}

/** How long the bridge asked to wait before this action is sent again: 0 unless it refused it for now (`rate-limited`). */
function retryAfterMs(answer: Result<RoomState> | null): number {
  return answer?.ok === false && answer.code === 'rate-limited' ? Math.max(1, answer.retryAfterMs ?? RETRY_MS) : 0;
}
