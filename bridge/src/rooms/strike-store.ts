import type { SqlDatabase } from '../store/sql-database.ts';
import { NO_STRIKES, type SeriesStrikes } from './series-strikes.ts';

/** Each recurring series' no-shows in a row, per room; every write joins the caller's transaction. */
export class StrikeStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  get(roomId: string, seriesId: string): SeriesStrikes {
    const row = this.#db.prepare('SELECT strikes, last_meeting_id, released_at FROM no_show_strikes WHERE room_id = ? AND series_id = ?').get(roomId, seriesId) as
      | { strikes: number; last_meeting_id: string | null; released_at: number | null }
      | undefined;
    return row ? { count: row.strikes, lastMeetingId: row.last_meeting_id, releasedAt: row.released_at } : NO_STRIKES;
  }

  save(roomId: string, seriesId: string, strikes: SeriesStrikes): void {
    this.#db
      .prepare(
        `INSERT INTO no_show_strikes (room_id, series_id, strikes, last_meeting_id, released_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (room_id, series_id) DO UPDATE SET strikes = excluded.strikes, last_meeting_id = excluded.last_meeting_id, released_at = excluded.released_at`,
      )
      .run(roomId, seriesId, strikes.count, strikes.lastMeetingId, strikes.releasedAt);
  }
}
