import type { OutboxEntry, RoomCopyStore, SavedSnapshot } from '../offline/display-db.ts';

/** Where a tab may keep things: sessionStorage, or none when the browser refuses it. */
export type TabStorage = Pick<Storage, 'length' | 'key' | 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'lintel.phone:';

/** What a tab keeps of one visit to a room, as JSON under PREFIX and the visit's key. */
interface Visit {
  /** When the visit's link stops working, on the bridge's clock; null for an open room's page, kept as long as the tab. */
  expiresAt: number | null;
  snapshot: SavedSnapshot | null;
  outbox: OutboxEntry[];
  /** The meetings this phone's bookings made: only these it offers to end. */
  mine: string[];
}

const emptyVisit = (expiresAt: number | null): Visit => ({ expiresAt, snapshot: null, outbox: [], mine: [] });

/**
 * A phone's copy of its visit to a room, in the tab's sessionStorage: the
 * last room state, the actions not yet sent and the meetings it booked, so
 * a reload while offline brings the page back. Kept only while the room
 * link works: forgotten when the visit ends (DisplayState forgets the room
 * then), and any visit of the tab whose link has expired is forgotten when
 * the next one opens. Nothing goes to localStorage or IndexedDB: a phone
 * keeps nothing of a room beyond the link's lifetime.
 */
export class PhoneSession implements RoomCopyStore {
  readonly #storage: TabStorage | undefined;
  readonly #key: string;
  #visit: Visit;
  /** The visit is over: nothing of it is written again. */
  #ended = false;

  private constructor(storage: TabStorage | undefined, key: string, visit: Visit) {
    this.#storage = storage;
    this.#key = key;
    this.#visit = visit;
  }

  /**
   * The visit `visitKey` names (its link, or an open room), as this tab kept
   * it, after forgetting every visit of the tab whose link has expired by
   * `now` (this phone's clock; each visit's own offset to the bridge's).
   */
  static open(storage: TabStorage | undefined, visitKey: string, expiresAt: number | null, now: number): PhoneSession {
    const key = PREFIX + visitKey;
    try {
      forgetExpired(storage, now);
      return new PhoneSession(storage, key, (storage && readVisit(storage, key)) ?? emptyVisit(expiresAt));
    } catch (error) {
      console.warn('Lintel cannot read what this tab kept: the page starts afresh', error);
      return new PhoneSession(storage, key, emptyVisit(expiresAt));
    }
  }

  async loadSnapshot(): Promise<SavedSnapshot | undefined> {
    return this.#visit.snapshot ?? undefined;
  }

  async saveSnapshot(snapshot: SavedSnapshot): Promise<void> {
    this.#visit.snapshot = snapshot;
    this.#write();
  }

  /** A phone forgets its room only when its visit is over: nothing of the visit stays. */
  async deleteSnapshot(): Promise<void> {
    this.#ended = true;
    this.#visit = emptyVisit(this.#visit.expiresAt);
    try {
      this.#storage?.removeItem(this.#key);
    } catch (error) {
      console.error('Lintel could not forget the visit in this tab', error);
    }
  }

  async enqueue(entry: OutboxEntry): Promise<number> {
    const seq = (this.#visit.outbox.at(-1)?.seq ?? 0) + 1;
    this.#visit.outbox = [...this.#visit.outbox, { ...entry, seq }];
    this.#write();
    return seq;
  }

  async queued(): Promise<OutboxEntry[]> {
    return this.#visit.outbox;
  }

  async remove(actionId: string): Promise<void> {
    this.#visit.outbox = this.#visit.outbox.filter((entry) => entry.action.id !== actionId);
    this.#write();
  }

  myBookings(): readonly string[] {
    return this.#visit.mine;
  }

  keepMyBookings(meetingIds: readonly string[]): void {
    this.#visit.mine = [...meetingIds];
    this.#write();
  }

  #write(): void {
    if (this.#ended || !this.#storage) return;
    try {
      this.#storage.setItem(this.#key, JSON.stringify(this.#visit));
    } catch (error) {
      console.warn('Lintel could not keep the visit in this tab: a reload offline will not bring it back', error);
    }
  }
}

function readVisit(storage: TabStorage, key: string): Visit | undefined {
  const text = storage.getItem(key);
  return text === null ? undefined : (JSON.parse(text) as Visit);
}

function forgetExpired(storage: TabStorage | undefined, now: number): void {
  if (!storage) return;
  const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter((key): key is string => key?.startsWith(PREFIX) === true);
  for (const key of keys) {
    let visit: Visit | undefined;
    try {
      visit = readVisit(storage, key);
    } catch {
      // Not ours to read any more (an older version's, or damaged): forgotten like an expired one.
    }
    const bridgeNow = now + (visit?.snapshot?.clockOffsetMs ?? 0);
    if (!visit || (visit.expiresAt !== null && visit.expiresAt <= bridgeNow)) storage.removeItem(key);
  }
}
