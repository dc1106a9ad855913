import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalDavClient } from '../../bridge/src/calendars/caldav/caldav-client.ts';
import type { CachedObject, ObjectCache } from '../../bridge/src/calendars/remote/remote-provider.ts';
import { basic, startRadicale, type RadicaleServer } from '../support/radicale-server.ts';

/**
 * The CalDAV client against Debian's Radicale, as a room's calendar server:
 * "the app" is another CalDAV client (a person's calendar app), plain fetch.
 */

const USERS = { room: 'room-s3cret:with colon', other: 'other-s3cret' };
let server: RadicaleServer;
let calendars = 0;

beforeAll(async () => {
  server = await startRadicale({ users: USERS });
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

class MemoryCache implements ObjectCache {
  readonly objects = new Map<string, CachedObject>();
  list = () => [...this.objects.values()];
  get = (href: string) => this.objects.get(href);
  put = (object: CachedObject) => void this.objects.set(object.href, object);
  delete = (href: string) => void this.objects.delete(href);
  clear = () => this.objects.clear();
  hrefs = () => [...this.objects.keys()].sort();
}

function event(uid: string, summary: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Someone//Calendar app//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20250301T080000Z',
    'DTSTART:20250303T090000Z',
    'DTEND:20250303T100000Z',
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function todo(uid: string): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Someone//Tasks//EN', 'BEGIN:VTODO', `UID:${uid}`, 'DTSTAMP:20250301T080000Z', 'SUMMARY:Water the plants', 'END:VTODO', 'END:VCALENDAR', ''].join('\r\n');
}

/** Another client of the room's calendar (a calendar app), as the room's account unless told. */
async function app(method: string, url: string, body?: string, user: keyof typeof USERS = 'room'): Promise<{ status: number; etag: string | null; body: string }> {
  const response = await fetch(url, {
    method,
    headers: { authorization: basic(user, USERS[user]), ...(body === undefined ? {} : { 'content-type': 'text/calendar; charset=utf-8' }) },
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, etag: response.headers.get('etag'), body: await response.text() };
}

async function newCalendar(): Promise<{ url: string; path: string }> {
  const url = await server.createCalendar('room', `room-${++calendars}`);
  return { url, path: new URL(url).pathname };
}

/** The bridge's clock in these tests: Retry-After dates are read against it. */
const NOW = Date.parse('2026-03-02T09:00:00Z');

function clientFor(url: string, cache: ObjectCache, options: { user?: keyof typeof USERS; password?: string; fetch?: typeof fetch } = {}): CalDavClient {
  const user = options.user ?? 'room';
  return new CalDavClient({ url, username: user, password: options.password ?? USERS[user], cache, now: () => NOW, ...(options.fetch ? { fetch: options.fetch } : {}) });
}

interface Sent {
  method: string;
  depth: string | null;
  body: string;
  status: number;
}

/** A fetch that passes every request on to Radicale and notes it; `answer` may answer one itself instead. */
function recording(answer?: (sent: Omit<Sent, 'status'>) => Response | undefined): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    fetch: async (input, init) => {
      const request = { method: init?.method ?? 'GET', depth: new Headers(init?.headers).get('depth'), body: typeof init?.body === 'string' ? init.body : '' };
      const response = answer?.(request) ?? (await fetch(input, init));
      sent.push({ ...request, status: response.status });
      return response;
    },
  };
}

/** The hrefs the client fetched with calendar-multiget. */
function multigetHrefs(sent: Sent[]): string[] {
  return sent
    .filter((each) => each.method === 'REPORT' && each.body.includes('calendar-multiget'))
    .flatMap((each) => [...each.body.matchAll(/<d:href>([^<]+)<\/d:href>/g)].map((match) => match[1]!))
    .sort();
}

function syncedToken(answer: Awaited<ReturnType<CalDavClient['sync']>>): string {
  if (!answer.ok) throw new Error(`sync failed: ${answer.message}`);
  return answer.value.token;
}

describe('CalDavClient against Radicale: sync-collection', () => {
  it('fills the cache from an initial sync with the events another client wrote, not its tasks', async () => {
    const { url, path } = await newCalendar();
    const board = await app('PUT', `${url}board.ics`, event('board', 'Board meeting'));
    await app('PUT', `${url}standup.ics`, event('standup', 'Standup'));
    expect((await app('PUT', `${url}plants.ics`, todo('plants'))).status).toBe(201);
    const cache = new MemoryCache();
    const client = clientFor(url, cache);

    const first = await client.sync(null);

    expect(first).toEqual({ ok: true, value: { changed: true, token: expect.stringMatching(/^sync:http:\/\/radicale\.org\/ns\/sync\//) } });
    expect(cache.hrefs()).toEqual([`${path}board.ics`, `${path}standup.ics`]);
    expect(cache.get(`${path}board.ics`)).toEqual({ href: `${path}board.ics`, etag: board.etag, body: expect.stringContaining('SUMMARY:Board meeting') });
    expect(await client.sync(syncedToken(first))).toEqual({ ok: true, value: { changed: false, token: syncedToken(first) } });
  });

  it('reports exactly what another client added, changed and deleted since the last token', async () => {
    const { url, path } = await newCalendar();
    for (const uid of ['a', 'b', 'd']) await app('PUT', `${url}${uid}.ics`, event(uid, `Meeting ${uid}`));
    const { fetch, sent } = recording();
    const cache = new MemoryCache();
    const client = clientFor(url, cache, { fetch });
    const first = syncedToken(await client.sync(null));
    sent.length = 0;

    await app('PUT', `${url}c.ics`, event('c', 'Meeting c'));
    await app('PUT', `${url}a.ics`, event('a', 'Meeting a (moved)'));
    expect((await app('DELETE', `${url}b.ics`)).status).toBe(200);
    const second = await client.sync(first);

    expect(second).toMatchObject({ ok: true, value: { changed: true } });
    expect(syncedToken(second)).not.toBe(first);
    expect(multigetHrefs(sent)).toEqual([`${path}a.ics`, `${path}c.ics`]);
    expect(cache.hrefs()).toEqual([`${path}a.ics`, `${path}c.ics`, `${path}d.ics`]);
    expect(cache.get(`${path}a.ics`)?.body).toContain('SUMMARY:Meeting a (moved)');
    expect(sent.map((each) => `${each.method} ${each.status}`)).toEqual(['REPORT 207', 'REPORT 207']);
  });

  it('starts over with an initial sync when Radicale refuses the token (403 DAV:valid-sync-token), and on a token it never made', async () => {
    const { url, path } = await newCalendar();
    await app('PUT', `${url}a.ics`, event('a', 'Meeting a'));
    const { fetch, sent } = recording();
    const cache = new MemoryCache();
    const client = clientFor(url, cache, { fetch });
    syncedToken(await client.sync(null));
    await app('PUT', `${url}b.ics`, event('b', 'Meeting b'));
    // Known to the cache, gone from the server: the new initial sync drops it.
    cache.put({ href: `${path}ghost.ics`, etag: '"ghost"', body: event('ghost', 'Ghost') });
    sent.length = 0;

    const refused = await client.sync(`sync:http://radicale.org/ns/sync/${'0'.repeat(64)}`);

    expect(refused).toMatchObject({ ok: true, value: { changed: true, token: expect.stringMatching(/^sync:http/) } });
    expect(sent.map((each) => `${each.method} ${each.status}`)).toEqual(['REPORT 403', 'REPORT 207', 'REPORT 207']);
    expect(multigetHrefs(sent)).toEqual([`${path}b.ics`]);
    expect(cache.hrefs()).toEqual([`${path}a.ics`, `${path}b.ics`]);

    const garbage = await client.sync('garbage, not a token this client made');
    expect(garbage).toMatchObject({ ok: true, value: { changed: false, token: expect.stringMatching(/^sync:http/) } });
    expect(await client.sync(syncedToken(garbage))).toMatchObject({ ok: true, value: { changed: false } });
  });
});

describe('CalDavClient against Radicale: sync-collection, continued', () => {
  it("follows truncated results (507 on the collection, RFC 6578 3.6) to the end", async () => {
    const { url, path } = await newCalendar();
    const cache = new MemoryCache();
    const before = syncedToken(await clientFor(url, new MemoryCache()).sync(null)).slice('sync:'.length);
    for (const uid of ['a', 'b']) await app('PUT', `${url}${uid}.ics`, event(uid, `Meeting ${uid}`));
    let first = true;
    const { fetch, sent } = recording();
    // The first answer, cut as a server paging its results would: one member, a 507 for the rest, and the token to go on from.
    const paging: typeof globalThis.fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!first || init?.method !== 'REPORT' || !String(init.body).includes('sync-collection')) return response;
      first = false;
      const page = (await response.text())
        .replace(/<response><href>[^<]*b\.ics<\/href>.*?<\/response>/, `<response><href>${path}</href><status>HTTP/1.1 507 Insufficient Storage</status></response>`)
        .replace(/<sync-token>[^<]*<\/sync-token>/, `<sync-token>${before}</sync-token>`);
      return new Response(page, { status: 207, headers: { 'content-type': 'text/xml; charset=utf-8' } });
    };

    const answer = await clientFor(url, cache, { fetch: paging }).sync(null);

    expect(answer).toMatchObject({ ok: true, value: { changed: true } });
    expect(sent.filter((each) => each.body.includes('sync-collection')).map((each) => /<d:sync-token>([^<]*)</.exec(each.body)?.[1] ?? '')).toEqual(['', before]);
    expect(cache.hrefs()).toEqual([`${path}a.ics`, `${path}b.ics`]);
  });

  it("answers changed: false for the client's own writes, and does not fetch them again, whatever the href's spelling", async () => {
    const { url, path } = await newCalendar();
    const { fetch, sent } = recording();
    const cache = new MemoryCache();
    const client = clientFor(url, cache, { fetch });
    const token = syncedToken(await client.sync(null));
    await client.put(client.hrefOf('walk-up@lintel.example.ics'), event('walk-up@lintel.example', 'Walk-up'), { ifNoneMatch: '*' });
    sent.length = 0;

    expect(await client.sync(token)).toMatchObject({ ok: true, value: { changed: false } });
    expect(multigetHrefs(sent)).toEqual([]);
    expect(cache.hrefs()).toEqual([`${path}walk-up%40lintel.example.ics`]);
    const elsewhere = new MemoryCache();
    await clientFor(url, elsewhere).sync(null);
    expect(elsewhere.hrefs()).toEqual(cache.hrefs());
  });
});

describe('CalDavClient against Radicale: writes', () => {
  it('creates a resource once with If-None-Match: *: the second put answers created: false with its etag', async () => {
    const { url } = await newCalendar();
    const cache = new MemoryCache();
    const client = clientFor(url, cache);
    const href = client.hrefOf('walk-up-7f3a.ics');

    const first = await client.put(href, event('walk-up-7f3a', 'Walk-up'), { ifNoneMatch: '*' });
    const second = await client.put(href, event('walk-up-7f3a', 'Walk-up'), { ifNoneMatch: '*' });

    expect(first).toEqual({ ok: true, value: { etag: expect.stringMatching(/^".+"$/), created: true } });
    expect(second).toEqual({ ok: true, value: { etag: first.ok ? first.value.etag : null, created: false } });
    expect(cache.get(href)).toMatchObject({ etag: first.ok ? first.value.etag : null, body: expect.stringContaining('SUMMARY:Walk-up') });
    const elsewhere = new MemoryCache();
    expect(await clientFor(url, elsewhere).sync(null)).toMatchObject({ ok: true });
    expect(elsewhere.hrefs()).toEqual([href]);
  });

  it('does not apply a change made against a stale etag (412): a conflict, with the version another client wrote', async () => {
    const { url } = await newCalendar();
    const cache = new MemoryCache();
    const client = clientFor(url, cache);
    const href = client.hrefOf('shared.ics');
    const created = await client.put(href, event('shared', 'Ours'), { ifNoneMatch: '*' });
    if (!created.ok || created.value.etag === null) throw new Error('not created');
    const theirs = await app('PUT', new URL(href, url).href, event('shared', 'Theirs'));

    const stale = await client.put(href, event('shared', 'Ours (shortened)'), { ifMatch: created.value.etag });

    expect(stale).toEqual({
      ok: false,
      failure: 'conflict',
      message: expect.stringContaining('changed on the CalDAV server'),
      current: { href, etag: theirs.etag, body: expect.stringContaining('SUMMARY:Theirs') },
    });
    expect((await app('GET', new URL(href, url).href)).body).toContain('SUMMARY:Theirs');
    expect(cache.get(href)?.etag).toBe(theirs.etag);
    const fresh = await client.put(href, event('shared', 'Ours (shortened)'), { ifMatch: theirs.etag! });
    expect(fresh).toEqual({ ok: true, value: { etag: expect.stringMatching(/^"/), created: false } });
    expect(fresh.ok && fresh.value.etag).not.toBe(theirs.etag);
  });

  it('removes a resource twice, both ok; a stale etag does not remove what another client changed', async () => {
    const { url } = await newCalendar();
    const cache = new MemoryCache();
    const client = clientFor(url, cache);
    const href = client.hrefOf('gone.ics');
    const created = await client.put(href, event('gone', 'Ending soon'), { ifNoneMatch: '*' });
    const etag = created.ok ? created.value.etag : null;

    expect(await client.remove(href, etag)).toEqual({ ok: true, value: undefined });
    expect(await client.remove(href, etag)).toEqual({ ok: true, value: undefined });
    expect(await client.remove(href, null)).toEqual({ ok: true, value: undefined });
    expect(cache.get(href)).toBeUndefined();
    expect((await app('GET', new URL(href, url).href)).status).toBe(404);

    const kept = client.hrefOf('kept.ics');
    const mine = await client.put(kept, event('kept', 'Mine'), { ifNoneMatch: '*' });
    await app('PUT', new URL(kept, url).href, event('kept', 'Changed by someone'));
    expect(await client.remove(kept, mine.ok ? mine.value.etag : null)).toMatchObject({ ok: false, failure: 'conflict', current: { body: expect.stringContaining('Changed by someone') } });
    expect((await app('GET', new URL(kept, url).href)).status).toBe(200);
  });
});

describe('CalDavClient against Radicale: refusals', () => {
  it('answers a wrong password (401) refused, with the login warning naming the URL and not the password', async () => {
    const { url } = await newCalendar();
    const client = clientFor(url, new MemoryCache(), { password: 'not-the-password' });

    const answer = await client.sync(null);

    expect(answer).toMatchObject({ ok: false, failure: 'refused', warning: { code: 'calendar-login-failed', message: expect.stringContaining(url) } });
    expect(JSON.stringify(answer)).not.toContain('not-the-password');
    expect(await client.put(client.hrefOf('x.ics'), event('x', 'X'), { ifNoneMatch: '*' })).toMatchObject({ ok: false, failure: 'refused', warning: { code: 'calendar-login-failed' } });
  });

  it("answers another user's calendar (403 under owner_only rights) refused, with the forbidden warning", async () => {
    const { url } = await newCalendar();
    const client = clientFor(url, new MemoryCache(), { user: 'other' });

    expect(await client.sync(null)).toMatchObject({ ok: false, failure: 'refused', warning: { code: 'calendar-forbidden', message: expect.stringContaining('HTTP 403') } });
    expect(await client.put(client.hrefOf('x.ics'), event('x', 'X'), { ifNoneMatch: '*' })).toMatchObject({ ok: false, failure: 'refused', warning: { code: 'calendar-forbidden' } });
  });

  it('answers a deleted calendar (404, and 409 for a put into it) refused, with the not-found warning; the cache stays', async () => {
    const { url, path } = await newCalendar();
    await app('PUT', `${url}a.ics`, event('a', 'Meeting a'));
    const cache = new MemoryCache();
    const client = clientFor(url, cache);
    const token = syncedToken(await client.sync(null));
    expect((await app('DELETE', url)).status).toBe(200);

    expect(await client.sync(token)).toMatchObject({ ok: false, failure: 'refused', warning: { code: 'calendar-not-found', message: expect.stringContaining('HTTP 404') } });
    expect(await client.sync(null)).toMatchObject({ ok: false, failure: 'refused', warning: { code: 'calendar-not-found' } });
    expect(await client.put(client.hrefOf('b.ics'), event('b', 'B'), { ifNoneMatch: '*' })).toMatchObject({ ok: false, failure: 'refused', warning: { code: 'calendar-not-found', message: expect.stringContaining('HTTP 409') } });
    expect(cache.hrefs()).toEqual([`${path}a.ics`]);
  });

  it('answers a server that throttles (503, 429) throttled, waiting as Retry-After says', async () => {
    const { url } = await newCalendar();
    const busy = recording((sent) => (sent.method === 'REPORT' ? new Response('busy', { status: 503, headers: { 'retry-after': '120' } }) : undefined));
    expect(await clientFor(url, new MemoryCache(), { fetch: busy.fetch }).sync(null)).toMatchObject({ ok: false, failure: 'throttled', retryAfterMs: 120_000, warning: { code: 'calendar-throttled' } });
    const later = new Date(NOW + 60_000).toUTCString();
    const limited = recording((sent) => (sent.method === 'PUT' ? new Response('slow down', { status: 429, headers: { 'retry-after': later } }) : undefined));
    const answer = await clientFor(url, new MemoryCache(), { fetch: limited.fetch }).put(`${new URL(url).pathname}x.ics`, event('x', 'X'), { ifNoneMatch: '*' });
    expect(answer).toMatchObject({ ok: false, failure: 'throttled' });
    expect(!answer.ok && answer.failure === 'throttled' && answer.retryAfterMs).toBe(60_000);
  });
});

describe('CalDavClient against Radicale without sync-collection: ctag and etags', () => {
  /** A server without RFC 6578 answers the report as RFC 3253 3.6 says (as Radicale does on a collection that is no calendar). */
  const withoutSyncCollection = (status: 403 | 501) =>
    recording((sent) => {
      if (sent.method !== 'REPORT' || !sent.body.includes('sync-collection')) return undefined;
      return status === 403
        ? new Response('<?xml version="1.0" encoding="utf-8"?>\n<D:error xmlns:D="DAV:"><D:supported-report/></D:error>', { status: 403, headers: { 'content-type': 'text/xml; charset=utf-8' } })
        : new Response('Not Implemented', { status: 501, headers: { 'content-type': 'text/plain' } });
    });

  it('reads every etag once, then only when the ctag changed, fetching exactly what changed', async () => {
    const { url, path } = await newCalendar();
    for (const uid of ['a', 'b', 'd']) await app('PUT', `${url}${uid}.ics`, event(uid, `Meeting ${uid}`));
    await app('PUT', `${url}plants.ics`, todo('plants'));
    const { fetch, sent } = withoutSyncCollection(403);
    const cache = new MemoryCache();
    const client = clientFor(url, cache, { fetch });

    const first = await client.sync(null);
    expect(first).toEqual({ ok: true, value: { changed: true, token: expect.stringMatching(/^etags:"/) } });
    expect(cache.hrefs()).toEqual([`${path}a.ics`, `${path}b.ics`, `${path}d.ics`]);
    expect(multigetHrefs(sent)).toEqual([`${path}a.ics`, `${path}b.ics`, `${path}d.ics`]);
    sent.length = 0;

    const unchanged = await client.sync(syncedToken(first));
    expect(unchanged).toEqual({ ok: true, value: { changed: false, token: syncedToken(first) } });
    expect(sent.map((each) => `${each.method} ${each.depth} ${each.status}`)).toEqual(['PROPFIND 0 207']);
    sent.length = 0;

    await app('PUT', `${url}c.ics`, event('c', 'Meeting c'));
    await app('PUT', `${url}a.ics`, event('a', 'Meeting a (moved)'));
    await app('DELETE', `${url}b.ics`);
    const changed = await client.sync(syncedToken(unchanged));

    expect(changed).toMatchObject({ ok: true, value: { changed: true } });
    expect(syncedToken(changed)).not.toBe(syncedToken(first));
    expect(multigetHrefs(sent)).toEqual([`${path}a.ics`, `${path}c.ics`]);
    expect(sent.map((each) => `${each.method} ${each.depth} ${each.status}`)).toEqual(['PROPFIND 0 207', 'PROPFIND 1 207', 'REPORT 1 207']);
    expect(cache.hrefs()).toEqual([`${path}a.ics`, `${path}c.ics`, `${path}d.ics`]);
    expect(cache.get(`${path}a.ics`)?.body).toContain('Meeting a (moved)');
  });

  it('falls back from a sync token too, on a server answering the report 501', async () => {
    const { url, path } = await newCalendar();
    await app('PUT', `${url}a.ics`, event('a', 'Meeting a'));
    const cache = new MemoryCache();
    const answer = await clientFor(url, cache, { fetch: withoutSyncCollection(501).fetch }).sync('sync:http://radicale.org/ns/sync/whatever');
    expect(answer).toMatchObject({ ok: true, value: { changed: true, token: expect.stringMatching(/^etags:/) } });
    expect(cache.hrefs()).toEqual([`${path}a.ics`]);
  });
});

describe('CalDavClient against a server answering what it cannot read', () => {
  it('leaves the cache as it was when a listing is no WebDAV multistatus', async () => {
    const { url, path } = await newCalendar();
    await app('PUT', `${url}a.ics`, event('a', 'Meeting a'));
    const cache = new MemoryCache();
    const token = syncedToken(await clientFor(url, cache).sync(null));
    const garbled = recording((sent) => {
      if (sent.method === 'REPORT') return new Response('Not Implemented', { status: 501 });
      if (sent.method === 'PROPFIND' && sent.depth === '1') return new Response('<html>Login</html>', { status: 207, headers: { 'content-type': 'text/html' } });
      return undefined;
    });

    expect(await clientFor(url, cache, { fetch: garbled.fetch }).sync(token)).toMatchObject({ ok: false, failure: 'unreachable', warning: { code: 'calendar-unreachable' } });
    expect(cache.hrefs()).toEqual([`${path}a.ics`]);
  });
});

describe('CalDavClient against Radicale over TLS', () => {
  it('refuses a certificate it does not trust, with the certificate warning naming the problem', async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
    });
    const tls = await startRadicale({ users: USERS, tls: { certificate: pems.cert, key: pems.private } });
    try {
      const url = await tls.createCalendar('room', 'secure');
      expect(url).toMatch(/^https:/);
      const answer = await clientFor(url, new MemoryCache()).sync(null);
      expect(answer).toMatchObject({
        ok: false,
        failure: 'refused',
        warning: { code: 'calendar-certificate-untrusted', message: expect.stringMatching(/DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED/) },
      });
    } finally {
      await tls.stop();
    }
  });
});

describe('CalDavClient against Radicale down and back', () => {
  it('answers unreachable while the server is down, and syncs from its token once it is back', async () => {
    const { url, path } = await newCalendar();
    await app('PUT', `${url}a.ics`, event('a', 'Meeting a'));
    const cache = new MemoryCache();
    const client = clientFor(url, cache);
    const token = syncedToken(await client.sync(null));

    await server.kill();
    try {
      const down = await client.sync(token);
      expect(down).toMatchObject({ ok: false, failure: 'unreachable', warning: { code: 'calendar-unreachable', message: expect.stringContaining(server.url) } });
      expect(!down.ok && down.message).toMatch(/ECONNREFUSED/);
      expect(await client.put(client.hrefOf('b.ics'), event('b', 'B'), { ifNoneMatch: '*' })).toMatchObject({ ok: false, failure: 'unreachable' });
      expect(await client.remove(`${path}a.ics`, null)).toMatchObject({ ok: false, failure: 'unreachable' });
      expect(cache.hrefs()).toEqual([`${path}a.ics`]);
    } finally {
      await server.start();
    }

    await app('PUT', `${url}c.ics`, event('c', 'Meeting c'));
    const back = await client.sync(token);
    expect(back).toMatchObject({ ok: true, value: { changed: true } });
    expect(cache.hrefs()).toEqual([`${path}a.ics`, `${path}c.ics`]);

    await server.restart();
    expect(await client.sync(syncedToken(back))).toMatchObject({ ok: true, value: { changed: false } });
  });
});
