import type { GraphAnswer } from './graph-gateway.ts';

/**
 * The codes by which Graph refuses a delta or skip token, compared ignoring
 * case (Graph's own casing varies: SyncStateNotFound, syncStateNotFound):
 * resyncRequired and syncStateNotFound (Graph: concepts/errors.md, "Code
 * property"), the detailed resync… codes Graph may nest in innererror (same
 * page, "Detailed error codes"), and syncStateInvalid, Exchange's answer to a
 * token sent with other Prefer headers than it was made with (alcionai/corso#3176).
 */
const REFUSAL_CODES = /resync|syncStateNotFound|syncStateInvalid/i;

/**
 * Whether Graph refused the delta or skip token of a calendarView round: the
 * room must start over with a full resync, since the token will never work again.
 */
export function refusesDeltaToken(answer: Extract<GraphAnswer, { ok: false }>): boolean {
  // 410 Gone, with or without a Location header to start over from. Graph: concepts/delta-query-overview.md ("Synchronization reset")
  if (answer.status === 410) return true;
  // A 40X error with such a code, at the top or in innererror. Graph: concepts/delta-query-overview.md ("Token duration"), concepts/errors.md
  return answer.status >= 400 && answer.status < 500 && [answer.code, ...(answer.innerCodes ?? [])].some((code) => REFUSAL_CODES.test(code));
}
