import { AuthenticationHandler, AuthenticationHandlerOptions, Client, GraphError, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { MINUTE_MS, type Clock } from '../../../../shared/clock.ts';
import type { Logger } from '../../logger.ts';
import { MAX_ATTEMPTS, MAX_WAIT_MS } from './graph-limits.ts';
import type { HttpsFetch } from './https-fetch.ts';
import { preferImmutableIds } from './immutable-ids.ts';
import { refusesTheApp } from './graph-refusal.ts';
import { GraphTraffic, type GraphTrafficTotals } from './graph-traffic.ts';
import { RequestCounter } from './request-counter.ts';
import { TokenUnavailable, type GraphTokens } from './graph-tokens.ts';
import type { WarningBoard } from '../remote/warning-board.ts';
import { parseRetryAfter } from '../remote/http-failure.ts';

export interface GraphCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A path under the Graph version (`/users/x/events`) or a link Graph gave (`@odata.nextLink`). */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The room the call is for, so a throttle or an unreachable calendar is shown on that room. */
  roomId?: string;
}

export type GraphFailureKind = 'throttled' | 'unavailable' | 'unauthorized' | 'refused';

export type GraphAnswer =
  | { ok: true; status: number; body: unknown }
  | {
      ok: false;
      kind: GraphFailureKind;
      status: number;
      code: string;
      message: string;
      /** The more specific codes Graph nested in innerError, outermost first: the client keeps them only in its error's body. */
      innerCodes?: string[];
    };

/** A throttle is shown to the admin this long after the last 429, so a short one is not missed. */
const THROTTLE_WARNING_MS = 10 * MINUTE_MS;

/**
 * Every Graph call of the bridge, through the Graph JS client. Calls never
 * throw: the answer says what happened. 429 and 5xx are retried after the
 * Retry-After Graph asked for (or a growing backoff), on the injected clock,
 * and a throttled mailbox gets no other call until its wait is over. A token
 * Graph rejects is renewed once. Every request is counted per mailbox,
 * because Graph's limits are per app per mailbox.
 */
export class GraphGateway {
  readonly #client: Client;
  readonly #tokens: GraphTokens;
  readonly #clock: Clock;
  readonly #warnings: WarningBoard;
  readonly #logger: Logger;
  readonly #counter: RequestCounter;
  readonly #traffic = new GraphTraffic();
  readonly #blockedUntil = new Map<string, number>();
  readonly #lastThrottle = new Map<string, number>();
  readonly #sleepers = new Set<() => void>();
  #closed = false;

  constructor(deps: { graphUrl: string; fetch: HttpsFetch; tokens: GraphTokens; clock: Clock; warnings: WarningBoard; logger: Logger }) {
    this.#tokens = deps.tokens;
    this.#clock = deps.clock;
    this.#warnings = deps.warnings;
    this.#logger = deps.logger;
    this.#counter = new RequestCounter(deps.clock);
    const graphUrl = new URL(deps.graphUrl);
    this.#client = Client.initWithMiddleware({
      baseUrl: graphUrl.origin,
      defaultVersion: 'v1.0',
      customHosts: new Set([graphUrl.hostname]),
      // Each call brings the token it fetched (see #attempt); this provider is only the handler's fallback.
      middleware: [new AuthenticationHandler({ getAccessToken: () => deps.tokens.getToken() }), new CountingTransport(deps.fetch, this.#counter, this.#traffic)],
    });
  }

  /** Requests per mailbox over the last 10 minutes (Graph's limit is 10,000 per app per mailbox). */
  requestCounts(): Record<string, number> {
    return this.#counter.lastTenMinutes();
  }

  /** Every request since start by outcome, and every throttle, for monitoring. */
  traffic(): GraphTrafficTotals {
    return this.#traffic.totals();
  }

