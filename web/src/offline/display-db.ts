import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RoomState, WalkUpAction } from '../../../shared/model.ts';
import type { ProblemReportRequest } from '../../../shared/socket-events.ts';
import type { MeetingChange } from '../../../shared/walk-up-rules.ts';

/** The last room state a display saw, enough to go on showing the room without its bridge. */
export interface SavedSnapshot {
  /** The room id from the URL, or "default" for the bridge's default room. */
  roomKey: string;
  state: RoomState;
  /** Bridge clock minus display clock when the state arrived. */
  clockOffsetMs: number;
  /** When the connection to the bridge was lost, if it was; on the bridge's clock. */
  offlineSince: number | null;
}

/** A walk-up action taken on this display and not yet answered by the bridge. */
export interface OutboxEntry {
  /** Position in the outbox: actions replay in the order they were taken. */
  seq?: number;
  roomKey: string;
  roomId: string;
  action: WalkUpAction;
  /** What the action does to the schedule on screen until the bridge answers. */
  change: MeetingChange;
  /** Taken while the display could not reach its bridge. */
  takenOffline: boolean;
}

interface DisplaySchema extends DBSchema {
  snapshots: { key: string; value: SavedSnapshot };
  outbox: { key: number; value: OutboxEntry; indexes: { byActionId: string } };
  /** One entry, under CREDENTIAL_KEY: the display's credential (a secret, see PairingCode.credential). */
  credential: { key: string; value: string };
  /** Problem reports not yet taken by the bridge, by report id. */
  problems: { key: string; value: ProblemReportRequest };
}

/** What a display keeps of its room for a restart; a phone keeps the same in its tab instead (phone/phone-session.ts). */
export type RoomCopyStore = Pick<DisplayDb, 'loadSnapshot' | 'saveSnapshot' | 'deleteSnapshot' | 'enqueue' | 'queued' | 'remove'>;

const DB_NAME = 'lintel-display';
const DB_VERSION = 3;
const CREDENTIAL_KEY = 'display';

/**
 * The display's own durable store (IndexedDB). Each version step in
 * `upgrade` moves an older database forward, so a display keeps its queued
 * actions across an app update.
 */
export class DisplayDb {
  readonly #db: IDBPDatabase<DisplaySchema>;

  private constructor(db: IDBPDatabase<DisplaySchema>) {
    this.#db = db;
  }

  static async open(name: string = DB_NAME): Promise<DisplayDb> {
    const db = await openDB<DisplaySchema>(name, DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          database.createObjectStore('snapshots', { keyPath: 'roomKey' });
          database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('byActionId', 'action.id', { unique: true });
        }
        if (oldVersion < 2) database.createObjectStore('credential');
        if (oldVersion < 3) database.createObjectStore('problems', { keyPath: 'report.id' });
      },
    });
    return new DisplayDb(db);
  }

  async loadSnapshot(roomKey: string): Promise<SavedSnapshot | undefined> {
    return this.#db.get('snapshots', roomKey);
  }

  async saveSnapshot(snapshot: SavedSnapshot): Promise<void> {
    await this.#db.put('snapshots', snapshot);
  }

  /** Forgets a room's snapshot: an unlinked display must not come back showing its old room. */
  async deleteSnapshot(roomKey: string): Promise<void> {
    await this.#db.delete('snapshots', roomKey);
  }

  /** The credential the bridge gave this display with its pairing code, if it ever gave one. */
  async loadCredential(): Promise<string | undefined> {
    return this.#db.get('credential', CREDENTIAL_KEY);
  }

  /** Keeps `secret` in place of any credential before: the bridge gives a new one with each new pairing code. */
  async saveCredential(secret: string): Promise<void> {
    await this.#db.put('credential', secret, CREDENTIAL_KEY);
  }

  /**
   * The transaction starts when this is called, not when it is awaited, and
   * IndexedDB runs overlapping transactions in the order they were started:
   * a `remove` asked after `enqueue` always sees the entry, so a display may
   * send an action before its write has finished.
   */
  async enqueue(entry: OutboxEntry): Promise<number> {
    return this.#db.add('outbox', entry);
  }

  /** This room's queued actions, oldest first. */
  async queued(roomKey: string): Promise<OutboxEntry[]> {
    return (await this.#db.getAll('outbox')).filter((entry) => entry.roomKey === roomKey);
  }

  async remove(actionId: string): Promise<void> {
    const seq = await this.#db.getKeyFromIndex('outbox', 'byActionId', actionId);
    if (seq !== undefined) await this.#db.delete('outbox', seq);
  }

  /** Keeps a problem report until the bridge takes it; the same report kept again is one entry. */
  async keepProblem(request: ProblemReportRequest): Promise<void> {
    await this.#db.put('problems', request);
  }

  /** Every problem report kept, whichever room it is about: each goes to its own room. */
  async keptProblems(): Promise<ProblemReportRequest[]> {
    return this.#db.getAll('problems');
  }

  async removeProblem(reportId: string): Promise<void> {
    await this.#db.delete('problems', reportId);
  }

  close(): void {
    this.#db.close();
  }
}
