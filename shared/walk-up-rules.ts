import { floorToMinute, MINUTE_MS, toIso } from './clock.ts';
import { fail, ok, type Result } from './errors.ts';
import { visibleMeeting } from './meeting-privacy.ts';
import { schedule, type ScheduledMeeting } from './meeting-span.ts';
import { BOOK_NOW_MINUTES, EXTEND_MINUTES } from './constants.ts';
import { planBookLater } from './book-later-rules.ts';
import type { Meeting, TimedMeeting, WalkUpAction } from './model.ts';
import { currentMeeting, isInCheckInWindow, type StatusRoom } from './room-status.ts';
import { clockTime as clockTimeIn, MIN_BOOKING_MINUTES, walkUpBooking, walkUpSubject, type BookingRoom } from './walk-up-booking.ts';

/** What an accepted walk-up action does to the room's calendar. */
export type MeetingChange =
  | { kind: 'create'; meeting: TimedMeeting }
  | { kind: 'update'; meetingId: string; end?: string; checkedInAt?: string }
  | { kind: 'delete'; meetingId: string }
  /** A no-show given back: the calendar cancels or declines it rather than deleting it. */
  | { kind: 'release'; meetingId: string }
  | { kind: 'none' };

export interface WalkUpContext {
  meetings: readonly Meeting[];
  now: number;
  /** The privacy setting too: a refusal names the organizer only where the room shows it. */
  room: BookingRoom;
  /** Subject for a new booking, already in the room's language. */
  bookingSubject: string;
}


/**
 * The walk-up booking rules, one pure function that both the bridge (the
 * authority) and an offline display (which must not queue what cannot work)
 * run. The bridge's answer wins when the two disagree.
 */
export function planWalkUpAction(action: WalkUpAction, ctx: WalkUpContext): Result<MeetingChange> {
  const spans = schedule(ctx.meetings, ctx.room.timeZone);
  const current = currentMeeting(spans, ctx.now);
  switch (action.type) {
    case 'book-now':
      return planBookNow(action, spans, current, ctx);
    case 'book':
      return planBookLater(action, spans, ctx);
    case 'extend':
      return planExtend(action, spans, current, ctx);
    case 'end-now':
      return planEndNow(action, current, ctx);
    case 'check-in':
      return planCheckIn(action, spans, ctx);
  }
}

function planBookNow(
  action: Extract<WalkUpAction, { type: 'book-now' }>,
  spans: readonly ScheduledMeeting[],
  current: ScheduledMeeting | undefined,
  ctx: WalkUpContext,
): Result<MeetingChange> {
  if (current) {
    return fail('room-busy', `The room is in use until ${clockTime(current.end, ctx)}.`);
  }
  const start = floorToMinute(ctx.now);
  const next = spans.find((s) => s.start > ctx.now);
  const freeMs = next ? next.start - start : Number.POSITIVE_INFINITY;
  const maxMinutes = ctx.room.settings.maxBookingMinutes;
  let end: number;
  if (action.minutes === undefined) {
    end = start + Math.min(freeMs, untilNextCapMinutes(ctx.room) * MINUTE_MS);
    if (end - start < MIN_BOOKING_MINUTES * MINUTE_MS) {
      return fail('too-short', `The next meeting starts at ${clockTime(next?.start ?? end, ctx)}: less than ${MIN_BOOKING_MINUTES} min are free.`);
    }
  } else {
    if (action.minutes > maxMinutes) return fail('too-long', `This room is booked for at most ${maxMinutes} min at a time.`);
    end = start + action.minutes * MINUTE_MS;
    if (next && end > next.start) {
      return fail(
        'slot-taken',
        `${action.minutes} min would run into the meeting at ${clockTime(next.start, ctx)}; ${Math.floor(freeMs / MINUTE_MS)} min are free.`,
      );
    }
  }
  return ok({ kind: 'create', meeting: walkUpBooking(action.id, ctx.room, walkUpSubject(ctx.bookingSubject, action.name), start, end, ctx.now) });
}

/** Book now without a length takes the room until the next meeting, for at most an hour and at most the room's limit. */
function untilNextCapMinutes(room: Pick<BookingRoom, 'settings'>): number {
  return Math.min(60, room.settings.maxBookingMinutes);
}

