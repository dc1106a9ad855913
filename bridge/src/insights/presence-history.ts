import type { Interval } from '../../../shared/time-zone.ts';
import type { OccupancySource } from '../hardware/presence-log.ts';
import type { SqlDatabase } from '../store/sql-database.ts';
import { PackedReader, packedColumns } from './packed-rows.ts';

/** A time one of a room's sensors saw people there, from the moment it did to the moment it saw nobody (or last said so). */
export interface PresenceRow {
  roomId: string;
  source: OccupancySource;
  from: number;
  to: number;
  /** The most people it counted meanwhile; null for a sensor that does not count them. */
  maxPeople: number | null;
}

/**
 * When the rooms' sensors saw people (the `presence_history` table), one row
 * per room, sensor and interval, keyed by when the interval opened: its end
 * and its people are updated as the sensor goes on, so a repeated write
 * changes the row and never adds one.
 */
export class PresenceHistory {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  save(row: PresenceRow): void {
    this.#db
      .prepare(
        `INSERT INTO presence_history (room_id, source, from_at, to_at, max_people) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (room_id, source, from_at) DO UPDATE SET to_at = excluded.to_at, max_people = excluded.max_people`,
      )
      .run(row.roomId, row.source, row.from, row.to, row.maxPeople);
  }

  /** The rooms' intervals overlapping `window` (packed: see packed-rows.ts). */
  overlapping(roomIds: readonly string[], window: Interval): PresenceRow[] {
    if (roomIds.length === 0) return [];
    const rooms = this.#db
      .prepare(
        `SELECT room_id AS "roomId", ${packedColumns(['source', 'from_at', 'to_at', 'coalesce(max_people, -1)'])} AS "packed" FROM presence_history
         WHERE room_id IN (${roomIds.map(() => '?').join(', ')}) AND from_at < ? AND to_at > ? GROUP BY room_id`,
      )
      .all(...roomIds, window.end, window.start) as { roomId: string; packed: string }[];
    const intervals: PresenceRow[] = [];
    for (const { roomId, packed } of rooms) {
      for (const values = new PackedReader(packed); !values.done(); ) {
        intervals.push({ roomId, source: values.word() as OccupancySource, from: values.integer(), to: values.integer(), maxPeople: values.nullableInteger() });
      }
    }
    return intervals;
  }

  /** Forgets the intervals over before `cutoff`; returns how many. */
  pruneBefore(cutoff: number): number {
    return this.#db.prepare('DELETE FROM presence_history WHERE from_at < ? AND to_at < ?').run(cutoff, cutoff).changes;
  }
}
