import { HOUR_MS } from '../../../shared/clock.ts';
import type { Result } from '../../../shared/errors.ts';
import { Meeting, Room, RoomNotice, RoomState } from '../../../shared/model.ts';
import type { SqlDatabase } from './sql-database.ts';


/** A walk-up action as it was first received and answered, kept so a retry gets the same answer. */
export interface ActionRecord {
  id: string;
  roomId: string;
  request: string;
  result: Result<RoomState>;
  appliedAt: number;
}

interface MeetingRow {
  data: string;
}

/**
 * The bridge's durable store: rooms, their meetings and the walk-up actions
 * already answered. Rows are JSON validated by the shared schemas on the way
 * out, so a damaged row fails loudly instead of reaching a display.
 */
export class RoomStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** The database the store keeps its rows in, for the other tables beside the rooms. */
  get database(): SqlDatabase {
    return this.#db;
  }

  /** Runs `work` in one write transaction: all of it is stored, or none of it (SqlDatabase's rules). */
  transaction<T>(work: () => T): T {
    return this.#db.transaction(work);
  }

  listRooms(): Room[] {
    const rows = this.#db.prepare('SELECT data FROM rooms ORDER BY id').all() as { data: string }[];
    return rows.map((row) => Room.parse(JSON.parse(row.data)));
  }

  getRoom(roomId: string): Room | undefined {
    const row = this.#db.prepare('SELECT data FROM rooms WHERE id = ?').get(roomId) as { data: string } | undefined;
    return row ? Room.parse(JSON.parse(row.data)) : undefined;
  }

  saveRoom(room: Room, now: number): void {
    this.#db
      .prepare('INSERT INTO rooms (id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at')
      .run(room.id, JSON.stringify(Room.parse(room)), now);
  }

  roomUpdatedAt(roomId: string): number | undefined {
    const row = this.#db.prepare('SELECT updated_at FROM rooms WHERE id = ?').get(roomId) as { updated_at: number } | undefined;
    return row?.updated_at;
  }

  touchRoom(roomId: string, now: number): void {
    this.#db.prepare('UPDATE rooms SET updated_at = ? WHERE id = ?').run(now, roomId);
  }

  /** Meetings of a room that may overlap [from, to); callers narrow all-day events with the room's zone. */
  meetingsBetween(roomId: string, from: number, to: number): Meeting[] {
    const rows = this.#db
      .prepare('SELECT data FROM meetings WHERE room_id = ? AND span_end > ? AND span_start < ?')
      .all(roomId, from, to) as MeetingRow[];
    return rows.map((row) => Meeting.parse(JSON.parse(row.data)));
  }

  getMeeting(meetingId: string): Meeting | undefined {
    const row = this.#db.prepare('SELECT data FROM meetings WHERE id = ?').get(meetingId) as MeetingRow | undefined;
    return row ? Meeting.parse(JSON.parse(row.data)) : undefined;
  }

  saveMeeting(meeting: Meeting): void {
    const valid = Meeting.parse(meeting);
    const { start, end } = indexSpan(valid);
    this.#db
      .prepare(
        `INSERT INTO meetings (id, room_id, span_start, span_end, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET room_id = excluded.room_id, span_start = excluded.span_start, span_end = excluded.span_end, data = excluded.data`,
      )
      .run(valid.id, valid.roomId, start, end, JSON.stringify(valid));
  }

  deleteMeeting(meetingId: string): void {
    this.#db.prepare('DELETE FROM meetings WHERE id = ?').run(meetingId);
  }

  findAction(actionId: string): ActionRecord | undefined {
    const row = this.#db.prepare('SELECT id, room_id, request, result, applied_at FROM walk_up_actions WHERE id = ?').get(actionId) as
      | { id: string; room_id: string; request: string; result: string; applied_at: number }
      | undefined;
    if (!row) return undefined;
    return { id: row.id, roomId: row.room_id, request: row.request, result: JSON.parse(row.result) as Result<RoomState>, appliedAt: row.applied_at };
  }

  /** Forgets answers given before `cutoff`; returns how many. */
  pruneActions(cutoff: number): number {
    return this.#db.prepare('DELETE FROM walk_up_actions WHERE applied_at < ?').run(cutoff).changes;
  }

  addNotice(roomId: string, notice: RoomNotice): void {
    const valid = RoomNotice.parse(notice);
    this.#db
      .prepare('INSERT INTO room_notices (id, room_id, data, at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(valid.id, roomId, JSON.stringify(valid), Date.parse(valid.at));
  }

  /** The room's notices given at or after `since`, newest first. */
  noticesSince(roomId: string, since: number): RoomNotice[] {
    const rows = this.#db.prepare('SELECT data FROM room_notices WHERE room_id = ? AND at >= ? ORDER BY at DESC').all(roomId, since) as { data: string }[];
    return rows.map((row) => RoomNotice.parse(JSON.parse(row.data)));
  }

  pruneNotices(cutoff: number): number {
    return this.#db.prepare('DELETE FROM room_notices WHERE at < ?').run(cutoff).changes;
  }

  recordAction(record: ActionRecord): void {
    this.#db
      .prepare('INSERT INTO walk_up_actions (id, room_id, request, result, applied_at) VALUES (?, ?, ?, ?, ?)')
      .run(record.id, record.roomId, record.request, JSON.stringify(record.result), record.appliedAt);
  }
}

/**
 * The span used to find a meeting by time. An all-day event's instants depend
 * on the room's zone, so its index span is widened by the largest UTC offsets
 * (-12 h to +14 h) and the status engine narrows it exactly.
 */
function indexSpan(meeting: Meeting): { start: number; end: number } {
  if (!meeting.allDay) return { start: Date.parse(meeting.start), end: Date.parse(meeting.end) };
  return { start: Date.parse(`${meeting.start}T00:00:00Z`) - 14 * HOUR_MS, end: Date.parse(`${meeting.end}T00:00:00Z`) + 12 * HOUR_MS };
}
