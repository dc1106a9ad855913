import { DAY_MS, type Clock } from '../../../shared/clock.ts';
import type { Meeting, Room, TimedMeeting } from '../../../shared/model.ts';
import { roomLease, soleOwnership, type SyncOwnership } from '../cluster/sync-ownership.ts';
import type { Logger } from '../logger.ts';
import type { ChangeOrigin } from '../rooms/room-service.ts';
import type { SqlDatabase } from '../store/sql-database.ts';
import type { MeetingHistory, MeetingHistoryRow } from './meeting-history.ts';
import { goneRow, seenRow } from './meeting-observation.ts';

/** What the recorder follows: each room's schedule as the bridge keeps it, and its changes. */
export interface RoomSchedules {
  roomIds(): string[];
  roomOf(roomId: string): Room | undefined;
  /** The room's meetings from a day before `now` to two days after. */
  meetingsAround(room: Room, now: number): Meeting[];
  onRoomChanged(listener: (roomId: string, origin: ChangeOrigin) => void): () => void;
}

export interface MeetingRecorderDeps {
  schedules: RoomSchedules;
  history: MeetingHistory;
  database: SqlDatabase;
  clock: Clock;
  logger: Logger;
  /** Among bridge processes sharing the store, a room's meetings are recorded by its lease holder only. */
  ownership?: SyncOwnership | undefined;
}

/**
 * Keeps the history of the rooms' meetings as their calendars show them over
 * time: read whenever a room changes (a sync, an action, a release, the day
 * rolling over at the room's midnight, which every meeting passes twice
 * before it starts), and at start for what changed while the bridge was
 * down. The calendar is compared with the rows of the same days, so a
 * meeting that moved, ran longer, ended early or went is recorded as such.
 */
export class MeetingRecorder {
  readonly #deps: MeetingRecorderDeps;
  readonly #ownership: SyncOwnership;
  readonly #stops: (() => void)[] = [];

  constructor(deps: MeetingRecorderDeps) {
    this.#deps = deps;
    this.#ownership = deps.ownership ?? soleOwnership;
  }

  start(): void {
    const { schedules } = this.#deps;
    this.#stops.push(
      schedules.onRoomChanged((roomId) => this.#record(roomId)),
      this.#ownership.onGained(() => this.#recordAll()),
    );
    this.#recordAll();
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }

  #recordAll(): void {
    for (const roomId of this.#deps.schedules.roomIds()) this.#record(roomId);
  }

  /** A room that cannot be recorded now (the store away) is recorded whole at its next change: nothing else waits for it. */
  #record(roomId: string): void {
    if (!this.#ownership.owns(roomLease(roomId))) return;
    try {
      this.#recordOwned(roomId);
    } catch (error) {
      this.#deps.logger.warn({ err: error, roomId }, "could not record the room's meetings in the history");
    }
  }

  #recordOwned(roomId: string): void {
    const { schedules, history, database, clock } = this.#deps;
    const room = schedules.roomOf(roomId);
    if (!room) return;
    const now = clock.now();
    const window = { start: now - DAY_MS, end: now + 2 * DAY_MS };
    // The calendar and the rows are read in the write transaction: a walk-up booked by another process meanwhile is in both or in neither.
    database.transaction(() => {
      const meetings = schedules.meetingsAround(room, now).filter((meeting): meeting is TimedMeeting => !meeting.allDay);
      const rows = new Map(history.overlapping(roomId, window).map((row) => [row.meetingId, row]));
      for (const meeting of meetings) {
        const row = rows.get(meeting.id);
        rows.delete(meeting.id);
        saveChanged(history, row, seenRow(row, roomId, meeting, now));
      }
      for (const row of rows.values()) {
        const gone = goneRow(row, now);
        if (gone === null) history.forget(roomId, row.meetingId);
        else saveChanged(history, row, gone);
      }
    });
  }
}

/** Writes only what changed: a room changes far more often (occupancy, notices) than its meetings. */
function saveChanged(history: MeetingHistory, before: MeetingHistoryRow | undefined, after: MeetingHistoryRow): void {
  const changed = before === undefined || (Object.keys(after) as (keyof MeetingHistoryRow)[]).some((field) => before[field] !== after[field]);
  if (changed) history.save(after);
}
