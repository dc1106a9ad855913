import { toIso, type Clock } from '../../../../shared/clock.ts';
import type { IntegrationWarning, IntegrationWarningCode } from '../../../../shared/integration-warnings.ts';
import type { Logger } from '../../logger.ts';

/**
 * An integration's current problems. A warning stays while its cause lasts
 * and is cleared by the code that sees the cause gone, so the admin page
 * never shows a problem that was fixed, nor hides one that was not.
 */
export class WarningBoard {
  readonly #warnings = new Map<string, IntegrationWarning>();
  readonly #listeners = new Set<() => void>();
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #label: string;

  /** `label` names the integration in the log ("Microsoft 365", "Google Workspace", "CalDAV"). */
  constructor(clock: Clock, logger: Logger, label: string) {
    this.#clock = clock;
    this.#logger = logger;
    this.#label = label;
  }

  /** Hears every change of the list (other bridge processes show this one's warnings too). */
  onChange(listener: () => void): void {
    this.#listeners.add(listener);
  }

  raise(code: IntegrationWarningCode, message: string, roomId?: string): void {
    const key = keyOf(code, roomId);
    const earlier = this.#warnings.get(key);
    if (earlier?.message === message) return;
    this.#warnings.set(key, { code, message, since: earlier?.since ?? toIso(this.#clock.now()), ...(roomId ? { roomId } : {}) });
    if (!earlier) this.#logger.warn({ code, roomId, detail: message }, `${this.#label} problem`);
    this.#changed();
  }

  clear(code: IntegrationWarningCode, roomId?: string): void {
    if (!this.#warnings.delete(keyOf(code, roomId))) return;
    this.#logger.info({ code, roomId }, `${this.#label} problem resolved`);
    this.#changed();
  }

  /** Clears every warning of these codes, for any room: the cause they share is gone. */
  clearAll(...codes: IntegrationWarningCode[]): void {
    this.#deleteWhere((warning) => codes.includes(warning.code), true);
  }

  /** Clears the room's warnings: it is no longer linked. */
  clearRoom(roomId: string): void {
    this.#deleteWhere((warning) => warning.roomId === roomId, false);
  }

  /** Clears everything: the integration was revoked. */
  clearEverything(): void {
    this.#deleteWhere(() => true, false);
  }

  list(): IntegrationWarning[] {
    return [...this.#warnings.values()].sort((a, b) => a.since.localeCompare(b.since));
  }

  /** `resolved`: the cause is gone (logged); otherwise the warnings lost their subject. */
  #deleteWhere(matches: (warning: IntegrationWarning) => boolean, resolved: boolean): void {
    let deleted = false;
    for (const [key, warning] of this.#warnings) {
      if (!matches(warning)) continue;
      this.#warnings.delete(key);
      deleted = true;
      if (resolved) this.#logger.info({ code: warning.code, roomId: warning.roomId }, `${this.#label} problem resolved`);
    }
    if (deleted) this.#changed();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

function keyOf(code: IntegrationWarningCode, roomId: string | undefined): string {
  return `${code}\u0000${roomId ?? ''}`;
}
