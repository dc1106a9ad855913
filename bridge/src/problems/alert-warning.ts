import { toIso } from '../../../shared/clock.ts';
import type { IntegrationWarning } from '../../../shared/integration-warnings.ts';
import type { ProblemStore } from './problem-store.ts';

/** Failed deliveries of one alert before the admin page shows it: a blip the next try gets through is no news (1 s, 2 s, 4 s). */
export const FAILURES_BEFORE_WARNING = 3;

/**
 * The admin page's warning while the alert webhook does not take alerts,
 * read from the store: bridge processes sharing it show the same, whichever
 * of them sends. `webhook` is where it posts, as logs may show it.
 */
export function alertWarnings(store: ProblemStore, webhook: string): IntegrationWarning[] {
  const backlog = store.alertBacklog(FAILURES_BEFORE_WARNING);
  if (backlog.failing === 0 || backlog.firstFailedAt === null) return [];
  const waiting = backlog.waiting === 1 ? '1 problem report waits' : `${backlog.waiting} problem reports wait`;
  return [
    {
      code: 'alert-webhook-failing',
      message: `${waiting} for the alert webhook at ${webhook}; its last answer: ${backlog.lastError ?? 'none'}.`,
      since: toIso(backlog.firstFailedAt),
    },
  ];
}
