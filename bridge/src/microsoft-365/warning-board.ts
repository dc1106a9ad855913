import { toIso, type Clock } from '../../../shared/clock.ts';
import type { IntegrationWarning, IntegrationWarningCode } from '../../../shared/integration-warnings.ts';
import type { Logger } from '../logger.ts';

/**
 * The integration's current problems. A warning stays while its cause lasts
 * and is cleared by the code that sees the cause gone, so the admin page
 * never shows a problem that was fixed, nor hides one that was not.
 */
export class WarningBoard {
  readonly #warnings = new Map<string, IntegrationWarning>();
  readonly #clock: Clock;
  readonly #logger: Logger;

  constructor(clock: Clock, logger: Logger) {
    this.#clock = clock;
    this.#logger = logger;
  }

  raise(code: IntegrationWarningCode, message: string, roomId?: string): void {
    const key = keyOf(code, roomId);
    const earlier = this.#warnings.get(key);
    if (earlier?.message === message) return;
    this.#warnings.set(key, { code, message, since: earlier?.since ?? toIso(this.#clock.now()), ...(roomId ? { roomId } : {}) });
    if (!earlier) this.#logger.warn({ code, roomId, detail: message }, 'Microsoft 365 problem');
  }

  clear(code: IntegrationWarningCode, roomId?: string): void {
    if (this.#warnings.delete(keyOf(code, roomId))) this.#logger.info({ code, roomId }, 'Microsoft 365 problem resolved');
  }

  /** Clears every warning of these codes, for any room: the cause they share is gone. */
  clearAll(...codes: IntegrationWarningCode[]): void {
    for (const [key, warning] of this.#warnings) {
      if (codes.includes(warning.code)) {
        this.#warnings.delete(key);
        this.#logger.info({ code: warning.code, roomId: warning.roomId }, 'Microsoft 365 problem resolved');
      }
    }
  }

  /** Clears the room's warnings: it is no longer linked. */
  clearRoom(roomId: string): void {
    for (const [key, warning] of this.#warnings) if (warning.roomId === roomId) this.#warnings.delete(key);
  }

  /** Clears everything: the integration was revoked. */
  clearEverything(): void {
    this.#warnings.clear();
  }

  list(): IntegrationWarning[] {
    return [...this.#warnings.values()].sort((a, b) => a.since.localeCompare(b.since));
  }
}

function keyOf(code: IntegrationWarningCode, roomId: string | undefined): string {
  return `${code}\u0000${roomId ?? ''}`;
}
