import type { IntegrationWarningCode } from '../../../../shared/integration-warnings.ts';
import type { ProviderFailure } from './remote-provider.ts';

/**
 * What went wrong with one request to a calendar's server: it was never answered
 * (`network`: refused, DNS, timeout, TLS), or it was answered with an HTTP
 * status that is not what the request wanted.
 */
export type HttpProblem =
  | { kind: 'network'; error: unknown }
  /** Answered, but not in a form the client can read (a 207 that is no WebDAV multistatus). */
  | { kind: 'unreadable'; what: string }
  | {
      kind: 'status';
      status: number;
      /** The Retry-After header, when the server sent one. */
      retryAfter?: string | null;
      /** The start of the answer's body: a WebDAV precondition (`<D:error>`) is read from it. */
      body?: string;
      /** `resource`: the request was for one calendar object, so a 404 is not the calendar gone. Default `collection`. */
      target?: 'collection' | 'resource';
    };

/** The Node error codes of a TLS certificate the bridge does not trust. */
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Codes of a request that never got an answer: tried again later. */
const NETWORK = /^(E(?!RR_)[A-Z_]+|UND_ERR_[A-Z_]+|ERR_SSL_[A-Z_0-9]+|ERR_TLS_[A-Z_]+)$/;

/**
 * The one mapping of every request to a calendar's server (CalDAV, an ICS
 * feed) that did not do what it asked to the provider's answer: what is tried again (`unreachable`, `throttled`) and what
 * an admin must fix (`refused`, with its warning). `where` names the server in plain English (never
 * a password or a secret address).
 */
export function httpFailure(where: string, problem: HttpProblem, now: number): ProviderFailure {
  if (problem.kind === 'network') {
    const { code, message } = networkCause(problem.error);
    if (code !== undefined && UNTRUSTED_CERTIFICATE.has(code)) {
      return refused(`${where} presented a TLS certificate the bridge does not trust (${code}: ${message})`, 'calendar-certificate-untrusted');
    }
    return {
      ok: false,
      failure: 'unreachable',
      message: `${where} could not be reached: ${message}`,
      warning: { code: 'calendar-unreachable', message: `${where} could not be reached: ${message}` },
    };
  }
  if (problem.kind === 'unreadable') {
    const message = `${where} answered in a form the bridge cannot read: ${problem.what}`;
    return { ok: false, failure: 'unreachable', message, warning: { code: 'calendar-unreachable', message } };
  }
  const { status } = problem;
  const precondition = preconditionIn(problem.body);
  if (status === 401) return refused(`${where} did not accept the user name or password (HTTP 401)`, 'calendar-login-failed');
  // RFC 4918 16: a 403 or 409 naming a precondition refuses this request's data, not the account.
  if ((status === 403 || status === 409) && precondition !== undefined) {
    return { ok: false, failure: 'refused', message: `${where} refused the request: its precondition ${precondition} failed (HTTP ${status})` };
  }
  if (status === 403) return refused(`${where} does not let the account read or change this calendar (HTTP 403)`, 'calendar-forbidden');
  if ((status === 404 || status === 410) && problem.target !== 'resource') {
    return refused(`${where} has no calendar at this URL: it was deleted or moved (HTTP ${status})`, 'calendar-not-found');
  }
  // RFC 4918 9.7.1: a PUT answers 409 when the collection it writes into does not exist.
  if (status === 409 && problem.target === 'resource') {
    return refused(`${where} has no calendar at this URL to write into: it was deleted or moved (HTTP 409)`, 'calendar-not-found');
  }
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(problem.retryAfter, now);
    const wait = retryAfterMs === undefined ? '' : `, and asks to wait ${Math.ceil(retryAfterMs / 1000)} s`;
    const message = `${where} is busy or throttling the bridge (HTTP ${status})${wait}`;
    return { ok: false, failure: 'throttled', message, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), warning: { code: 'calendar-throttled', message } };
  }
  if (status >= 500 || status === 408) {
    const message = `${where} answered with a server error (HTTP ${status})`;
    return { ok: false, failure: 'unreachable', message, warning: { code: 'calendar-unreachable', message } };
  }
  const message = `${where} refused the request (HTTP ${status}${precondition === undefined ? '' : `, ${precondition}`})`;
  return { ok: false, failure: 'refused', message, warning: { code: 'calendar-unreachable', message } };
}

/**
 * RFC 9110 10.2.3: Retry-After is a number of seconds or an HTTP date; how
 * long to wait in ms from `now`, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // RFC 9110 5.6.7: an HTTP date is in GMT; the obsolete asctime form does not say so, and Date.parse would read it as local time.
  const asctime = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/.test(text);
  if (!asctime && !/GMT$/.test(text)) return undefined;
  const at = Date.parse(asctime ? `${text} GMT` : text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The first precondition element of a WebDAV error body (`<D:error><D:valid-sync-token/></D:error>` → `valid-sync-token`). */
export function preconditionIn(body: string | undefined): string | undefined {
  return body === undefined ? undefined : /<(?:[\w.-]+:)?error\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(body)?.[1];
}

/** True for a failed fetch (no answer from the server), false for anything else: a bug, which is thrown on. */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return true;
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  return networkCause(error).code !== undefined;
}

function refused(message: string, code: IntegrationWarningCode): ProviderFailure {
  return { ok: false, failure: 'refused', message, warning: { code, message } };
}

/** Undici wraps the socket's error: `TypeError('fetch failed', { cause })`, the cause's code says what happened. */
function networkCause(error: unknown): { code?: string; message: string } {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && (NETWORK.test(code) || UNTRUSTED_CERTIFICATE.has(code))) return { code, message: cause.message };
    if (cause instanceof AggregateError) {
      const inner = cause.errors.map((each) => networkCause(each)).find((found) => found.code !== undefined);
      if (inner !== undefined) return inner;
    }
    if (cause.name === 'TimeoutError') return { code: 'ETIMEDOUT', message: 'no answer in time' };
    cause = cause.cause;
  }
  return { message: error instanceof Error ? error.message : String(error) };
}
