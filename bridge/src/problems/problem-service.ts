import type { z } from 'zod';
import { toIso, type Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { Problem, ProblemReport } from '../../../shared/problems.ts';
import { clientOfStanding, mayUseRoom, roomRefusal, type Standing } from '../access/standing.ts';
import type { AdminIdentity } from '../admin/admin-identity.ts';
import type { AuditLog } from '../admin/audit-log.ts';
import type { BucketSize } from '../limits/token-bucket.ts';
import type { Logger } from '../logger.ts';
import { ActionLimit } from '../rooms/action-limit.ts';
import type { RoomService } from '../rooms/room-service.ts';
import type { ProblemStore } from './problem-store.ts';

/**
 * 10 at once: an offline display's queued reports go in one go when it is
 * back. Then one a minute: more than people at one room report, while a
 * script cannot bury facilities in alerts.
 */
export const PROBLEM_RATE: BucketSize = { capacity: 10, perSecond: 1 / 60 };

export interface ProblemServiceDeps {
  store: ProblemStore;
  rooms: Pick<RoomService, 'accessOf'>;
  /** The room's name as people know it, for the audit log; undefined for no such room. */
  roomName: (roomId: string) => string | undefined;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** An alert webhook is configured: each new problem's alert waits for it in the store. */
  alerting: boolean;
}

type ParsedReport = z.output<typeof ProblemReport>;
type ReportedListener = (problem: Problem) => void;

/**
 * Problems people report at a room ("the screen is dark", "too warm"): kept
 * once per report id with the room and the time, listed for admins, resolved
 * by an admin (recorded in the audit log). Reporting follows the walk-up
 * actions' access rules and is limited per client the same way.
 */
export class ProblemService {
  readonly #deps: ProblemServiceDeps;
  readonly #limit: ActionLimit;
  readonly #listeners = new Set<ReportedListener>();

  constructor(deps: ProblemServiceDeps) {
    this.#deps = deps;
    this.#limit = new ActionLimit(deps.clock, 'problem reports from this device', PROBLEM_RATE);
  }

  /**
   * A report from a client of `standing` (at `address`): refused unless it
   * may act in the room, as a walk-up action would be. A read-only room's
   * displays take no bookings, but their screen can still break and their
   * room still get too warm: a report is no booking, so it is taken there too.
   */
  reportFrom(roomId: string, report: ParsedReport, standing: Standing, address: string | undefined): Result<Problem> {
    const access = this.#deps.rooms.accessOf(roomId);
    if (access === undefined) return fail('room-not-found', `There is no room "${roomId}".`);
    // Counted before the refusal too: refused requests cost the bridge as well.
    const admitted = this.#limit.admit(clientOfStanding(standing, address));
    if (!admitted.ok) return admitted;
    const now = this.#deps.clock.now();
    if (!mayUseRoom(standing, roomId, access, now)) return roomRefusal(standing, roomId, now);
    return this.#report(roomId, report);
  }

  /** Heard when a new problem is stored, not when a repeat is answered. */
  onReported(listener: ReportedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  list(): Problem[] {
    return this.#deps.store.list();
  }

  /** Resolved by `you`, once: resolving it again answers how it was resolved, changing nothing. */
  resolve(problemId: string, you: Pick<AdminIdentity, 'name'>): Result<Problem> {
    const { store, clock, audit, logger } = this.#deps;
    return store.transaction(() => {
      const problem = store.find(problemId);
      if (!problem) return fail<Problem>('not-found', `There is no problem "${problemId.slice(0, 80)}".`);
      if (!store.resolve(problemId, clock.now(), you.name)) return ok(problem);
      const room = this.#deps.roomName(problem.roomId) ?? problem.roomId;
      audit.record(clock.now(), you.name, { action: 'resolve-problem', room, kind: problem.kind, reportedAt: problem.reportedAt });
      logger.info({ actor: you.name, problemId, roomId: problem.roomId }, 'problem resolved');
      return ok(store.find(problemId)!);
    });
  }

  /**
   * Stores the report once per id: a repeat with the same room, kind and
   * note is answered with the problem stored first; anything else under a
   * used id is refused, as a client reusing an id by mistake would be.
   */
  #report(roomId: string, report: ParsedReport): Result<Problem> {
    const { store, clock, logger, alerting } = this.#deps;
    const note = report.note || null;
    let added: Problem | undefined;
    const result = store.transaction((): Result<Problem> => {
      const earlier = store.find(report.id);
      if (earlier) {
        const same = earlier.roomId === roomId && earlier.kind === report.kind && earlier.note === note;
        return same ? ok(earlier) : fail('action-id-reused', `Report id ${report.id} was already used for a different report.`);
      }
      added = { id: report.id, roomId, kind: report.kind, note, reportedAt: toIso(clock.now()), resolvedAt: null, resolvedBy: null };
      store.add(added, alerting);
      return ok(added);
    });
    if (added) {
      logger.info({ roomId, problemId: added.id, kind: added.kind }, 'problem reported');
      for (const listener of this.#listeners) listener(added);
    }
    return result;
  }
}
