import { HOUR_MS, type Clock } from '../../../shared/clock.ts';
import type { SqlDatabase } from '../store/sql-database.ts';

/**
 * Which displays have a socket open to a bridge: the admin page's
 * Online/Offline, whether Identify can reach a display, and that a display
 * online now is never forgotten as stale.
 *
 * Rules every implementation keeps:
 * - `connected` counts one socket of the display; the function it returns
 *   uncounts it, once. A display is online while at least one of its sockets
 *   is counted, on any bridge process sharing the store.
 * - A socket counted by a process that died uncounts itself within 45 s.
 * - `isOnline` answers at once (no round trip), as the admin's list is made.
 * - `stop` uncounts every socket this process counted.
 */
export interface DisplayPresence {
  connected(displayId: string): () => void;
  isOnline(displayId: string): boolean;
  stop(): void;
}

/** One bridge process, alone: the sockets it holds are all there are. */
export class LocalPresence implements DisplayPresence {
  readonly #sockets = new Map<string, number>();

  connected(displayId: string): () => void {
    this.#sockets.set(displayId, (this.#sockets.get(displayId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#sockets.get(displayId) ?? 1) - 1;
      if (left > 0) this.#sockets.set(displayId, left);
      else this.#sockets.delete(displayId);
    };
  }

  isOnline(displayId: string): boolean {
    return this.#sockets.has(displayId);
  }

  stop(): void {
    this.#sockets.clear();
  }
}

/** How often a process says its displays are still connected, and how long that holds: a process stalled or dead stops counting within TTL. */
export const PRESENCE_RENEW_EVERY_MS = 15_000;
/** Two renewals and 15 s to spare: the machines' clocks, kept by NTP, may be that far apart. */
export const PRESENCE_TTL_MS = 45_000;

/**
 * Bridge processes sharing a store (a hub): each writes, for each display it
 * holds a socket of, a row that holds until a time it renews every 15 s, so
 * an admin page served by any process sees a display connected to another
 * as online, and one whose process died as offline within 45 s. A row is
 * written when a display's first socket in this process opens and deleted
 * when its last closes; renewing is one UPDATE for all of this process's rows.
 */
export class SharedPresence implements DisplayPresence {
  readonly #db: SqlDatabase;
  readonly #clock: Clock;
  readonly #processId: string;
  readonly #local = new LocalPresence();
  readonly #stopRenewing: () => void;

  constructor(db: SqlDatabase, clock: Clock, processId: string) {
    this.#db = db;
    this.#clock = clock;
    this.#processId = processId;
    const renew = (): (() => void) =>
      clock.setTimer(() => {
        this.#renew();
        stop = renew();
      }, PRESENCE_RENEW_EVERY_MS);
    let stop = renew();
    this.#stopRenewing = () => stop();
  }

  connected(displayId: string): () => void {
    const first = !this.#local.isOnline(displayId);
    const release = this.#local.connected(displayId);
    if (first) {
      this.#db
        .prepare('INSERT INTO display_connections (display_id, process_id, until) VALUES (?, ?, ?) ON CONFLICT (display_id, process_id) DO UPDATE SET until = excluded.until')
        .run(displayId, this.#processId, this.#clock.now() + PRESENCE_TTL_MS);
    }
    return () => {
      release();
      if (!this.#local.isOnline(displayId)) this.#db.prepare('DELETE FROM display_connections WHERE display_id = ? AND process_id = ?').run(displayId, this.#processId);
    };
  }

  isOnline(displayId: string): boolean {
    if (this.#local.isOnline(displayId)) return true;
    return this.#db.prepare('SELECT 1 AS online FROM display_connections WHERE display_id = ? AND until > ?').get(displayId, this.#clock.now()) !== undefined;
  }

  stop(): void {
    this.#stopRenewing();
    this.#local.stop();
    this.#db.prepare('DELETE FROM display_connections WHERE process_id = ?').run(this.#processId);
  }

  #renew(): void {
    const now = this.#clock.now();
    this.#db.prepare('UPDATE display_connections SET until = ? WHERE process_id = ?').run(now + PRESENCE_TTL_MS, this.#processId);
    // A dead process's rows no longer count; they are cleared an hour on, so a process that was only stalled finds its own to renew.
    this.#db.prepare('DELETE FROM display_connections WHERE until < ?').run(now - HOUR_MS);
  }
}
