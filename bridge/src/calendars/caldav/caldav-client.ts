import { createObject, davRequest, deleteObject, propfind, updateObject, type DAVResponse } from 'tsdav';
import type { CachedObject, ObjectCache, ProviderAnswer, ProviderFailure } from '../remote/remote-provider.ts';
import { caldavFailure, syncRefusal } from './caldav-failure.ts';
import { CalDavHttp, strongEtag } from './caldav-http.ts';
import { canonicalPath, field, holdsEvent, readListing, readMultiget, text, type Listing, type Member } from './caldav-multistatus.ts';

export interface CalDavClientOptions {
  /** The calendar collection, e.g. https://dav.example.com/rooms/board-room/ (a missing final / is added). */
  url: string;
  username: string;
  password: string;
  /** This room's resources: href (absolute path, as `hrefOf` spells it) → etag and iCalendar body. */
  cache: ObjectCache;
  fetch?: typeof globalThis.fetch;
  /** How long a request may take before it counts as unreachable; 30 s unless said. */
  timeoutMs?: number;
  /** The bridge's clock: a Retry-After date is read against it. */
  now: () => number;
}

/**
 * A write that did not happen because the resource is not the version the
 * caller named (RFC 7232 4.2, 412): someone changed or removed it meanwhile.
 * The resource is read again into the cache first: `current` is what it is
 * now (null: gone), absent when that read failed too.
 */
export interface CalDavConflict {
  ok: false;
  failure: 'conflict';
  message: string;
  current?: CachedObject | null;
}

export type CalDavWriteAnswer<T> = ProviderAnswer<T> | CalDavConflict;

type Changes = { ok: true; listing: Listing; complete: boolean } | { ok: false; refusal: 'token-refused' | 'unsupported' } | ProviderFailure;

const SYNC = 'sync:';
const ETAGS = 'etags:';
const MULTIGET_BATCH = 50;
const MAX_PAGES = 100;
const DAV_NS = { 'xmlns:d': 'DAV:', 'xmlns:c': 'urn:ietf:params:xml:ns:caldav', 'xmlns:cs': 'http://calendarserver.org/ns/' };

/**
 * The HTTP side of a room's calendar on a CalDAV server: keeps `cache` in
 * step with the collection and writes its resources. Every answer of the
 * server is an answer here (see caldav-failure.ts); only a bug throws.
 */
export class CalDavClient {
  readonly url: string;
  readonly #cache: ObjectCache;
  readonly #http: CalDavHttp;
  readonly #now: () => number;
  /** Resources read that hold no event, by href, with the etag they had: not read again until it changes. */
  readonly #notEvents = new Map<string, string | null>();

  constructor(options: CalDavClientOptions) {
    this.url = options.url.endsWith('/') ? options.url : `${options.url}/`;
    this.#cache = options.cache;
    this.#http = new CalDavHttp(options);
    this.#now = options.now;
  }

  /** The cache's href of a resource of this calendar: a name in it (`uid.ics`), an absolute path or a URL. */
  hrefOf(resource: string): string {
    const path = canonicalPath(resource, this.url);
    if (!path.startsWith(canonicalPath(this.url, this.url)) || path.endsWith('/')) throw new Error(`${resource} is not a resource of the calendar ${this.url}`);
    return path;
  }

  /**
   * Brings the cache up to date with the collection. With `token` null (or one
   * this client did not make) it reads every resource's etag and fetches what
   * the cache lacks; with the token of the previous call only what changed.
   * `changed`: the cache was changed (false when the server's changes were the
   * caller's own writes, already in it). On a failure the cache is untouched.
   */
  async sync(token: string | null): Promise<ProviderAnswer<{ changed: boolean; token: string }>> {
    if (token?.startsWith(ETAGS)) return this.#syncByEtags(token.slice(ETAGS.length) || null);
    const from = token?.startsWith(SYNC) ? token.slice(SYNC.length) : '';
    let changes = await this.#changesSince(from);
    // RFC 6578 3.2: a token the server no longer accepts (DAV:valid-sync-token): start over with an initial sync.
    if ('refusal' in changes && changes.refusal === 'token-refused') changes = await this.#changesSince('');
    if ('refusal' in changes) return this.#syncByEtags(null);
    if (!changes.ok) return changes;
    const applied = await this.#apply(changes.listing, changes.complete);
    if (!applied.ok) return applied;
    return { ok: true, value: { changed: applied.value, token: `${SYNC}${changes.listing.syncToken ?? ''}` } };
  }

