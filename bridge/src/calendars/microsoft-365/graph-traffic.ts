/** How Graph answered a request: the class of its status, or no answer at all (timeout, reset, refused connection). */
export type GraphOutcome = '2xx' | '3xx' | '4xx' | '5xx' | 'no-answer';

export const GRAPH_OUTCOMES: readonly GraphOutcome[] = ['2xx', '3xx', '4xx', '5xx', 'no-answer'];

/** The answers that ask the bridge to slow down: 429, and 503 with a Retry-After. */
export type GraphThrottle = '429' | '503';

export const GRAPH_THROTTLES: readonly GraphThrottle[] = ['429', '503'];

export interface GraphTrafficTotals {
  requests: Record<GraphOutcome, number>;
  throttles: Record<GraphThrottle, number>;
}

/**
 * Every Graph request since the bridge started, by outcome, and every
 * throttle: totals that only grow, for monitoring to take rates of (the
 * 10-minute window per mailbox is RequestCounter's).
 */
export class GraphTraffic {
  readonly #requests: Record<GraphOutcome, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, 'no-answer': 0 };
  readonly #throttles: Record<GraphThrottle, number> = { '429': 0, '503': 0 };

  /** One request and its answer: the HTTP status and whether it carried a Retry-After, or null when none came. */
  count(answer: { status: number; retryAfter: boolean } | null): void {
    this.#requests[outcomeOf(answer?.status)]++;
    if (answer?.status === 429) this.#throttles['429']++;
    else if (answer?.status === 503 && answer.retryAfter) this.#throttles['503']++;
  }

  totals(): GraphTrafficTotals {
    return { requests: { ...this.#requests }, throttles: { ...this.#throttles } };
  }
}

function outcomeOf(status: number | undefined): GraphOutcome {
  if (status === undefined || status < 200) return 'no-answer';
  if (status < 300) return '2xx';
  if (status < 400) return '3xx';
  return status < 500 ? '4xx' : '5xx';
}
