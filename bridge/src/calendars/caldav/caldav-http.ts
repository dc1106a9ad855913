import type { ProviderFailure } from '../remote/remote-provider.ts';
import { isNetworkError } from '../remote/http-failure.ts';
import { caldavFailure } from './caldav-failure.ts';

/** A request that was answered: what `run` made of it, the response, and the start of its body when it was an error. */
export interface Answered<T> {
  ok: true;
  value: T;
  response: Response;
  errorBody: string | undefined;
}

export type Exchanged<T> = Answered<T> | ProviderFailure;

/**
 * One CalDAV account's requests: each with its credentials and a timeout, an
 * unanswered one mapped to its failure, an answered one kept for the caller
 * to read (tsdav's helpers return parsed XML and drop the status line's
 * headers, so the response is caught on its way through).
 */
export class CalDavHttp {
  readonly #fetch: typeof globalThis.fetch;
  readonly #authorization: string;
  readonly #timeoutMs: number;
  readonly #now: () => number;

  constructor(options: { username: string; password: string; fetch?: typeof globalThis.fetch; timeoutMs?: number; now: () => number }) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    // RFC 7617 2: Basic credentials are user-id ":" password, in UTF-8, base64.
    this.#authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64')}`;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#now = options.now;
  }

  /** Runs `run`, which sends one request to `url` with the fetch it is given. */
  async exchange<T>(url: string, run: (fetch: typeof globalThis.fetch) => Promise<T>): Promise<Exchanged<T>> {
    let answered: { response: Response; errorBody: string | undefined } | undefined;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', this.#authorization);
      const response = await this.#fetch(input, { ...init, headers, signal: AbortSignal.timeout(this.#timeoutMs) });
      answered = { response, errorBody: response.ok ? undefined : (await response.clone().text()).slice(0, 4096) };
      return response;
    };
    try {
      const value = await run(fetch);
      if (answered === undefined) throw new Error(`no request was sent to ${url}`);
      return { ok: true, value, ...answered };
    } catch (error) {
      if (!isNetworkError(error)) throw error;
      return caldavFailure(url, { kind: 'network', error }, this.#now());
    }
  }

  /** The failure an answer that is not what the request wanted stands for (caldav-failure.ts). */
  failure(url: string, answered: Answered<unknown>, target: 'collection' | 'resource'): ProviderFailure {
    const { response, errorBody } = answered;
    return caldavFailure(url, { kind: 'status', status: response.status, retryAfter: response.headers.get('retry-after'), body: errorBody, target }, this.#now());
  }
}

/** An ETag header that is a strong entity tag (RFC 9110 8.8.3); a weak one (W/) is no version to write against. */
export function strongEtag(value: string | null): string | null {
  return value === null || value.startsWith('W/') || value.trim() === '' ? null : value;
}
