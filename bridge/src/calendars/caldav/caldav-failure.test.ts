import { describe, expect, it } from 'vitest';
import { isNetworkError, preconditionIn } from '../remote/http-failure.ts';
import { caldavFailure } from './caldav-failure.ts';

const URL = 'https://dav.example.com/rooms/board-room/';
const NOW = Date.parse('2026-03-02T09:00:00Z');

/** What undici throws for a request that got no answer: a TypeError with the socket's error as its cause. */
function fetchFailed(code: string, message = code): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

describe('caldavFailure', () => {
  it('maps each answer of the server to what the provider does with it', () => {
    expect(caldavFailure(URL, { kind: 'status', status: 401 }, NOW)).toMatchObject({ failure: 'refused', warning: { code: 'calendar-login-failed' } });
    expect(caldavFailure(URL, { kind: 'status', status: 403 }, NOW)).toMatchObject({ failure: 'refused', warning: { code: 'calendar-forbidden' } });
    expect(caldavFailure(URL, { kind: 'status', status: 404 }, NOW)).toMatchObject({ failure: 'refused', warning: { code: 'calendar-not-found' } });
    expect(caldavFailure(URL, { kind: 'status', status: 410 }, NOW)).toMatchObject({ failure: 'refused', warning: { code: 'calendar-not-found' } });
    expect(caldavFailure(URL, { kind: 'status', status: 409, target: 'resource' }, NOW)).toMatchObject({ failure: 'refused', warning: { code: 'calendar-not-found' } });
    expect(caldavFailure(URL, { kind: 'status', status: 500 }, NOW)).toMatchObject({ failure: 'unreachable', warning: { code: 'calendar-unreachable' } });
    expect(caldavFailure(URL, { kind: 'status', status: 502 }, NOW)).toMatchObject({ failure: 'unreachable', warning: { code: 'calendar-unreachable' } });
    expect(caldavFailure(URL, { kind: 'status', status: 400 }, NOW)).toMatchObject({ failure: 'refused' });
  });

  it('answers 429 and 503 throttled, waiting as long as Retry-After says when it says', () => {
    expect(caldavFailure(URL, { kind: 'status', status: 429, retryAfter: '30' }, NOW)).toMatchObject({ failure: 'throttled', retryAfterMs: 30_000, warning: { code: 'calendar-throttled' } });
    expect(caldavFailure(URL, { kind: 'status', status: 503, retryAfter: 'Mon, 02 Mar 2026 09:05:00 GMT' }, NOW)).toMatchObject({ failure: 'throttled', retryAfterMs: 300_000 });
    expect(caldavFailure(URL, { kind: 'status', status: 503 }, NOW)).not.toHaveProperty('retryAfterMs');
  });

  it('tells a refused request body (a 403 naming a CalDAV precondition) from a refused account', () => {
    const body = '<?xml version="1.0"?><D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><C:valid-calendar-data/></D:error>';
    const failure = caldavFailure(URL, { kind: 'status', status: 403, body, target: 'resource' }, NOW);
    expect(failure).toMatchObject({ failure: 'refused', message: expect.stringContaining('valid-calendar-data') });
    expect(failure.warning).toBeUndefined();
    expect(preconditionIn('<error xmlns="DAV:"><valid-sync-token /></error>')).toBe('valid-sync-token');
    expect(preconditionIn('Access to the requested resource forbidden.')).toBeUndefined();
  });

  it('answers a request that got no answer unreachable, and an untrusted certificate refused', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']) {
      expect(caldavFailure(URL, { kind: 'network', error: fetchFailed(code) }, NOW)).toMatchObject({ failure: 'unreachable', warning: { code: 'calendar-unreachable', message: expect.stringContaining(URL) } });
    }
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(isNetworkError(timeout)).toBe(true);
    expect(caldavFailure(URL, { kind: 'network', error: timeout }, NOW)).toMatchObject({ failure: 'unreachable' });
    for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      expect(caldavFailure(URL, { kind: 'network', error: fetchFailed(code, 'certificate problem') }, NOW)).toMatchObject({
        failure: 'refused',
        warning: { code: 'calendar-certificate-untrusted', message: expect.stringContaining(code) },
      });
    }
  });

  it('names the URL without the credentials someone wrote in it', () => {
    const failure = caldavFailure('https://room:hunter2@dav.example.com/cal/', { kind: 'status', status: 401 }, NOW);
    expect(failure.message).toContain('https://dav.example.com/cal/');
    expect(JSON.stringify(failure)).not.toContain('hunter2');
  });

  it('takes a bug for a bug: only a failed fetch is a network error', () => {
    expect(isNetworkError(fetchFailed('ECONNREFUSED'))).toBe(true);
    expect(isNetworkError(new TypeError("Cannot read properties of undefined (reading 'href')"))).toBe(false);
    expect(isNetworkError(Object.assign(new TypeError('bad'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe(false);
  });
});
