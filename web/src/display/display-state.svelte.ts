import type { Socket } from 'socket.io-client';
import type { Clock } from '../../../shared/clock.ts';
import type { ErrorCode, LintelError } from '../../../shared/errors.ts';
import { applyMeetingChange } from '../../../shared/meeting-change.ts';
import type { Meeting, RoomState, WalkUpAction } from '../../../shared/model.ts';
import { computeRoomStatus, type RoomStatusView } from '../../../shared/room-status.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/socket-events.ts';
import { planWalkUpAction } from '../../../shared/walk-up-rules.ts';
import { WALK_UP_SUBJECT } from '../../../shared/walk-up-subject.ts';

export type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Connection = 'connecting' | 'live' | 'reconnecting';
/** Why the last action did not happen: a shared error code, or no answer at all. */
export type ActionProblem = ErrorCode | 'unreachable';

const ACTION_TIMEOUT_MS = 10_000;
const NOTICE_MS = 8_000;

/**
 * What a display shows, kept live: the last room state the bridge pushed,
 * and the status re-derived every second from it and the (bridge-corrected)
 * clock, so Busy turns to Available on time between pushes. A walk-up
 * action shows at once (optimistic) and is rolled back with the reason if
 * the bridge refuses it.
 */
export class DisplayState {
  snapshot = $state<RoomState | null>(null);
  connection = $state<Connection>('connecting');
  problem = $state<LintelError | null>(null);
  now = $state(0);
  pending = $state<{ action: WalkUpAction; events: Meeting[] } | null>(null);
  actionProblem = $state<ActionProblem | null>(null);
  disconnectedAt = $state<number | null>(null);

  events: Meeting[] = $derived(this.pending?.events ?? this.snapshot?.events ?? []);
  view: RoomStatusView | null = $derived(this.snapshot ? computeRoomStatus(this.events, this.now, this.snapshot.room) : null);
  /** Minutes since the schedule was last known to be right, once that is more than two sync periods; else null. */
  staleMinutes: number | null = $derived.by(() => {
    const confirmed = this.#lastConfirmedAt();
    if (confirmed === null || !this.snapshot) return null;
    const age = this.now - confirmed;
    return age > 2 * this.snapshot.syncPeriodSeconds * 1000 ? Math.floor(age / 60_000) : null;
  });

  readonly #clock: Clock;
  readonly #roomId: string | undefined;
  #socket: DisplaySocket | null = null;
  #watch: (() => void) | null = null;
  /** Bridge clock minus this display's clock: a kiosk's clock is often wrong. */
  #clockOffsetMs = 0;
  #cancelNotice: () => void = () => {};

  constructor(clock: Clock, roomId: string | undefined) {
    this.#clock = clock;
    this.#roomId = roomId;
    this.now = clock.now();
  }

  /** Starts watching the room over `socket`; returns a function that stops it. */
  connect(socket: DisplaySocket): () => void {
    this.#socket = socket;
    const watch = () => {
      socket.emit('room:watch', this.#roomId === undefined ? {} : { roomId: this.#roomId }, (result) => {
        if (result.ok) {
          this.#accept(result.data);
          this.connection = 'live';
          this.disconnectedAt = null;
          this.problem = null;
        } else {
          this.problem = { code: result.code, message: result.message };
        }
      });
    };
    const lost = () => {
      this.connection = 'reconnecting';
      this.disconnectedAt ??= this.#bridgeNow();
    };
    this.#watch = watch;
    socket.on('connect', watch);
    socket.on('disconnect', lost);
    socket.on('room:state', (state) => this.#accept(state));
    if (socket.connected) watch();

    let cancelTick = this.#tick();
    return () => {
      cancelTick();
      cancelTick = () => {};
      this.#cancelNotice();
      socket.off('connect', watch);
      socket.off('disconnect', lost);
      socket.off('room:state');
      socket.disconnect();
      this.#socket = null;
      this.#watch = null;
    };
  }

  /**
   * Takes a walk-up action: checked against the schedule on screen with the
   * same rules the bridge runs, shown at once, then confirmed or rolled back.
   */
  act(action: WalkUpAction): void {
    const snapshot = this.snapshot;
    const socket = this.#socket;
    if (!snapshot || !socket || this.pending) return;
    const plan = planWalkUpAction(action, {
      meetings: snapshot.events,
      now: this.now,
      room: snapshot.room,
      bookingSubject: WALK_UP_SUBJECT[snapshot.room.settings.language],
    });
    if (!plan.ok) return this.#showProblem(plan.code);
    const pending = { action, events: applyMeetingChange(snapshot.events, plan.data) };
    this.pending = pending;
    this.actionProblem = null;
    socket.timeout(ACTION_TIMEOUT_MS).emit('room:action', { roomId: snapshot.room.id, action }, (error, result) => {
      if (this.pending?.action.id !== pending.action.id) return;
      this.pending = null;
      if (error) return this.#showProblem('unreachable');
      if (result.ok) return this.#accept(result.data);
      this.#showProblem(result.code);
      // A refusal usually means the room changed under us: show what it is now.
      this.#watch?.();
    });
  }

  #showProblem(problem: ActionProblem): void {
    this.#cancelNotice();
    this.actionProblem = problem;
    this.#cancelNotice = this.#clock.setTimer(() => (this.actionProblem = null), NOTICE_MS);
  }

  #lastConfirmedAt(): number | null {
    if (!this.snapshot) return null;
    const synced = this.snapshot.syncedAt === null ? null : Date.parse(this.snapshot.syncedAt);
    if (this.connection === 'live') return synced ?? this.now;
    const lostAt = this.disconnectedAt ?? this.now;
    return synced === null ? lostAt : Math.min(synced, lostAt);
  }

  #bridgeNow(): number {
    return this.#clock.now() + this.#clockOffsetMs;
  }

  #accept(state: RoomState): void {
    this.#clockOffsetMs = Date.parse(state.now) - this.#clock.now();
    this.snapshot = state;
    this.now = this.#bridgeNow();
  }

  /** Ticks on each second boundary so the clock and the status change exactly on time. */
  #tick(): () => void {
    let cancel = () => {};
    const schedule = () => {
      cancel = this.#clock.setTimer(() => {
        this.now = this.#bridgeNow();
        schedule();
      }, 1000 - (this.#bridgeNow() % 1000));
    };
    schedule();
    return () => cancel();
  }
}
