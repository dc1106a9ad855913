import type { Clock } from '../../../shared/clock.ts';
import type { ErrorCode, Result } from '../../../shared/errors.ts';
import type { Problem } from '../../../shared/problems.ts';
import type { ProblemReportRequest } from '../../../shared/socket-events.ts';
import type { DisplayDb } from '../offline/display-db.ts';
import type { DisplaySocket } from './display-state.svelte.ts';

/** What became of a report, as the person who sent it is told: taken, waiting for the bridge, or refused (why). */
export type ReportOutcome = { kind: 'sent' } | { kind: 'queued' } | { kind: 'refused'; code: ErrorCode };

const ANSWER_TIMEOUT_MS = 10_000;
/** No answer in time: sent again after this, or at once when the display watches again. */
const RETRY_MS = 5_000;

/**
 * "Report a problem" from this display: each report is kept (IndexedDB)
 * until the bridge takes it, and sent whenever the bridge is reachable, as
 * walk-up actions are. The bridge keeps a report once per id, so one sent
 * again after a lost answer or a restart is no second problem. A report the
 * bridge refuses for good (the room is not this display's any more, say) is
 * dropped: sent again, it would be refused again.
 */
export class ProblemOutbox {
  readonly #clock: Clock;
  /** The socket to send on while the display is live with the bridge; null otherwise. */
  readonly #liveSocket: () => DisplaySocket | null;
  #waiting: ProblemReportRequest[] = [];
  /** Whoever waits for a report's outcome (its dialog), by report id. */
  readonly #outcomes = new Map<string, (outcome: ReportOutcome) => void>();
  #db: DisplayDb | null = null;
  #sending = false;
  #cancelRetry: () => void = () => {};

  constructor(clock: Clock, liveSocket: () => DisplaySocket | null) {
    this.#clock = clock;
    this.#liveSocket = liveSocket;
  }

  /** Keeps reports in `db` from now on, and takes back those kept before a restart. */
  async useDb(db: DisplayDb): Promise<void> {
    this.#db = db;
    const kept = await db.keptProblems().catch((error: unknown) => {
      console.error('Lintel could not read the problem reports kept on this display', error);
      return [];
    });
    // Reported before the database was read: kept now.
    const reportedMeanwhile = this.#waiting;
    const known = new Set(reportedMeanwhile.map((request) => request.report.id));
    this.#waiting = [...kept.filter((request) => !known.has(request.report.id)), ...reportedMeanwhile];
    for (const request of reportedMeanwhile) void this.#keep(request);
    void this.send();
  }

  /** Queues the report and sends it if the bridge is reachable; resolves with its outcome, `queued` when it has to wait. */
  report(request: ProblemReportRequest): Promise<ReportOutcome> {
    const outcome = new Promise<ReportOutcome>((resolve) => this.#outcomes.set(request.report.id, resolve));
    this.#waiting = [...this.#waiting, request];
    void this.#keep(request);
    void this.send();
    return outcome;
  }

  /** Sends what waits, oldest first, while the bridge is reachable. */
  async send(): Promise<void> {
    if (this.#sending) return;
    this.#sending = true;
    this.#cancelRetry();
    try {
      for (let next = this.#waiting[0]; next !== undefined; next = this.#waiting[0]) {
        const socket = this.#liveSocket();
        const answer = socket && (await this.#emit(socket, next));
        if (!answer || (!answer.ok && (answer.code === 'store-unavailable' || answer.code === 'rate-limited'))) {
          // Offline, no answer in time, or refused for now: everything waits, and is tried again.
          this.#settleAll({ kind: 'queued' });
          if (socket) this.#retryIn(answer && !answer.ok ? (answer.retryAfterMs ?? RETRY_MS) : RETRY_MS);
          return;
        }
        this.#waiting = this.#waiting.filter((request) => request !== next);
        void this.#db?.removeProblem(next.report.id).catch((error: unknown) => console.error('Lintel could not forget a problem report the bridge took', error));
        this.#settle(next.report.id, answer.ok ? { kind: 'sent' } : { kind: 'refused', code: answer.code });
      }
    } finally {
      this.#sending = false;
    }
  }

  stop(): void {
    this.#cancelRetry();
    this.#settleAll({ kind: 'queued' });
  }

  #emit(socket: DisplaySocket, request: ProblemReportRequest): Promise<Result<Problem> | null> {
    return new Promise((resolve) => {
      socket.timeout(ANSWER_TIMEOUT_MS).emit('room:report-problem', request, (error, answer) => resolve(error ? null : answer));
    });
  }

  async #keep(request: ProblemReportRequest): Promise<void> {
    await this.#db?.keepProblem(request).catch((error: unknown) => {
      console.error('Lintel could not keep a problem report on this display; it is sent all the same', error);
    });
  }

  #retryIn(delayMs: number): void {
    this.#cancelRetry();
    this.#cancelRetry = this.#clock.setTimer(() => void this.send(), delayMs);
  }

  #settle(reportId: string, outcome: ReportOutcome): void {
    this.#outcomes.get(reportId)?.(outcome);
    this.#outcomes.delete(reportId);
  }

  #settleAll(outcome: ReportOutcome): void {
    for (const resolve of this.#outcomes.values()) resolve(outcome);
    this.#outcomes.clear();
  }
}
