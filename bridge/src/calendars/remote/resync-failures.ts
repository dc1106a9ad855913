import type { WarningBoard } from './warning-board.ts';

/** Failed rounds in a row before the admin is told: one or two are a passing outage, which the next round mends. */
const FAILED_ROUNDS_WARNED = 3;

/**
 * Rooms whose sync cursor their calendar refused (Exchange's delta token,
 * Google's sync token) and whose full resync has not completed since. The room keeps showing the meetings it last read
 * meanwhile; when the resync fails round after round, the admin is warned,
 * until a round completes.
 */
export class ResyncFailures {
  readonly #failures = new Map<string, number>();
  readonly #warnings: WarningBoard;

  constructor(warnings: WarningBoard) {
    this.#warnings = warnings;
  }

  /** The room's calendar refused its cursor: it owes a full resync until a round completes. */
  cursorRefused(roomId: string): void {
    if (!this.#failures.has(roomId)) this.#failures.set(roomId, 0);
  }

  /** A round of the room did not complete; counted when it owes a full resync. `calendar` names it in the warning. */
  failed(roomId: string, calendar: string): void {
    const owed = this.#failures.get(roomId);
    if (owed === undefined) return;
    const failures = owed + 1;
    this.#failures.set(roomId, failures);
    if (failures >= FAILED_ROUNDS_WARNED) {
      this.#warnings.raise(
        'delta-resync-failing',
        `${calendar}: the calendar refused its sync token, and the full resync it asks for has failed ${FAILED_ROUNDS_WARNED} rounds in a row or more.`,
        roomId,
      );
    }
  }

  /** A round of the room completed: its calendar is in step again. */
  synced(roomId: string): void {
    this.#failures.delete(roomId);
    this.#warnings.clear('delta-resync-failing', roomId);
  }
}
