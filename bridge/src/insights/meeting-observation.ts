import { floorToMinute, MINUTE_MS } from '../../../shared/clock.ts';
import type { TimedMeeting } from '../../../shared/model.ts';
import { firstSight, type MeetingHistoryRow } from './meeting-history.ts';

/**
 * A meeting's row once the room's calendar was read at `now` and showed it.
 * Until it starts, it is booked as the calendar says (moved, shortened,
 * lengthened); once it started, its booked end stays and the calendar's end
 * is how it went: later when extended, earlier when ended early.
 */
export function seenRow(row: MeetingHistoryRow | undefined, roomId: string, meeting: TimedMeeting, now: number): MeetingHistoryRow {
  const seen = firstSight(roomId, meeting);
  if (!row) return seen;
  // Moved to another start (one that may already have passed): booked anew.
  const rebooked = seen.start > now || seen.start !== row.start;
  return {
    ...row,
    start: seen.start,
    bookedEnd: rebooked ? seen.end : row.bookedEnd,
    end: seen.end,
    checkedInAt: seen.checkedInAt ?? row.checkedInAt,
    endedEarly: !rebooked && (row.endedEarly || seen.end < row.end),
  };
}

/**
 * A meeting's row once the room's calendar was read at `now` and no longer
 * showed it: null when it is not to be counted at all. A meeting taken off
 * before it started, or within its first minute (as End now then deletes
 * it), never took place. One released as a no-show, or already over
 * (calendars forget old meetings), stays as it was. One taken off while it
 * ran ended then.
 */
export function goneRow(row: MeetingHistoryRow, now: number): MeetingHistoryRow | null {
  if (row.releasedAt !== null || row.end <= now) return row;
  if (now < row.start + MINUTE_MS) return null;
  return { ...row, end: floorToMinute(now), endedEarly: true };
}
