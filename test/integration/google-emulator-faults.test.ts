import { describe, expect, it } from 'vitest';
import { CALENDAR_SCOPE, emulatedGoogle, googleFailure } from '../google-emulator/google-test-client.ts';

async function bridgeOnRoom(retry = false) {
  const google = await emulatedGoogle();
  const room = google.workspace.addResource({ resourceName: 'Aurora' });
  const { keyFile } = google.workspace.addServiceAccount();
  google.workspace.share(room.resourceEmail, keyFile.client_email, 'writer');
  const { calendar } = google.clients(keyFile, { scopes: [CALENDAR_SCOPE], retry });
  const eventsPath = `/calendar/v3/calendars/${room.resourceEmail}/events`;
  return { ...google, room, calendar, eventsPath, list: () => calendar.events.list({ calendarId: room.resourceEmail }) };
}

describe('Google emulator: injected faults', () => {
  it('answers quota errors in each documented shape, once each, then serves again', async () => {
    const { workspace, list, eventsPath } = await bridgeOnRoom();
    await list();
    workspace.injectFault({ shape: 'rateLimitExceeded-403', path: eventsPath });
    workspace.injectFault({ shape: 'rateLimitExceeded-429', path: eventsPath, retryAfterSeconds: 2 });
    workspace.injectFault({ shape: 'userRateLimitExceeded-403', path: eventsPath });
    workspace.injectFault({ shape: 'quotaExceeded-403', path: eventsPath });

    expect(await googleFailure(list())).toEqual({
      status: 403,
      body: { error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }], status: 'PERMISSION_DENIED' } },
    });
    expect(await googleFailure(list())).toEqual({
      status: 429,
      body: { error: { code: 429, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }], status: 'RESOURCE_EXHAUSTED' } },
    });
    expect(await googleFailure(list())).toMatchObject({ status: 403, body: { error: { message: 'User Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded' }] } } });
    expect(await googleFailure(list())).toMatchObject({ status: 403, body: { error: { message: 'Calendar usage limits exceeded.', errors: [{ domain: 'usageLimits', reason: 'quotaExceeded' }] } } });
    expect((await list()).status).toBe(200);
    expect(workspace.requests({ path: eventsPath }).map((record) => record.status)).toEqual([200, 403, 429, 403, 403, 200]);
    expect(workspace.faults).toEqual([]);
  });

  it('sends Retry-After with a 429 when asked to', async () => {
    const { workspace, list, eventsPath } = await bridgeOnRoom();
    workspace.injectFault({ shape: 'rateLimitExceeded-429', path: eventsPath, retryAfterSeconds: 7 });
    const failure = await list().catch((error: { response: { headers: Headers } }) => error.response);
    expect((failure as { headers: Headers }).headers.get('retry-after')).toBe('7');
  });

  it('fails the next N requests with 503 or 500; the library, retrying, gets through and the log counts every attempt', async () => {
    const { workspace, list, eventsPath } = await bridgeOnRoom(true);
    workspace.injectFault({ shape: 'unavailable-503', path: eventsPath, times: 2 });
    expect((await list()).status).toBe(200);
    workspace.injectFault({ shape: 'backendError-500', path: eventsPath, method: 'GET' });
    expect((await list()).status).toBe(200);
    expect(workspace.requests({ method: 'GET', path: eventsPath }).map((record) => record.status)).toEqual([503, 503, 200, 500, 200]);
  });

  it('leaves the token endpoint alone unless a fault names /token', async () => {
    const { workspace, list, eventsPath } = await bridgeOnRoom(true);
    workspace.injectFault({ shape: 'unavailable-503', path: '/token' });
    workspace.injectFault({ shape: 'rateLimitExceeded-429' });
    expect((await list()).status).toBe(200);
    expect(workspace.requests({ path: '/token' }).map((record) => record.status)).toEqual([503, 200]);
    expect(workspace.requests({ path: eventsPath }).map((record) => record.status)).toEqual([429, 200]);
  });
});
