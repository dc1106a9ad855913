import type { TimedMeeting } from '../../shared/model.ts';
import {
  keyOf,
  type ProviderAnswer,
  type ProviderFailure,
  type RemoteCalendar,
  type RemoteCalendarProvider,
  type RemoteOccurrence,
  type RemoteTarget,
  type SyncResult,
  type SyncWindow,
} from '../../bridge/src/calendars/remote/remote-provider.ts';

type Call = 'sync' | 'create' | 'changeEnd' | 'cancel';

/**
 * A room calendar in memory that keeps the provider port's rules (see
 * remote-provider.ts), for tests of the engine: anyone may add, change and
 * remove meetings "elsewhere", calls can be made to fail as a server would,
 * and every call is counted.
 */
export class FakeRemoteCalendar implements RemoteCalendar {
  readonly writable: boolean;
  readonly calls: Call[] = [];
  readonly #events = new Map<string, RemoteOccurrence>();
  /** Keys changed or removed at each version: what a delta since a cursor holds. */
  readonly #history: { version: number; key: string }[] = [];
  #version = 0;
  #cursorsExpired = false;
  readonly #failures: { call: Call; failure: ProviderFailure }[] = [];
  readonly #lostAnswers = new Set<Call>();

  constructor(options: { writable?: boolean } = {}) {
    this.writable = options.writable ?? true;
  }

  /** A meeting made, or changed, in the calendar by someone else. */
  put(occurrence: RemoteOccurrence): void {
    this.#events.set(occurrence.key, occurrence);
    this.#touch(occurrence.key);
  }

  /** A meeting removed in the calendar by someone else. */
  remove(key: string): void {
    this.#events.delete(key);
    this.#touch(key);
  }

  events(): RemoteOccurrence[] {
    return [...this.#events.values()];
  }

  /** The next `call` fails so. */
  failNext(call: Call, failure: Omit<ProviderFailure, 'ok'>): void {
    this.#failures.push({ call, failure: { ok: false, ...failure } });
  }

  /** The next `call` is done by the server, but its answer never reaches the bridge (a timeout, a crash). */
  loseNextAnswer(call: Call): void {
    this.#lostAnswers.add(call);
  }

  /** The server forgets every sync cursor it gave (as a CalDAV sync-token or a Google syncToken may expire). */
  expireCursors(): void {
    this.#cursorsExpired = true;
  }

  sync(cursor: string | null, window: SyncWindow): Promise<ProviderAnswer<SyncResult>> {
    const failed = this.#failure('sync');
    if (failed) return Promise.resolve(failed);
    if (cursor !== null && this.#cursorsExpired) {
      this.#cursorsExpired = false;
      return Promise.resolve({ ok: false, failure: 'cursor-expired', message: 'the sync token is no longer valid' });
    }
    const inWindow = (occurrence: RemoteOccurrence) => Date.parse(occurrence.end) > window.start && Date.parse(occurrence.start) < window.end;
    const next = `${window.start}:${this.#version}`;
    if (cursor === null || !cursor.startsWith(`${window.start}:`)) {
      return ok({ kind: 'snapshot', occurrences: this.events().filter(inWindow), cursor: next });
    }
    const since = Number(cursor.split(':')[1]);
    const keys = new Set(this.#history.filter((entry) => entry.version > since).map((entry) => entry.key));
    if (keys.size === 0) return ok({ kind: 'unchanged', cursor: next });
    const changed = [...keys].flatMap((key) => this.#events.get(key) ?? []).filter(inWindow);
    const removedKeys = [...keys].filter((key) => !this.#events.has(key));
    return ok({ kind: 'delta', changed, removedKeys, cursor: next });
  }

  create(key: string, meeting: TimedMeeting): Promise<ProviderAnswer<RemoteTarget>> {
    const failed = this.#failure('create') ?? this.#readOnly();
    if (failed) return Promise.resolve(failed);
    const eventKey = `made-${key}`;
    // The rule: one event per key, however often it is asked.
    if (!this.#events.has(eventKey)) {
      this.put({ key: eventKey, ref: eventKey, start: meeting.start, end: meeting.end, allDay: false, subject: meeting.subject, organizer: null, isPrivate: false, createdFor: key });
    }
    return this.#answer('create', { key: eventKey, ref: eventKey });
  }

  changeEnd(target: RemoteTarget, end: string): Promise<ProviderAnswer<void>> {
    const failed = this.#failure('changeEnd') ?? this.#readOnly();
    if (failed) return Promise.resolve(failed);
    const event = this.#events.get(keyOf(target));
    if (event) this.put({ ...event, end });
    return this.#answer('changeEnd', undefined);
  }

  cancel(target: RemoteTarget): Promise<ProviderAnswer<void>> {
    const failed = this.#failure('cancel') ?? this.#readOnly();
    if (failed) return Promise.resolve(failed);
    if (this.#events.has(keyOf(target))) this.remove(keyOf(target));
    return this.#answer('cancel', undefined);
  }

  check(): Promise<ProviderAnswer<void>> {
    return ok(undefined);
  }

  #answer<T>(call: Call, value: T): Promise<ProviderAnswer<T>> {
    if (!this.#lostAnswers.delete(call)) return ok(value);
    return Promise.resolve({ ok: false, failure: 'unreachable', message: 'no answer in time' });
  }

  #touch(key: string): void {
    this.#version++;
    this.#history.push({ version: this.#version, key });
  }

  #failure(call: Call): ProviderFailure | undefined {
    this.calls.push(call);
    const index = this.#failures.findIndex((each) => each.call === call);
    if (index < 0) return undefined;
    return this.#failures.splice(index, 1)[0]!.failure;
  }

  #readOnly(): ProviderFailure | undefined {
    return this.writable ? undefined : { ok: false, failure: 'refused', message: 'a read-only calendar' };
  }
}

/** A provider of CalDAV rooms (the type is the engine's only concern): a room's calendar is the fake at its URL. */
export function fakeProvider(calendarAt: (url: string) => FakeRemoteCalendar): RemoteCalendarProvider<'caldav'> {
  return { type: 'caldav', connect: (_room, config) => calendarAt(config.url) };
}

function ok<T>(value: T): Promise<ProviderAnswer<T>> {
  return Promise.resolve({ ok: true, value });
}
