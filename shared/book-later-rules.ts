import { floorToMinute, MINUTE_MS } from './clock.ts';
import { BOOK_NOW_MINUTES } from './constants.ts';
import { fail, ok, type Result } from './errors.ts';
import { schedule, type ScheduledMeeting } from './meeting-span.ts';
import type { Meeting, WalkUpAction } from './model.ts';
import { bookableUntil, clockTime, MIN_BOOKING_MINUTES, walkUpBooking, walkUpSubject, type BookingRoom } from './walk-up-booking.ts';
import type { BookingOptions, MeetingChange, WalkUpContext } from './walk-up-rules.ts';

/** A free gap shorter than this is not offered for later: it is the slack between meetings. */
const MIN_SLOT_MINUTES = 15;

/**
 * Booking a later slot from the room ("book later"): the same rules as book
 * now, for a start the person chose. Refused when the start has passed, when
 * the slot runs past the last day the room books ahead, when it is longer than
 * the room allows or overlaps a meeting. Made now or within the current
 * minute, it is checked in as book now is; later, it waits for its own
 * check-in like any meeting.
 */
export function planBookLater(action: Extract<WalkUpAction, { type: 'book' }>, spans: readonly ScheduledMeeting[], ctx: WalkUpContext): Result<MeetingChange> {
  const { room, now } = ctx;
  const start = floorToMinute(Date.parse(action.start));
  const end = start + action.minutes * MINUTE_MS;
  if (start < floorToMinute(now)) return fail('in-the-past', `${clockTime(start, room.timeZone)} has passed: choose a later start.`);
  if (action.minutes > room.settings.maxBookingMinutes) return fail('too-long', `This room is booked for at most ${room.settings.maxBookingMinutes} min at a time.`);
  if (action.minutes < MIN_BOOKING_MINUTES) return fail('too-short', `A booking takes at least ${MIN_BOOKING_MINUTES} min.`);
  if (end > bookableUntil(now, room)) {
    const days = room.settings.bookAheadDays;
    return fail('too-far-ahead', days === 0 ? 'This room is booked from its display for today only.' : `This room is booked from its display at most ${days} days ahead.`);
  }
  const clash = spans.find((s) => s.start < end && s.end > start);
  if (clash) return fail('slot-taken', `The room is booked from ${clockTime(clash.start, room.timeZone)} to ${clockTime(clash.end, room.timeZone)}.`);
  const checkedInAt = start <= now ? now : null;
  return ok({ kind: 'create', meeting: walkUpBooking(action.id, room, walkUpSubject(ctx.bookingSubject, action.name), start, end, checkedInAt) });
}

/** A free stretch of today after now, long enough to book for later. */
export interface FreeSlot {
  start: number;
  end: number;
}

/**
 * Today's free stretches that start after the current minute, as the agenda
 * and timeline offer them: the stretch the room is in now is book now's.
 */
export function laterSlots(meetings: readonly Meeting[], now: number, room: BookingRoom): FreeSlot[] {
  const spans = schedule(meetings, room.timeZone);
  const dayEnd = bookableUntil(now, { ...room, settings: { ...room.settings, bookAheadDays: 0 } });
  const slots: FreeSlot[] = [];
  let free = floorToMinute(now);
  for (const span of [...spans, { start: dayEnd, end: dayEnd }]) {
    const start = free;
    const end = Math.min(span.start, dayEnd);
    if (end - start >= MIN_SLOT_MINUTES * MINUTE_MS && start > floorToMinute(now)) slots.push({ start, end });
    free = Math.max(free, span.end);
    if (free >= dayEnd) break;
  }
  return slots;
}

/** The lengths a later slot from `start` offers: exactly those the bridge would accept. */
export function laterOptions(meetings: readonly Meeting[], now: number, room: BookingRoom, start: number): BookingOptions {
  const spans = schedule(meetings, room.timeZone);
  if (start < floorToMinute(now) || spans.some((s) => s.start <= start && s.end > start)) return { minutes: [], untilNext: null };
  const next = spans.find((s) => s.start > start);
  const limit = Math.min(next?.start ?? Number.POSITIVE_INFINITY, bookableUntil(now, room), start + room.settings.maxBookingMinutes * MINUTE_MS);
  const freeMs = limit - start;
  const minutes = BOOK_NOW_MINUTES.filter((m) => m * MINUTE_MS <= freeMs);
  const untilNext = next !== undefined && next.start === limit && freeMs >= MIN_BOOKING_MINUTES * MINUTE_MS && !minutes.some((m) => m * MINUTE_MS === freeMs);
  return { minutes, untilNext: untilNext ? next.start : null };
}