function planExtend(
  action: Extract<WalkUpAction, { type: 'extend' }>,
  spans: readonly ScheduledMeeting[],
  current: ScheduledMeeting | undefined,
  ctx: WalkUpContext,
): Result<MeetingChange> {
  const target = requireCurrentTimed(action, current);
  if (!target.ok) return target;
  const span = target.data;
  if (span.meeting.organizedElsewhere) {
    const { organizer } = visibleMeeting(span.meeting, ctx.room.settings.privacy);
    const by = organizer ? ` by ${organizer}` : '';
    return fail('organized-elsewhere', `This meeting was booked${by} in their own calendar: only its organizer can extend it.`);
  }
  if (action.minutes === undefined) {
    const newEnd = Math.min(nextAfter(spans, span) ?? Number.POSITIVE_INFINITY, span.end + MAX_EXTEND_MINUTES * MINUTE_MS);
    if (newEnd - span.end < MIN_BOOKING_MINUTES * MINUTE_MS) {
      return fail('extend-conflict', `The room is booked from ${clockTime(newEnd, ctx)}: less than ${MIN_BOOKING_MINUTES} min are free after this meeting.`);
    }
    return ok({ kind: 'update', meetingId: span.meeting.id, end: toIso(newEnd) });
  }
  const newEnd = span.end + action.minutes * MINUTE_MS;
  const clash = spans.find((s) => s !== span && s.start < newEnd && s.end > span.end);
  if (clash) {
    return fail('extend-conflict', `The room is booked from ${clockTime(clash.start, ctx)}, so this meeting cannot run ${action.minutes} min longer.`);
  }
  return ok({ kind: 'update', meetingId: span.meeting.id, end: toIso(newEnd) });
}

/** The longest extension, and how far "until the next meeting" reaches at most. */
const MAX_EXTEND_MINUTES = Math.max(...EXTEND_MINUTES);

/** Where whatever holds the room after `span` begins: the earliest start of a meeting still running after it ends. */
function nextAfter(spans: readonly ScheduledMeeting[], span: ScheduledMeeting): number | undefined {
  const later = spans.filter((s) => s !== span && s.end > span.end).map((s) => s.start);
  return later.length > 0 ? Math.min(...later) : undefined;
}

function planEndNow(
  action: Extract<WalkUpAction, { type: 'end-now' }>,
  current: ScheduledMeeting | undefined,
  ctx: WalkUpContext,
): Result<MeetingChange> {
  const target = requireCurrentTimed(action, current);
  if (!target.ok) return target;
  const span = target.data;
  const end = floorToMinute(ctx.now);
  // Ended within its first minute: it never really took place, so it goes.
  if (end <= span.start) return ok({ kind: 'delete', meetingId: span.meeting.id });
  return ok({ kind: 'update', meetingId: span.meeting.id, end: toIso(end) });
}

function planCheckIn(
  action: Extract<WalkUpAction, { type: 'check-in' }>,
  spans: readonly ScheduledMeeting[],
  ctx: WalkUpContext,
): Result<MeetingChange> {
  const open = openForCheckIn(spans, ctx.now, ctx.room);
  const target = action.meetingId === undefined ? open[0] : open.find((s) => s.meeting.id === action.meetingId);
  if (!target) {
    if (action.meetingId !== undefined && open.length > 0) {
      return fail('meeting-changed', 'The meeting shown is no longer open for check-in.');
    }
    return fail('no-meeting-to-check-in', 'No meeting is open for check-in right now.');
  }
  if (target.meeting.checkedInAt !== null) return ok({ kind: 'none' });
  return ok({ kind: 'update', meetingId: target.meeting.id, checkedInAt: toIso(ctx.now) });
}

function requireCurrentTimed(
  action: { meetingId?: string | undefined },
  current: ScheduledMeeting | undefined,
): Result<ScheduledMeeting> {
  if (!current) return fail('no-current-meeting', 'No meeting is in progress.');
  if (action.meetingId !== undefined && action.meetingId !== current.meeting.id) {
    return fail('meeting-changed', 'The meeting shown has ended or changed meanwhile.');
  }
  if (current.meeting.allDay) return fail('not-allowed', 'An all-day event cannot be extended or ended from the room.');
  return ok(current);
}

function clockTime(ms: number, ctx: WalkUpContext): string {
  return clockTimeIn(ms, ctx.room.timeZone);
}

export interface BookingOptions {
  /** Lengths among 15/30/45/60 min that fit before the next meeting. */
  minutes: number[];
  /** "Until the next meeting", offered when that is shorter than an hour and no listed length matches it. */
  untilNext: number | null;
}