  /** Ends waits for Retry-After and refuses new calls, so a stopping bridge is not held by a throttled mailbox. */
  close(): void {
    this.#closed = true;
    for (const wake of this.#sleepers) wake();
    this.#sleepers.clear();
  }

  async send(call: GraphCall): Promise<GraphAnswer> {
    const mailbox = mailboxOf(call.path);
    const closed: GraphAnswer = { ok: false, kind: 'unavailable', status: 0, code: 'bridgeStopping', message: 'the bridge is stopping' };
    let answer: GraphAnswer = closed;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (this.#closed) return closed;
      const wait = (mailbox ? this.#blockedUntil.get(mailbox) ?? 0 : 0) - this.#clock.now();
      if (wait > MAX_WAIT_MS) return { ok: false, kind: 'throttled', status: 429, code: 'TooManyRequests', message: `${mailbox} is throttled for ${Math.ceil(wait / 1000)} s more` };
      if (wait > 0) await this.#sleep(wait);

      const { answer: next, retryAfterMs } = await this.#attempt(call);
      answer = next;
      if (answer.ok) {
        this.#noteSuccess(mailbox, call.roomId);
        return answer;
      }
      // A token without roles is refused whatever it asks (the consent warning says why): a sign-in problem, tried again with a fresh token.
      if (this.#tokens.consentMissing && refusesTheApp(answer)) answer = { ...answer, kind: 'unauthorized' };
      if (answer.kind === 'unauthorized' && attempt === 1) {
        this.#tokens.invalidate();
        continue;
      }
      if (answer.kind !== 'throttled' && answer.kind !== 'unavailable') return answer;
      if (answer.kind === 'throttled' && mailbox) this.#noteThrottle(mailbox, call.roomId, retryAfterMs);
      if (attempt === MAX_ATTEMPTS) break;
      const delay = retryAfterMs ?? 1000 * 2 ** (attempt - 1);
      if (delay > MAX_WAIT_MS) break;
      if (!(answer.kind === 'throttled' && mailbox)) await this.#sleep(delay);
    }
    this.#logger.warn({ path: call.path, status: answer.status, code: answer.code }, 'Graph call failed after retries');
    if (!answer.ok && answer.status <= 0 && answer.kind === 'unavailable') {
      this.#warnings.raise('microsoft-365-unreachable', `Microsoft Graph did not answer: ${answer.message}`);
    }
    return answer;
  }

  async #attempt(call: GraphCall): Promise<{ answer: GraphAnswer; retryAfterMs: number | undefined }> {
    try {
      // Fetched here so a sign-in failure is told apart from Graph's own; the handler attaches this very token.
      const token = await this.#tokens.getToken();
      let request = this.#client
        .api(call.path)
        // Every mailbox call, so each event id the bridge is given or names is the immutable one. Graph: concepts/outlook-immutable-id.md
        .headers(mailboxOf(call.path) ? preferImmutableIds(call.headers) : (call.headers ?? {}))
        .middlewareOptions([new AuthenticationHandlerOptions({ getAccessToken: () => Promise.resolve(token) })]);
      if (call.method !== 'GET') request = request.header('content-type', 'application/json');
      const body: unknown =
        call.method === 'GET'
          ? await request.get()
          : call.method === 'POST'
            ? await request.post(call.body ?? {})
            : call.method === 'PATCH'
              ? await request.patch(call.body ?? {})
              : await request.delete();
      return { answer: { ok: true, status: 200, body: body ?? null }, retryAfterMs: undefined };
    } catch (error) {
      return failureOf(error, this.#clock.now());
    }
  }

  #noteThrottle(mailbox: string, roomId: string | undefined, retryAfterMs: number | undefined): void {
    const now = this.#clock.now();
    this.#blockedUntil.set(mailbox, now + (retryAfterMs ?? 1000));
    this.#lastThrottle.set(mailbox, now);
    this.#warnings.raise('throttled', `Microsoft 365 throttled requests for ${mailbox}; the bridge waits as asked.`, roomId);
  }

  #noteSuccess(mailbox: string | undefined, roomId: string | undefined): void {
    this.#warnings.clear('microsoft-365-unreachable');
    if (!mailbox) return;
    const last = this.#lastThrottle.get(mailbox);
    if (last !== undefined && this.#clock.now() - last >= THROTTLE_WARNING_MS) {
      this.#lastThrottle.delete(mailbox);
      this.#warnings.clear('throttled', roomId);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        cancel();
        this.#sleepers.delete(wake);
        resolve();
      };
      const cancel = this.#clock.setTimer(wake, ms);
      this.#sleepers.add(wake);
    });
  }
}

