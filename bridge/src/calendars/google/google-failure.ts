import { httpFailure, isNetworkError } from '../remote/http-failure.ts';
import type { ProviderFailure } from '../remote/remote-provider.ts';

/** What a failed call of Google's client libraries carries: gaxios's error, with the answer when there was one. */
interface GoogleError {
  message: string;
  status?: number;
  response?: { status: number; headers?: Record<string, string> | Headers; data?: unknown };
}

interface ErrorBody {
  error?: string | { code?: number; message?: string; errors?: { reason?: string }[] };
  error_description?: string;
}

/** "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe": the bridge's clock is off. */
const CLOCK_SKEW = /reasonable timeframe|iat and exp/i;
// Calendar API "Handle API errors": 403 rateLimitExceeded, userRateLimitExceeded, quotaExceeded and 429 are quota, to be retried with backoff.
const QUOTA_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

/**
 * The one mapping of every failed call to Google (its token endpoint, the
 * Calendar API) to the provider's answer: what is tried again, what an admin
 * must fix, and the warning that says how. `calendarId` names the room's
 * calendar; the service account's key is never in a message.
 */
export function googleFailure(error: unknown, calendarId: string, now: number): ProviderFailure {
  const where = `Google Calendar (${calendarId})`;
  const failed = error as GoogleError;
  const status = failed.response?.status ?? failed.status;
  if (status === undefined) {
    if (!isNetworkError(error) && !isNetworkError((error as { cause?: unknown }).cause)) throw error;
    return httpFailure(`Google's servers, for ${calendarId},`, { kind: 'network', error: (error as { cause?: unknown }).cause ?? error }, now);
  }
  const body = (failed.response?.data ?? {}) as ErrorBody;
  const oauth = typeof body.error === 'string' ? body.error : undefined;
  const reason = typeof body.error === 'object' ? body.error.errors?.[0]?.reason : undefined;
  const detail = oauth ? `${oauth}: ${body.error_description ?? ''}` : typeof body.error === 'object' ? (body.error.message ?? failed.message) : failed.message;
  // The token endpoint's answers (OAuth 2.0 for Server to Server Applications, error table).
  if (oauth === 'invalid_grant' && CLOCK_SKEW.test(body.error_description ?? '')) {
    return refused(`Google refused the bridge's sign-in token because the bridge's clock is off (${detail})`, 'google-clock-skew');
  }
  if (oauth === 'unauthorized_client') {
    return refused(`Google refused the service account acting for LINTEL_GOOGLE_SUBJECT: domain-wide delegation is not set up for its scopes (${detail})`, 'google-delegation-missing');
  }
  if (oauth !== undefined) return refused(`Google refused the service account's key (${detail})`, 'google-credential-invalid');
  if (status === 401) return refused(`${where} did not accept the bridge's access token (HTTP 401: ${detail})`, 'google-credential-invalid');
  if (status === 429 || (status === 403 && reason !== undefined && QUOTA_REASONS.has(reason))) {
    const retryAfter = headerOf(failed.response?.headers, 'retry-after');
    return httpFailure(`${where} (${reason ?? 'rate limit'})`, { kind: 'status', status: 429, retryAfter }, now);
  }
  if (status === 403) return refused(`${where} does not let the service account read or change this calendar (HTTP 403${reason ? ` ${reason}` : ''}: ${detail})`, 'calendar-forbidden');
  // Calendar API "Handle API errors" § 404: a calendar the caller cannot access, or that does not exist.
  if (status === 404) return refused(`${where} was not found, or is not shared with the service account (HTTP 404)`, 'calendar-not-found');
  return httpFailure(where, { kind: 'status', status, retryAfter: headerOf(failed.response?.headers, 'retry-after') }, now);
}

/** Whether a failed call means the event is gone (404, or 410 deleted): a change of it is moot. */
export function isGoneEvent(error: unknown): boolean {
  const status = (error as GoogleError).response?.status ?? (error as GoogleError).status;
  return status === 404 || status === 410;
}

/** Whether a failed events.list means the sync token is no longer valid (Calendar API "Synchronize resources efficiently": 410). */
export function isExpiredSyncToken(error: unknown): boolean {
  return ((error as GoogleError).response?.status ?? (error as GoogleError).status) === 410;
}

function refused(message: string, code: 'google-clock-skew' | 'google-delegation-missing' | 'google-credential-invalid' | 'calendar-forbidden' | 'calendar-not-found'): ProviderFailure {
  return { ok: false, failure: 'refused', message, warning: { code, message } };
}

/** gaxios gives a fetch Headers (of its own fetch, so not always this realm's class) or, in older versions, a plain object. */
function headerOf(headers: Record<string, string> | Headers | undefined, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  return (headers as Record<string, string>)[name] ?? null;
}