/** The book-now choices a display offers now: exactly those the bridge would accept. */
export function bookingOptions(meetings: readonly Meeting[], now: number, room: StatusRoom & Pick<BookingRoom, 'settings'>): BookingOptions {
  const spans = schedule(meetings, room.timeZone);
  if (currentMeeting(spans, now)) return { minutes: [], untilNext: null };
  const start = floorToMinute(now);
  const next = spans.find((s) => s.start > now);
  const freeMs = next ? next.start - start : Number.POSITIVE_INFINITY;
  const minutes = BOOK_NOW_MINUTES.filter((m) => m * MINUTE_MS <= freeMs && m <= room.settings.maxBookingMinutes);
  const offerUntilNext =
    next !== undefined &&
    freeMs < untilNextCapMinutes(room) * MINUTE_MS &&
    freeMs >= MIN_BOOKING_MINUTES * MINUTE_MS &&
    !minutes.some((m) => m * MINUTE_MS === freeMs);
  return { minutes, untilNext: offerUntilNext ? next.start : null };
}

/** The extensions of the current meeting that fit before whatever follows it. */
export function extendOptions(meetings: readonly Meeting[], now: number, room: StatusRoom): number[] {
  const spans = schedule(meetings, room.timeZone);
  const current = currentMeeting(spans, now);
  if (!current || current.meeting.allDay || current.meeting.organizedElsewhere) return [];
  return EXTEND_MINUTES.filter((m) => {
    const newEnd = current.end + m * MINUTE_MS;
    return !spans.some((s) => s !== current && s.start < newEnd && s.end > current.end);
  });
}

/**
 * "Extend until the next meeting": the next meeting's start, offered as book
 * now offers its own, when no listed extension reaches it exactly, and at
 * least 5 and under 30 min are free after the current meeting (with less than
 * 15 free, the only way to extend it at all).
 */
export function extendUntilNext(meetings: readonly Meeting[], now: number, room: StatusRoom): number | null {
  const spans = schedule(meetings, room.timeZone);
  const current = currentMeeting(spans, now);
  if (!current || current.meeting.allDay || current.meeting.organizedElsewhere) return null;
  const next = nextAfter(spans, current);
  if (next === undefined) return null;
  const freeMs = next - current.end;
  const offered = freeMs >= MIN_BOOKING_MINUTES * MINUTE_MS && freeMs < MAX_EXTEND_MINUTES * MINUTE_MS && !EXTEND_MINUTES.some((m) => m * MINUTE_MS === freeMs);
  return offered ? next : null;
}

/** Timed meetings whose check-in window is open now, whether or not someone already checked in. */
function openForCheckIn(spans: readonly ScheduledMeeting[], now: number, room: StatusRoom): ScheduledMeeting[] {
  return spans.filter((s) => !s.meeting.allDay && isInCheckInWindow(s, now, room) && now < s.end);
}

/**
 * The meeting a check-in now would check in (a Check in button, or someone
 * sharing a screen), if any. Not the next meeting while one checked in is
 * still under way: the people in the room are that meeting's, and a tap (or
 * their screen still shared) must not check in the next one; its window goes
 * on after this one ends.
 */
export function checkInCandidate(meetings: readonly Meeting[], now: number, room: StatusRoom): Meeting | null {
  const spans = schedule(meetings, room.timeZone);
  const underWay = spans.find((s) => !s.meeting.allDay && s.meeting.checkedInAt !== null && s.start <= now && now < s.end);
  return openForCheckIn(spans, now, room).find((s) => s.meeting.checkedInAt === null && (underWay === undefined || s.start < underWay.start))?.meeting ?? null;
}

function releaseDeadline(span: ScheduledMeeting, room: StatusRoom): number {
  return span.start + room.settings.checkIn.afterMinutes * MINUTE_MS;
}

function mayBeReleased(span: ScheduledMeeting): boolean {
  return !span.meeting.allDay && span.meeting.checkedInAt === null;
}

/**
 * Meetings to release now: nobody checked in by the end of the window and
 * the meeting is still running. One that already ended is left alone: there
 * is nothing left to give back.
 */
export function dueNoShows(meetings: readonly Meeting[], now: number, room: StatusRoom): Meeting[] {
  if (!room.settings.checkIn.releaseNoShows) return [];
  return schedule(meetings, room.timeZone)
    .filter((s) => mayBeReleased(s) && releaseDeadline(s, room) <= now && now < s.end)
    .map((s) => s.meeting);
}

/** When the next check-in window closes, or null when no release can come. */
export function nextNoShowDeadline(meetings: readonly Meeting[], now: number, room: StatusRoom): number | null {
  if (!room.settings.checkIn.releaseNoShows) return null;
  const deadlines = schedule(meetings, room.timeZone)
    .filter((s) => mayBeReleased(s) && releaseDeadline(s, room) > now && releaseDeadline(s, room) < s.end)
    .map((s) => releaseDeadline(s, room));
  return deadlines.length > 0 ? Math.min(...deadlines) : null;
}
