import type { Clock } from '../../../../shared/clock.ts';
import type { Logger } from '../../logger.ts';
import { expandCalendar } from '../icalendar/expand-calendar.ts';
import type { ObjectCache, ProviderAnswer, RemoteCalendar, RemoteTarget, SyncResult, SyncWindow } from '../remote/remote-provider.ts';
import { IcsFeed } from './ics-feed.ts';

const READ_ONLY = 'an ICS feed is read-only: Lintel cannot write to it';

/**
 * A room whose calendar is a published feed: read on every round, expanded
 * in the room's zone, never written (walk-ups are refused, or kept in the
 * bridge with `"walkUps": "local"`, before they reach here).
 */
export class IcsCalendar implements RemoteCalendar {
  readonly writable = false;
  readonly #feed: IcsFeed;
  readonly #timeZone: string;
  readonly #logger: Logger;

  constructor(options: { url: string; timeZone: string; cache: ObjectCache; clock: Clock; logger: Logger; fetch?: typeof fetch }) {
    this.#feed = new IcsFeed(options);
    this.#timeZone = options.timeZone;
    this.#logger = options.logger;
  }

  /** A snapshot when the feed changed or the days moved (the engine then gives no cursor); unchanged otherwise. */
  async sync(cursor: string | null, window: SyncWindow): Promise<ProviderAnswer<SyncResult>> {
    const read = await this.#feed.refresh();
    if (!read.ok) return read;
    const feed = this.#feed.cached();
    const version = feed?.etag ?? 'empty';
    if (cursor === version && !read.value.changed) return { ok: true, value: { kind: 'unchanged', cursor: version } };
    const { occurrences, skipped } = expandCalendar(feed ? [feed] : [], window, this.#timeZone);
    if (skipped > 0) this.#logger.warn({ skipped }, 'the calendar feed has events Lintel cannot read; they were skipped');
    return { ok: true, value: { kind: 'snapshot', occurrences, cursor: version } };
  }

  create(): Promise<ProviderAnswer<RemoteTarget>> {
    return Promise.resolve({ ok: false, failure: 'refused', message: READ_ONLY });
  }

  changeEnd(): Promise<ProviderAnswer<void>> {
    return Promise.resolve({ ok: false, failure: 'refused', message: READ_ONLY });
  }

  cancel(): Promise<ProviderAnswer<void>> {
    return Promise.resolve({ ok: false, failure: 'refused', message: READ_ONLY });
  }

  async check(): Promise<ProviderAnswer<void>> {
    const read = await this.#feed.refresh();
    return read.ok ? { ok: true, value: undefined } : read;
  }
}
