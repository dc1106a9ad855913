import { MINUTE_MS } from './clock.ts';
import { schedule, type ScheduledMeeting } from './meeting-span.ts';
import type { Meeting, RoomSettings, RoomStatus } from './model.ts';

export interface RoomStatusView {
  status: RoomStatus;
  current: Meeting | null;
  next: Meeting[];
  /** Not busy: when the next meeting starts, or null when none follows. */
  freeUntil: number | null;
  /** Busy: when the room becomes free, following back-to-back and overlapping meetings. */
  busyUntil: number | null;
}

/** What the engine needs of a room: a stored room and the public view displays get both fit. */
export interface StatusRoom {
  timeZone: string;
  settings: Pick<RoomSettings, 'startingSoonMinutes' | 'checkIn'>;
}

/**
 * The room status engine: a pure function of the schedule, the time and the
 * room's settings. Bridge and display both run it, which is why a display
 * that has lost its bridge still turns Busy into Available on time.
 */
export function computeRoomStatus(meetings: readonly Meeting[], now: number, room: StatusRoom): RoomStatusView {
  const spans = schedule(meetings, room.timeZone);
  const current = currentMeeting(spans, now);
  const upcoming = spans.filter((s) => s.start > now);
  const next = upcoming.map((s) => s.meeting);

  if (current) {
    return {
      status: isAwaitingCheckIn(current, now, room) ? 'awaiting-check-in' : 'busy',
      current: current.meeting,
      next,
      freeUntil: null,
      busyUntil: endOfBusyStretch(spans, current.end),
    };
  }

  const first = upcoming[0];
  if (!first) return { status: 'available', current: null, next, freeUntil: null, busyUntil: null };

  let status: RoomStatus = 'available';
  if (isAwaitingCheckIn(first, now, room)) status = 'awaiting-check-in';
  else if (now >= first.start - room.settings.startingSoonMinutes * MINUTE_MS) status = 'starting-soon';
  return { status, current: null, next, freeUntil: first.start, busyUntil: null };
}

/**
 * The meeting the room is in now. When meetings overlap, a timed meeting is
 * more informative than an all-day one, and the earliest-started one is the
 * one people in the room are attending.
 */
export function currentMeeting(spans: readonly ScheduledMeeting[], now: number): ScheduledMeeting | undefined {
  const inProgress = spans.filter((s) => s.start <= now && now < s.end);
  return inProgress.find((s) => !s.meeting.allDay) ?? inProgress[0];
}

/** The check-in window runs from `beforeMinutes` before the start to `afterMinutes` after it. */
export function isInCheckInWindow(span: { start: number }, now: number, room: StatusRoom): boolean {
  const { beforeMinutes, afterMinutes } = room.settings.checkIn;
  return now >= span.start - beforeMinutes * MINUTE_MS && now < span.start + afterMinutes * MINUTE_MS;
}

function isAwaitingCheckIn(span: ScheduledMeeting, now: number, room: StatusRoom): boolean {
  return (
    room.settings.checkIn.required &&
    !span.meeting.allDay &&
    span.meeting.checkedInAt === null &&
    isInCheckInWindow(span, now, room)
  );
}

function endOfBusyStretch(spans: readonly ScheduledMeeting[], end: number): number {
  let stretchEnd = end;
  for (const s of spans) {
    if (s.start <= stretchEnd && s.end > stretchEnd) stretchEnd = s.end;
  }
  return stretchEnd;
}
