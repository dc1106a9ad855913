import type { TimedMeeting } from '../../../shared/model.ts';
import type { Interval } from '../../../shared/time-zone.ts';
import type { RoomHistory, WalkUpMaker } from '../rooms/room-history.ts';
import type { SqlDatabase, SqlValue } from '../store/sql-database.ts';
import { PackedReader, packedColumns } from './packed-rows.ts';

/** Who made a meeting: the calendar (Outlook, another system), or the room itself (a walk-up booking). */
export type MeetingOrigin = 'calendar' | WalkUpMaker;

/** A meeting as it was booked and as it went: no subject, no organizer, private or not. */
export interface MeetingHistoryRow {
  roomId: string;
  meetingId: string;
  start: number;
  /** Its end as booked: what the calendar said until it started. */
  bookedEnd: number;
  /** Its end as it went: extended, ended early, or as booked. */
  end: number;
  origin: MeetingOrigin;
  checkedInAt: number | null;
  /** When it was released as a no-show; null for a meeting that was not. */
  releasedAt: number | null;
  /** Shortened after it started: End now at the room, a shorter booking, or taken off the calendar while it ran. */
  endedEarly: boolean;
}

/** What insights read of a meeting: when it held the room, and how it went. */
export type MeetingUsage = Omit<MeetingHistoryRow, 'meetingId' | 'checkedInAt'>;

const COLUMNS = `room_id AS "roomId", meeting_id AS "meetingId", start_at AS "start", booked_end_at AS "bookedEnd", end_at AS "end", origin,
  checked_in_at AS "checkedInAt", released_at AS "releasedAt", ended_early AS "endedEarly"`;

const INSERT = `INSERT INTO meeting_history (room_id, meeting_id, start_at, booked_end_at, end_at, origin, checked_in_at, released_at, ended_early)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

type StoredRow = Omit<MeetingHistoryRow, 'endedEarly'> & { endedEarly: number };

/**
 * The meetings of the rooms as they happened (the `meeting_history` table),
 * one row per room and meeting: written when a meeting is first seen and
 * updated after, so a meeting seen again (a repeated sync, a retried
 * action, several bridge processes) is still one meeting.
 */
export class MeetingHistory implements RoomHistory {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** The room's rows of meetings overlapping `window`. */
  overlapping(roomId: string, window: Interval): MeetingHistoryRow[] {
    const rows = this.#db.prepare(`SELECT ${COLUMNS} FROM meeting_history WHERE room_id = ? AND start_at < ? AND end_at > ?`).all(roomId, window.end, window.start);
    return (rows as StoredRow[]).map(fromStored);
  }

  /** The rooms' meetings that start within `window`, as insights read them (packed: see packed-rows.ts). */
  usageStartingIn(roomIds: readonly string[], window: Interval): MeetingUsage[] {
    if (roomIds.length === 0) return [];
    const rooms = this.#db
      .prepare(
        `SELECT room_id AS "roomId", ${packedColumns(['start_at', 'booked_end_at', 'end_at', 'origin', 'coalesce(released_at, -1)', 'ended_early'])} AS "packed"
         FROM meeting_history WHERE room_id IN (${roomIds.map(() => '?').join(', ')}) AND start_at >= ? AND start_at < ? GROUP BY room_id`,
      )
      .all(...roomIds, window.start, window.end) as { roomId: string; packed: string }[];
    const meetings: MeetingUsage[] = [];
    for (const { roomId, packed } of rooms) {
      for (const values = new PackedReader(packed); !values.done(); ) {
        meetings.push({
          roomId,
          start: values.integer(),
          bookedEnd: values.integer(),
          end: values.integer(),
          origin: values.word() as MeetingOrigin,
          releasedAt: values.nullableInteger(),
          endedEarly: values.integer() === 1,
        });
      }
    }
    return meetings;
  }

  /** The meeting as the calendar shows it; who made it and its release are kept as first written (walkUpBooked, releasedNoShow). */
  save(row: MeetingHistoryRow): void {
    this.#db
      .prepare(
        `${INSERT} ON CONFLICT (room_id, meeting_id) DO UPDATE SET start_at = excluded.start_at, booked_end_at = excluded.booked_end_at, end_at = excluded.end_at,
           checked_in_at = excluded.checked_in_at, ended_early = excluded.ended_early`,
      )
      .run(...toStored(row));
  }

  forget(roomId: string, meetingId: string): void {
    this.#db.prepare('DELETE FROM meeting_history WHERE room_id = ? AND meeting_id = ?').run(roomId, meetingId);
  }

  walkUpBooked(roomId: string, meeting: TimedMeeting, madeAt: WalkUpMaker): void {
    this.#db
      .prepare(
        `${INSERT} ON CONFLICT (room_id, meeting_id) DO UPDATE SET origin = excluded.origin`,
      )
      .run(...toStored({ ...firstSight(roomId, meeting), origin: madeAt }));
  }

  releasedNoShow(roomId: string, meeting: TimedMeeting, at: number): void {
    this.#db
      .prepare(
        `${INSERT} ON CONFLICT (room_id, meeting_id) DO UPDATE SET released_at = excluded.released_at`,
      )
      .run(...toStored({ ...firstSight(roomId, meeting), releasedAt: at }));
  }

  /** Forgets the meetings that started before `cutoff`; returns how many. */
  pruneBefore(cutoff: number): number {
    return this.#db.prepare('DELETE FROM meeting_history WHERE start_at < ?').run(cutoff).changes;
  }
}

/** A meeting's row as the calendar shows it when the history first hears of it. */
export function firstSight(roomId: string, meeting: TimedMeeting): MeetingHistoryRow {
  const end = Date.parse(meeting.end);
  return {
    roomId,
    meetingId: meeting.id,
    start: Date.parse(meeting.start),
    bookedEnd: end,
    end,
    // A walk-up booking is made through the room's service, which says where (walkUpBooked); one it did not see was made at a panel.
    origin: meeting.origin === 'walk-up' ? 'panel' : 'calendar',
    checkedInAt: meeting.checkedInAt === null ? null : Date.parse(meeting.checkedInAt),
    releasedAt: null,
    endedEarly: false,
  };
}

function toStored(row: MeetingHistoryRow): SqlValue[] {
  return [row.roomId, row.meetingId, row.start, row.bookedEnd, row.end, row.origin, row.checkedInAt, row.releasedAt, row.endedEarly ? 1 : 0];
}

function fromStored(row: StoredRow): MeetingHistoryRow {
  return { ...row, endedEarly: row.endedEarly === 1 };
}