/** The mailbox a call addresses (`/users/{mailbox}/...`), lower-cased, if any. */
export function mailboxOf(path: string): string | undefined {
  const match = /\/users\/([^/?]+)/.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]).toLowerCase() : undefined;
}

function failureOf(error: unknown, now: number): { answer: GraphAnswer; retryAfterMs: number | undefined } {
  if (error instanceof TokenUnavailable) {
    const kind = error.warning === 'microsoft-365-unreachable' ? 'unavailable' : 'unauthorized';
    return { answer: { ok: false, kind, status: 0, code: error.warning, message: error.message }, retryAfterMs: undefined };
  }
  const status = error instanceof GraphError ? error.statusCode : -1;
  const code = (error instanceof GraphError ? error.code : null) ?? 'networkError';
  const message = error instanceof Error ? error.message : String(error);
  // Graph gives seconds (concepts/throttling.md); HTTP allows a date too (RFC 9110 10.2.3), as a proxy may send.
  const retryAfter = error instanceof GraphError ? parseRetryAfter(error.headers?.get('retry-after'), now) : undefined;
  const kind: GraphFailureKind =
    status === 429 ? 'throttled' : status <= 0 || status >= 500 ? 'unavailable' : status === 401 ? 'unauthorized' : 'refused';
  const innerCodes = error instanceof GraphError ? innerCodesOf(error.body) : [];
  return { answer: { ok: false, kind, status, code, message, innerCodes }, retryAfterMs: retryAfter };
}

/**
 * The codes of the innerError objects nested in Graph's error, which the
 * client gives as its body, a JSON string (anything else has none).
 */
// Graph: concepts/errors.md (innererror objects may nest, each with a more specific code; apps check them all)
function innerCodesOf(body: unknown): string[] {
  let error: unknown;
  try {
    error = typeof body === 'string' ? JSON.parse(body) : null;
  } catch {
    return [];
  }
  const codes: string[] = [];
  for (let inner = innerErrorOf(error); inner; inner = innerErrorOf(inner)) if (typeof inner.code === 'string') codes.push(inner.code);
  return codes;
}

/** Graph writes `innerError`; OData, which its errors follow, `innererror`. */
function innerErrorOf(error: unknown): Record<string, unknown> | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const inner = (error as Record<string, unknown>).innerError ?? (error as Record<string, unknown>).innererror;
  return typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : undefined;
}

/** The last middleware: sends the request through the integration's fetch and counts it, and how it was answered. */
class CountingTransport implements Middleware {
  readonly #fetch: HttpsFetch;
  readonly #counter: RequestCounter;
  readonly #traffic: GraphTraffic;

  constructor(fetch: HttpsFetch, counter: RequestCounter, traffic: GraphTraffic) {
    this.#fetch = fetch;
    this.#counter = counter;
    this.#traffic = traffic;
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const options = context.options ?? {};
    const headers: Record<string, string> = {};
    new Headers(options.headers as HeadersInit | undefined).forEach((value, key) => (headers[key] = value));
    this.#counter.count(mailboxOf(new URL(url).pathname) ?? '(tenant)');
    try {
      context.response = await this.#fetch(url, { method: options.method ?? 'GET', headers, body: typeof options.body === 'string' ? options.body : undefined });
    } catch (error) {
      this.#traffic.count(null);
      throw error;
    }
    this.#traffic.count({ status: context.response.status, retryAfter: context.response.headers.has('retry-after') });
  }
}
