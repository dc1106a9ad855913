import { describe, expect, it } from 'vitest';
import { googleFailure, isExpiredSyncToken, isGoneEvent } from './google-failure.ts';

const CALENDAR = 'c_1888abc@resource.calendar.google.com';
const NOW = Date.parse('2026-10-19T10:00:00Z');

/** A failed call as gaxios reports it: the status and Google's JSON body. */
function answered(status: number, data: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`Request failed with status code ${status}`), { status, response: { status, data, headers: new Headers(headers) } });
}

const apiError = (status: number, reason: string) => answered(status, { error: { code: status, message: reason, errors: [{ domain: 'usageLimits', reason }] } });

describe('what a failed call to Google means for the room', () => {
  it('tells the admin which fix a refused sign-in needs: the clock, the delegation, or the key', () => {
    const skew = answered(400, { error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.' });
    expect(googleFailure(skew, CALENDAR, NOW)).toMatchObject({ failure: 'refused', warning: { code: 'google-clock-skew' } });
    const delegation = answered(401, { error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method.' });
    expect(googleFailure(delegation, CALENDAR, NOW)).toMatchObject({ failure: 'refused', warning: { code: 'google-delegation-missing' } });
    const key = answered(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    expect(googleFailure(key, CALENDAR, NOW)).toMatchObject({ failure: 'refused', warning: { code: 'google-credential-invalid', message: expect.stringContaining('Invalid JWT Signature.') } });
  });

  it('waits out quota errors, 403 and 429 alike, as long as Retry-After says; a 403 that is no quota is a permission', () => {
    for (const reason of ['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']) {
      expect(googleFailure(apiError(403, reason), CALENDAR, NOW)).toMatchObject({ failure: 'throttled', warning: { code: 'calendar-throttled' } });
    }
    expect(googleFailure(answered(429, {}, { 'retry-after': '30' }), CALENDAR, NOW)).toMatchObject({ failure: 'throttled', retryAfterMs: 30_000 });
    expect(googleFailure(apiError(403, 'requiredAccessLevel'), CALENDAR, NOW)).toMatchObject({ failure: 'refused', warning: { code: 'calendar-forbidden' } });
  });

  it('says a calendar that is not there, or not shared, is not found; a server error is tried again', () => {
    expect(googleFailure(apiError(404, 'notFound'), CALENDAR, NOW)).toMatchObject({ failure: 'refused', warning: { code: 'calendar-not-found', message: expect.stringContaining(CALENDAR) } });
    expect(googleFailure(apiError(500, 'backendError'), CALENDAR, NOW)).toMatchObject({ failure: 'unreachable', warning: { code: 'calendar-unreachable' } });
  });

  it('takes an unanswered call for unreachable, and a bug for a bug', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }) });
    expect(googleFailure(refused, CALENDAR, NOW)).toMatchObject({ failure: 'unreachable', warning: { code: 'calendar-unreachable' } });
    expect(() => googleFailure(new TypeError("Cannot read properties of undefined (reading 'id')"), CALENDAR, NOW)).toThrow(TypeError);
  });

  it('knows a gone event and an expired sync token by their status', () => {
    expect(isGoneEvent(apiError(410, 'deleted'))).toBe(true);
    expect(isGoneEvent(apiError(404, 'notFound'))).toBe(true);
    expect(isGoneEvent(apiError(403, 'forbidden'))).toBe(false);
    expect(isExpiredSyncToken(answered(410, { error: { code: 410, errors: [{ reason: 'fullSyncRequired' }] } }))).toBe(true);
  });
});
