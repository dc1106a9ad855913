import { toIso } from '../../../shared/clock.ts';
import { Problem } from '../../../shared/problems.ts';
import type { SqlDatabase } from '../store/sql-database.ts';

/** An alert the webhook has not taken yet, with how its delivery has gone so far. */
export interface PendingAlert {
  problem: Problem;
  /** Failed deliveries so far; the wait before the next one grows with them. */
  attempts: number;
  /** When the first delivery failed; null before any did. */
  firstFailedAt: number | null;
  lastError: string | null;
}

/** How deliveries stand: what waits, since when the webhook fails, and its last answer. */
export interface AlertBacklog {
  waiting: number;
  /** Alerts whose delivery failed at least this often. */
  failing: number;
  firstFailedAt: number | null;
  lastError: string | null;
}

interface ProblemRow {
  id: string;
  roomId: string;
  kind: string;
  note: string | null;
  reportedAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

const COLUMNS = 'p.id, p.room_id AS "roomId", p.kind, p.note, p.reported_at AS "reportedAt", p.resolved_at AS "resolvedAt", p.resolved_by AS "resolvedBy"';
/** Resolved problems listed beside the open ones: the recent past, not the whole history. */
const RESOLVED_LISTED = 200;

/**
 * The problems reported at the rooms, and the alerts about them the webhook
 * has not taken yet: a problem and its alert are stored in one transaction,
 * and an alert leaves only once the webhook took it, so a restart loses none.
 * Rows are checked by the shared schema on the way out.
 */
export class ProblemStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  transaction<T>(work: () => T): T {
    return this.#db.transaction(work);
  }

  find(problemId: string): Problem | undefined {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM problems p WHERE p.id = ?`).get(problemId) as ProblemRow | undefined;
    return row && toProblem(row);
  }

  /** Stores a new problem; with `alert`, its alert waits for the webhook from now on. */
  add(problem: Problem, alert: boolean): void {
    const valid = Problem.parse(problem);
    this.#db
      .prepare('INSERT INTO problems (id, room_id, kind, note, reported_at, resolved_at, resolved_by) VALUES (?, ?, ?, ?, ?, NULL, NULL)')
      .run(valid.id, valid.roomId, valid.kind, valid.note, Date.parse(valid.reportedAt));
    if (alert) this.#db.prepare('INSERT INTO problem_alerts (problem_id, room_id) VALUES (?, ?)').run(valid.id, valid.roomId);
  }

  /** Open problems first, then the latest resolved ones; newest first in each. */
  list(): Problem[] {
    const open = this.#db.prepare(`SELECT ${COLUMNS} FROM problems p WHERE p.resolved_at IS NULL ORDER BY p.reported_at DESC, p.id`).all() as ProblemRow[];
    const resolved = this.#db
      .prepare(`SELECT ${COLUMNS} FROM problems p WHERE p.resolved_at IS NOT NULL ORDER BY p.reported_at DESC, p.id LIMIT ?`)
      .all(RESOLVED_LISTED) as ProblemRow[];
    return [...open, ...resolved].map(toProblem);
  }

  /** Marks the problem resolved, unless it already was: true when this call resolved it. */
  resolve(problemId: string, at: number, by: string): boolean {
    return this.#db.prepare('UPDATE problems SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL').run(at, by, problemId).changes === 1;
  }

  /** The oldest alert waiting among `roomIds` (every room's when absent): alerts go out in the order problems were reported. */
  nextAlert(roomIds?: readonly string[]): PendingAlert | undefined {
    if (roomIds?.length === 0) return undefined;
    const inRooms = roomIds ? `WHERE a.room_id IN (${roomIds.map(() => '?').join(', ')})` : '';
    const row = this.#db
      .prepare(
        `SELECT ${COLUMNS}, a.attempts, a.first_failed_at AS "firstFailedAt", a.last_error AS "lastError"
         FROM problem_alerts a JOIN problems p ON p.id = a.problem_id ${inRooms}
         ORDER BY p.reported_at, p.id LIMIT 1`,
      )
      .get(...(roomIds ?? [])) as (ProblemRow & { attempts: number; firstFailedAt: number | null; lastError: string | null }) | undefined;
    return row && { problem: toProblem(row), attempts: row.attempts, firstFailedAt: row.firstFailedAt, lastError: row.lastError };
  }

  /** The webhook took it: the alert is done. */
  alertDelivered(problemId: string): void {
    this.#db.prepare('DELETE FROM problem_alerts WHERE problem_id = ?').run(problemId);
  }

  /** A delivery failed: counted, with why, kept for the next try. */
  alertFailed(problemId: string, at: number, error: string): void {
    this.#db
      .prepare('UPDATE problem_alerts SET attempts = attempts + 1, first_failed_at = COALESCE(first_failed_at, ?), last_error = ? WHERE problem_id = ?')
      .run(at, error, problemId);
  }

  /** How deliveries stand across every room, counting as failing the alerts that failed at least `failedAttempts` times. */
  alertBacklog(failedAttempts: number): AlertBacklog {
    const counts = this.#db
      .prepare(
        `SELECT COUNT(*) AS "waiting", COALESCE(SUM(CASE WHEN attempts >= ? THEN 1 ELSE 0 END), 0) AS "failing", MIN(first_failed_at) AS "firstFailedAt"
         FROM problem_alerts`,
      )
      .get(failedAttempts) as { waiting: number; failing: number; firstFailedAt: number | null };
    const last = this.#db
      .prepare('SELECT last_error AS "lastError" FROM problem_alerts WHERE last_error IS NOT NULL ORDER BY attempts DESC, problem_id LIMIT 1')
      .get() as { lastError: string } | undefined;
    return { waiting: counts.waiting, failing: counts.failing, firstFailedAt: counts.firstFailedAt, lastError: last?.lastError ?? null };
  }
}

function toProblem(row: ProblemRow): Problem {
  return Problem.parse({
    id: row.id,
    roomId: row.roomId,
    kind: row.kind,
    note: row.note,
    reportedAt: toIso(row.reportedAt),
    resolvedAt: row.resolvedAt === null ? null : toIso(row.resolvedAt),
    resolvedBy: row.resolvedBy,
  });
}