  /**
   * Writes a resource. `ifNoneMatch: '*'` creates it only if it does not exist
   * (RFC 4791 5.3.2): when it does, the caller made it earlier, and the answer
   * is `created: false` with its etag. `ifMatch` changes it only if it is still
   * that version; else a `conflict`.
   */
  async put(href: string, body: string, condition: { ifNoneMatch: '*' } | { ifMatch: string }): Promise<CalDavWriteAnswer<{ etag: string | null; created: boolean }>> {
    const path = this.hrefOf(href);
    const url = new URL(path, this.url).href;
    const headers = { 'content-type': 'text/calendar; charset=utf-8' };
    const exchanged = await this.#http.exchange(url, async (fetch) => {
      const response =
        'ifNoneMatch' in condition
          ? await createObject({ url, data: body, headers: { ...headers, 'if-none-match': '*' }, fetch })
          : await updateObject({ url, data: body, etag: condition.ifMatch, headers, fetch });
      await response.arrayBuffer();
      return response;
    });
    if (!exchanged.ok) return exchanged;
    const { response } = exchanged;
    const created = 'ifNoneMatch' in condition;
    if (response.ok) {
      const etag = strongEtag(response.headers.get('etag'));
      // RFC 4791 5.3.4: no strong ETag means the server stored something else than what was sent: read it back.
      if (etag === null) {
        const read = await this.get(path);
        return { ok: true, value: { etag: read.ok ? (read.value?.etag ?? null) : null, created } };
      }
      this.#keep({ href: path, etag, body });
      return { ok: true, value: { etag, created } };
    }
    if (response.status === 412 && created) {
      // RFC 7232 3.2: If-None-Match: * fails when the resource exists: made by an earlier call with this href.
      const read = await this.get(path);
      return read.ok ? { ok: true, value: { etag: read.value?.etag ?? null, created: false } } : read;
    }
    // RFC 7232 3.1: If-Match fails when the resource is no longer that version (or gone).
    if (response.status === 412) return this.#conflict(path, `${url} changed on the CalDAV server since version ${'ifMatch' in condition ? condition.ifMatch : ''}: it was not written`);
    return this.#http.failure(url, exchanged, 'resource');
  }

  /** Deletes a resource, only if it is still version `etag` when given. One already gone counts as deleted. */
  async remove(href: string, etag: string | null): Promise<CalDavWriteAnswer<void>> {
    const path = this.hrefOf(href);
    const url = new URL(path, this.url).href;
    const exchanged = await this.#http.exchange(url, async (fetch) => {
      const response = await deleteObject({ url, ...(etag === null ? {} : { etag }), fetch });
      await response.arrayBuffer();
      return response;
    });
    if (!exchanged.ok) return exchanged;
    const { status } = exchanged.response;
    if (exchanged.response.ok || status === 404 || status === 410) {
      this.#cache.delete(path);
      return { ok: true, value: undefined };
    }
    if (status === 412) {
      const conflict = await this.#conflict(path, `${url} changed on the CalDAV server since version ${etag ?? ''}: it was not deleted`);
      // RFC 7232 3.1: an If-Match on a resource that is gone fails too; gone is what was asked.
      return conflict.current === null ? { ok: true, value: undefined } : conflict;
    }
    return this.#http.failure(url, exchanged, 'resource');
  }

  /** Reads one resource into the cache: null when it is gone (or holds no event, which the cache does not keep). */
  async get(href: string): Promise<ProviderAnswer<CachedObject | null>> {
    const path = this.hrefOf(href);
    const read = await this.#read(path);
    if (!read.ok) return read;
    if (read.value === null) {
      this.#cache.delete(path);
      return { ok: true, value: null };
    }
    const object = { href: path, ...read.value };
    return { ok: true, value: this.#keep(object) ? object : null };
  }

  /** GETs one resource, leaving the cache as it is: null when it is gone. */
  async #read(path: string): Promise<ProviderAnswer<{ etag: string | null; body: string } | null>> {
    const url = new URL(path, this.url).href;
    const exchanged = await this.#http.exchange(url, async (fetch) => {
      const response = await fetch(url, { method: 'GET', headers: { accept: 'text/calendar' } });
      return { response, body: await response.text() };
    });
    if (!exchanged.ok) return exchanged;
    const { status } = exchanged.response;
    if (status === 404 || status === 410) return { ok: true, value: null };
    if (!exchanged.response.ok) return this.#http.failure(url, exchanged, 'resource');
    return { ok: true, value: { etag: strongEtag(exchanged.response.headers.get('etag')), body: exchanged.value.body } };
  }

  /** One sync-collection REPORT after another while the server truncates (RFC 6578 3.6), from `from` ('' for the initial sync). */
  async #changesSince(from: string): Promise<Changes> {
    const listing: Listing = { members: new Map(), removed: new Set(), truncated: true, syncToken: from, collection: null };
    for (let page = 0; listing.truncated && page < MAX_PAGES; page++) {
      const sentToken = listing.syncToken ?? '';
      const exchanged = await this.#http.exchange(this.url, (fetch) =>
        davRequest({
          url: this.url,
          // RFC 6578 3.3: the report is only defined for Depth 0.
          init: {
            method: 'REPORT',
            namespace: 'd',
            headers: { depth: '0' },
            // RFC 6578 6.1: sync-token, sync-level, prop, in that order (tsdav's syncCollection sends sync-level first).
            body: { 'sync-collection': { _attributes: DAV_NS, 'sync-token': sentToken, 'sync-level': 1, prop: { getetag: {}, getcontenttype: {} } } },
          },
          fetch,
        }),
      );
      if (!exchanged.ok) return exchanged;
      const { status } = exchanged.response;
      if (status !== 207) {
        const refusal = syncRefusal(status, exchanged.errorBody, sentToken);
        return refusal === null ? this.#http.failure(this.url, exchanged, 'collection') : { ok: false, refusal };
      }
      const pageListing = readListing(exchanged.value, this.url);
      // No DAV:sync-token in a 207: not the RFC 6578 report after all.
      if (pageListing.syncToken === null) return { ok: false, refusal: 'unsupported' };
      for (const href of pageListing.removed) {
        listing.members.delete(href);
        listing.removed.add(href);
      }
      for (const [href, member] of pageListing.members) {
        listing.removed.delete(href);
        listing.members.set(href, member);
      }
      listing.truncated = pageListing.truncated;
      listing.syncToken = pageListing.syncToken;
    }
    // RFC 6578 3.4: an initial sync lists every member, so what the cache has beyond them is gone.
    return { ok: true, listing, complete: from === '' && !listing.truncated };
  }

  /** Without sync-collection: CalendarServer's getctag says whether anything changed, each resource's getetag what. */
  async #syncByEtags(previousCtag: string | null): Promise<ProviderAnswer<{ changed: boolean; token: string }>> {
    const ctagAnswer = await this.#propfind('0', { 'cs:getctag': {} });
    if (!ctagAnswer.ok) return ctagAnswer;
    // CalendarServer's ctag extension (caldav-ctag 4.1): it changes whenever a member of the collection does.
    const ctag = text(field(readListing(ctagAnswer.value, this.url).collection, 'getctag'));
    const token = `${ETAGS}${ctag ?? ''}`;
    if (ctag !== null && ctag === previousCtag) return { ok: true, value: { changed: false, token } };
    const listed = await this.#propfind('1', { 'd:getetag': {}, 'd:getcontenttype': {}, 'd:resourcetype': {} });
    if (!listed.ok) return listed;
    const listing = readListing(listed.value, this.url);
    // RFC 4918 9.1: Depth 1 answers for the collection too; without it the answer was not read, and would empty the cache.
    if (listing.collection === null) return caldavFailure(this.url, { kind: 'unreadable', what: 'its PROPFIND answer does not list the calendar' }, this.#now());
    const applied = await this.#apply(listing, true);
    return applied.ok ? { ok: true, value: { changed: applied.value, token } } : applied;
  }

  async #propfind(depth: '0' | '1', props: Record<string, object>): Promise<ProviderAnswer<DAVResponse[]>> {
    const exchanged = await this.#http.exchange(this.url, (fetch) => propfind({ url: this.url, depth, props, fetch }));
    if (!exchanged.ok) return exchanged;
    return exchanged.response.status === 207 ? { ok: true, value: exchanged.value } : this.#http.failure(this.url, exchanged, 'collection');
  }

  /**
   * Fetches the listed members whose etag the cache does not have, then
   * changes the cache in one go: a failure midway leaves it as it was.
   * `complete`: the listing names every member, so cached others are gone.
   */
  async #apply(listing: Listing, complete: boolean): Promise<ProviderAnswer<boolean>> {
    const gone = new Set(listing.removed);
    if (complete) for (const cached of this.#cache.list()) if (!listing.members.has(cached.href)) gone.add(cached.href);
    const wanted: string[] = [];
    for (const [href, member] of listing.members) {
      if (notAnEvent(member)) {
        gone.add(href);
        continue;
      }
      const cached = this.#cache.get(href);
      const known = cached === undefined ? this.#notEvents.get(href) : cached.etag;
      if (member.etag === null || known !== member.etag) wanted.push(href);
    }
    const read = new Map<string, { etag: string | null; body: string } | null>();
    for (let start = 0; start < wanted.length; start += MULTIGET_BATCH) {
      const batch = wanted.slice(start, start + MULTIGET_BATCH);
      const exchanged = await this.#http.exchange(this.url, (fetch) =>
        davRequest({
          url: this.url,
          // RFC 4791 7.9: calendar-multiget names the resources by href and answers their data (a 404 for one that is gone).
          init: { method: 'REPORT', namespace: 'c', headers: { depth: '1' }, body: { 'calendar-multiget': { _attributes: DAV_NS, 'd:prop': { 'd:getetag': {}, 'c:calendar-data': {} }, 'd:href': batch } } },
          fetch,
        }),
      );
      if (!exchanged.ok) return exchanged;
      if (exchanged.response.status !== 207) return this.#http.failure(this.url, exchanged, 'collection');
      for (const [href, object] of readMultiget(exchanged.value, this.url)) read.set(href, object);
    }
    for (const href of wanted.filter((each) => !read.has(each))) {
      // Not in the multiget's answer: read on its own, so that the token does not move past it.
      const alone = await this.#read(href);
      if (!alone.ok) return alone;
      read.set(href, alone.value);
    }
    let changed = false;
    for (const href of gone) {
      if (this.#cache.get(href) !== undefined) changed = true;
      this.#cache.delete(href);
      this.#notEvents.delete(href);
    }
    for (const [href, object] of read) {
      const before = this.#cache.get(href);
      if (object === null) {
        if (before !== undefined) changed = true;
        this.#cache.delete(href);
      } else {
        const kept = this.#keep({ href, ...object });
        if (kept ? before === undefined || before.etag !== object.etag || before.body !== object.body : before !== undefined) changed = true;
      }
    }
    return { ok: true, value: changed };
  }

  /** Puts an object that holds an event in the cache (true); one that does not is dropped from it and remembered (false). */
  #keep(object: CachedObject): boolean {
    if (holdsEvent(object.body)) {
      this.#notEvents.delete(object.href);
      this.#cache.put(object);
      return true;
    }
    this.#notEvents.set(object.href, object.etag);
    this.#cache.delete(object.href);
    return false;
  }

  async #conflict(path: string, message: string): Promise<CalDavConflict> {
    const read = await this.get(path);
    return { ok: false, failure: 'conflict', message, ...(read.ok ? { current: read.value } : {}) };
  }
}

function notAnEvent(member: Member): boolean {
  return member.component !== null && member.component !== 'VEVENT';
}
