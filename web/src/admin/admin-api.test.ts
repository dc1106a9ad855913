import { describe, expect, it } from 'vitest';
import { ADMIN_API_PATH } from '../../../shared/admin-api.ts';
import { ADMIN_API_BASE, AdminApiError, createAdminApi, retryAfterSeconds } from './admin-api.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that records what the page sent and answers what the test scripted. */
function scriptedFetch(answer: () => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return answer();
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function refusalOf(promise: Promise<unknown>): Promise<AdminApiError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AdminApiError);
  return error as AdminApiError;
}

describe('admin API client', () => {
  it("calls the bridge's admin API path", () => {
    expect(ADMIN_API_BASE).toBe(ADMIN_API_PATH);
  });

  it('sends the bearer token and the JSON body to the route', async () => {
    const { fetch, sent } = scriptedFetch(() => json(200, { display: { id: 'd1' }, room: { id: 'harbour' } }));
    const api = createAdminApi({ token: async () => 'tok-1', fetch });
    const result = await api.link({ code: 'ABCDEF23', room: { roomId: 'harbour' } });
    expect(result.room.id).toBe('harbour');
    expect(sent).toEqual([
      {
        url: '/api/admin/links',
        method: 'POST',
        headers: { accept: 'application/json', authorization: 'Bearer tok-1', 'content-type': 'application/json' },
        body: { code: 'ABCDEF23', room: { roomId: 'harbour' } },
      },
    ]);
  });

  it('asks for insights and their CSV with the same filters and the token, and hands the CSV over as the bridge wrote it', async () => {
    const csv = 'roomId,roomName\r\nharbour,Harbour\r\n';
    const answers = [new Response(csv, { status: 200, headers: { 'content-type': 'text/csv' } }), json(200, { rooms: [] })];
    const { fetch, sent } = scriptedFetch(() => answers.shift()!);
    const api = createAdminApi({ token: async () => 'tok-1', fetch });
    const file = await api.insightsCsv({ from: '2026-11-02', to: '2026-11-29', building: 'North & South', floor: -1 });
    expect(await file.text()).toBe(csv);
    expect(await api.insights({ from: '2026-11-02', to: '2026-11-29', roomId: 'harbour' })).toEqual({ rooms: [] });
    expect(sent.map((each) => [each.url, each.headers.accept, each.headers.authorization])).toEqual([
      ['/api/admin/insights.csv?from=2026-11-02&to=2026-11-29&building=North+%26+South&floor=-1', 'text/csv', 'Bearer tok-1'],
      ['/api/admin/insights?from=2026-11-02&to=2026-11-29&roomId=harbour', 'application/json', 'Bearer tok-1'],
    ]);
  });

  it('asks for the public config without a token, and escapes ids in paths', async () => {
    const { fetch, sent } = scriptedFetch(() => new Response(null, { status: 204 }));
    const api = createAdminApi({ token: async () => null, fetch });
    await api.config();
    expect(sent[0]?.headers.authorization).toBeUndefined();
    const signedIn = createAdminApi({ token: async () => 't', fetch });
    await signedIn.unlink('a/b c');
    await signedIn.removeRoom('room 1');
    expect(sent.slice(1).map((each) => [each.method, each.url])).toEqual([
      ['DELETE', '/api/admin/displays/a%2Fb%20c'],
      ['DELETE', '/api/admin/rooms/room%201/microsoft-365'],
    ]);
  });

  it("forgets a display and sets a room's access, escaping ids, and gives back the bridge's answer", async () => {
    const answers = [{ id: 'a/b c' }, { id: 'room 1', name: 'Room 1', access: 'open' }];
    const { fetch, sent } = scriptedFetch(() => json(200, answers.shift()));
    const api = createAdminApi({ token: async () => 'tok-1', fetch });
    expect(await api.forget('a/b c')).toEqual({ id: 'a/b c' });
    expect(await api.setRoomAccess('room 1', { access: 'open' })).toMatchObject({ id: 'room 1', access: 'open' });
    expect(sent.map((each) => [each.method, each.url, each.headers.authorization, each.body])).toEqual([
      ['POST', '/api/admin/displays/a%2Fb%20c/forget', 'Bearer tok-1', undefined],
      ['PUT', '/api/admin/rooms/room%201/access', 'Bearer tok-1', { access: 'open' }],
    ]);
  });

  it('keeps the refusal of a display that is already gone', async () => {
    const { fetch } = scriptedFetch(() => json(404, { code: 'not-found', message: 'No display d1.' }));
    const error = await refusalOf(createAdminApi({ token: async () => 't', fetch }).forget('d1'));
    expect(error).toMatchObject({ code: 'not-found', message: 'No display d1.', status: 404 });
  });

  it("calls the Microsoft account's routes (delegated permissions) with the bearer token and no body", async () => {
    const { fetch, sent } = scriptedFetch(() => json(200, {}));
    const api = createAdminApi({ token: async () => 'tok-1', fetch });
    await api.authorizeAccount();
    await api.accountCalendars();
    await api.removeAccount();
    expect(sent.map((each) => [each.method, each.url, each.headers.authorization, each.body])).toEqual([
      ['POST', '/api/admin/m365/account/authorize', 'Bearer tok-1', undefined],
      ['GET', '/api/admin/m365/calendars', 'Bearer tok-1', undefined],
      ['DELETE', '/api/admin/m365/account', 'Bearer tok-1', undefined],
    ]);
  });

  it('refuses at once, without a request, when nobody is signed in', async () => {
    const { fetch, sent } = scriptedFetch(() => json(200, {}));
    const error = await refusalOf(createAdminApi({ token: async () => null, fetch }).status());
    expect(error.code).toBe('unauthorized');
    expect(sent).toEqual([]);
  });

  it('refuses without a request when the token cannot be had', async () => {
    const { fetch, sent } = scriptedFetch(() => json(200, {}));
    const api = createAdminApi({ token: () => Promise.reject(new Error('interaction_required: sign in again')), fetch });
    expect(await refusalOf(api.check())).toMatchObject({ code: 'unauthorized', message: 'interaction_required: sign in again' });
    expect(sent).toEqual([]);
  });

  it("keeps the bridge's code and message", async () => {
    const { fetch } = scriptedFetch(() => json(410, { code: 'pairing-code-expired', message: 'Code ABCD-EF23 expired at 10:02.' }));
    const error = await refusalOf(createAdminApi({ token: async () => 't', fetch }).link({ code: 'ABCDEF23', room: { roomId: 'x' } }));
    expect(error).toMatchObject({ code: 'pairing-code-expired', message: 'Code ABCD-EF23 expired at 10:02.', status: 410, retryAfterSeconds: null });
  });

  it('reads Retry-After on a rate-limited answer', async () => {
    const { fetch } = scriptedFetch(() => json(429, { code: 'too-many-attempts', message: 'Slow down.' }, { 'retry-after': '42' }));
    const error = await refusalOf(createAdminApi({ token: async () => 't', fetch }).link({ code: 'X', room: { roomId: 'x' } }));
    expect(error.code).toBe('too-many-attempts');
    expect(error.retryAfterSeconds).toBe(42);
  });

  it('maps an answer without a known code by its status', async () => {
    let status = 401;
    const { fetch } = scriptedFetch(() => new Response('<html>proxy</html>', { status, statusText: 'Nope' }));
    const api = createAdminApi({ token: async () => 't', fetch });
    expect((await refusalOf(api.status())).code).toBe('unauthorized');
    status = 429;
    expect((await refusalOf(api.status())).code).toBe('too-many-attempts');
    status = 502;
    expect((await refusalOf(api.status())).code).toBe('unreachable');
    status = 500;
    const error = await refusalOf(api.status());
    expect(error).toMatchObject({ code: 'internal', message: 'Nope' });
  });

  it('turns a failed request into "unreachable"', async () => {
    const { fetch } = scriptedFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await refusalOf(createAdminApi({ token: async () => 't', fetch }).check());
    expect(error).toMatchObject({ code: 'unreachable', message: 'Failed to fetch', status: 0 });
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });
});
