import { createHash } from 'node:crypto';
import type { Clock } from '../../../../shared/clock.ts';
import { httpFailure, isNetworkError } from '../remote/http-failure.ts';
import type { CachedObject, ObjectCache, ProviderAnswer } from '../remote/remote-provider.ts';

/** A feed larger than this is refused: a room's calendar is a few hundred kB; more is the wrong URL. */
const MAX_FEED_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/** What the server said identifies this version of the feed, for a conditional GET. */
interface Validators {
  etag: string | null;
  lastModified: string | null;
  /** The body's own hash: many feeds send neither header, and the same body again means nothing changed. */
  sha256: string;
}

/**
 * A published iCalendar feed, read with conditional requests: `If-None-Match`
 * with the ETag it last sent and `If-Modified-Since` with its Last-Modified,
 * so an unchanged feed costs a 304 (RFC 9110 13.1.2 and 13.1.3). The last
 * version read is kept in the room's cache, so a restart or a new window
 * needs no download.
 */
export class IcsFeed {
  readonly #url: string;
  readonly #cache: ObjectCache;
  readonly #clock: Clock;
  readonly #fetch: typeof fetch;

  constructor(options: { url: string; cache: ObjectCache; clock: Clock; fetch?: typeof fetch }) {
    this.#url = options.url;
    this.#cache = options.cache;
    this.#clock = options.clock;
    this.#fetch = options.fetch ?? fetch;
  }

  /** The feed as last read, if ever. */
  cached(): CachedObject | undefined {
    return this.#cache.get(this.#url);
  }

  /** Reads the feed if it changed; `changed` is false when the server or the body says it did not. */
  async refresh(): Promise<ProviderAnswer<{ changed: boolean }>> {
    const cached = this.cached();
    const validators = cached?.etag ? (JSON.parse(cached.etag) as Validators) : undefined;
    const headers: Record<string, string> = { Accept: 'text/calendar' };
    // RFC 9110 13.1.2, 13.1.3: validators the server gave, sent back so an unchanged feed is answered 304 Not Modified.
    if (validators?.etag) headers['If-None-Match'] = validators.etag;
    if (validators?.lastModified) headers['If-Modified-Since'] = validators.lastModified;
    let response: Response;
    let body: string;
    try {
      response = await this.#fetch(this.#url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
      if (response.status === 304 && cached) return { ok: true, value: { changed: false } };
      if (!response.ok) {
        return httpFailure(this.#where(), { kind: 'status', status: response.status, retryAfter: response.headers.get('retry-after') }, this.#clock.now());
      }
      const length = Number(response.headers.get('content-length') ?? 0);
      if (length > MAX_FEED_BYTES) return this.#notAFeed(`is ${Math.round(length / 1024 / 1024)} MB, more than a room's calendar ever is`);
      body = await response.text();
    } catch (error) {
      if (!isNetworkError(error)) throw error;
      return httpFailure(this.#where(), { kind: 'network', error }, this.#clock.now());
    }
    // RFC 5545 3.4: a feed is one iCalendar stream, starting with BEGIN:VCALENDAR (a login page is not).
    if (!/^\uFEFF?\s*BEGIN:VCALENDAR/i.test(body)) return this.#notAFeed('is not an iCalendar feed (it does not start with BEGIN:VCALENDAR): a login page, or the wrong URL');
    const sha256 = createHash('sha256').update(body).digest('hex');
    const fresh: Validators = { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified'), sha256 };
    this.#cache.put({ href: this.#url, etag: JSON.stringify(fresh), body });
    return { ok: true, value: { changed: validators?.sha256 !== sha256 } };
  }

  #where(): string {
    // A feed's address is often its secret: only its site is named.
    return `the calendar feed at ${new URL(this.#url).origin}`;
  }

  #notAFeed(why: string): ProviderAnswer<never> {
    const message = `${this.#where()} ${why}`;
    return { ok: false, failure: 'refused', message, warning: { code: 'calendar-not-found', message } };
  }
}
