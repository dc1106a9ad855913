import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import type { Problem } from '../../../shared/problems.ts';
import type { Logger } from '../logger.ts';
import { QueueSender } from '../queue-sender.ts';
import type { AlertWebhook, ProblemAlert } from './alert-webhook.ts';
import type { ProblemStore } from './problem-store.ts';

export interface AlertSenderDeps {
  store: ProblemStore;
  webhook: AlertWebhook;
  /** The room's name as people know it; the room id stands in for a room gone meanwhile. */
  roomName: (roomId: string) => string | undefined;
  clock: Clock;
  logger: Logger;
  /** The rooms whose alerts this process sends, when bridge processes share the store (their lease holder's); all rooms when absent. */
  roomsSentHere?: () => string[];
}

/** The wait after the first failed delivery; each further failure doubles it, up to MAX_RETRY_MS. */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 5 * MINUTE_MS;
/** The store itself could not be read: tried again after this, as a sync would be. */
const STORE_RETRY_MS = 30_000;

/** The wait before the next try of an alert whose delivery failed `attempts` times. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends problem alerts to the webhook, oldest first, one at a time. An
 * alert leaves the store only once the webhook answered 2xx, so one the
 * webhook refused, or never answered, is tried again after a wait that
 * doubles with each failure (its count is in the store, so a restarted
 * bridge goes on from there), and none is lost across restarts. The alerts
 * behind a failing one wait with it: the webhook is the same for all.
 *
 * A wake (a new problem, a start, a room's lease gained) tries at once: a
 * new problem is news worth one more try, and a restart often follows a
 * corrected LINTEL_ALERT_WEBHOOK_URL.
 */
export class AlertSender extends QueueSender {
  readonly #deps: AlertSenderDeps;

  constructor(deps: AlertSenderDeps) {
    super(deps.clock);
    this.#deps = deps;
  }

  protected failed(error: unknown): void {
    this.#deps.logger.error({ err: error }, 'problem alerts could not be sent');
    this.retryIn(STORE_RETRY_MS);
  }

  protected async drain(): Promise<void> {
    const { store, webhook, clock, logger, roomsSentHere } = this.#deps;
    while (!this.stopped) {
      const next = store.nextAlert(roomsSentHere?.());
      if (!next) return;
      const { problem } = next;
      const answer = await webhook.post(this.#alertOf(problem));
      if (answer.ok) {
        store.alertDelivered(problem.id);
        logger.info({ problemId: problem.id, roomId: problem.roomId, attempts: next.attempts + 1 }, 'problem alert delivered');
        continue;
      }
      store.alertFailed(problem.id, clock.now(), answer.error);
      const retryInMs = retryDelayMs(next.attempts + 1);
      logger.warn({ problemId: problem.id, roomId: problem.roomId, webhook: webhook.describe, error: answer.error, retryInMs }, 'the alert webhook did not take a problem alert');
      this.retryIn(retryInMs);
      return;
    }
  }

  #alertOf(problem: Problem): ProblemAlert {
    const { id, roomId, kind, note, reportedAt } = problem;
    return { id, roomId, roomName: this.#deps.roomName(roomId) ?? roomId, kind, note, reportedAt };
  }
}
