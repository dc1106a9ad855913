import { MINUTE_MS } from '../../../../shared/clock.ts';

/*
 * How long one Graph call may take, in a module of its own: the health check
 * judges sync rounds by these bounds on every bridge, and must not load the
 * Graph client and MSAL to learn them on a bridge without Microsoft 365.
 */

/** A request Microsoft 365 has not answered in this long is given up and retried, never waited on for ever. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Attempts of one call: the first, and retries after 429 / 5xx / no answer (and one after a rejected token). */
export const MAX_ATTEMPTS = 4;

/** A Retry-After longer than this is not waited out inside one call; the caller tries again later. */
export const MAX_WAIT_MS = 2 * MINUTE_MS;

/**
 * The longest one call can take while Microsoft 365 answers or times out,
 * however badly: before each attempt a wait for Retry-After (at most
 * MAX_WAIT_MS), then a sign-in that may need MSAL's metadata and token
 * requests, then the request itself, each of the three given up after
 * REQUEST_TIMEOUT_MS. 14 minutes; anything longer is waiting on something
 * that will never answer.
 */
export const LONGEST_GRAPH_CALL_MS = MAX_ATTEMPTS * (MAX_WAIT_MS + 3 * REQUEST_TIMEOUT_MS);
