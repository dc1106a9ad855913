import { MINUTE_MS } from '../../../shared/clock.ts';
import { BOOK_NOW_MINUTES } from '../../../shared/constants.ts';
import { schedule } from '../../../shared/meeting-span.ts';
import type { Meeting, RoomSettings } from '../../../shared/model.ts';
import type { Messages } from '../i18n/messages.ts';
import type { Formatters } from './format.ts';

/** Why a booking from some start is offered shorter than the longest length: the room's own limit, or the next meeting. */
export type BookingLimit = { kind: 'room-limit'; minutes: number } | { kind: 'next-meeting'; at: number };

const LONGEST_MS = Math.max(...BOOK_NOW_MINUTES) * MINUTE_MS;

/**
 * What cuts the lengths offered from `start`, so the display can say why a
 * choice is missing; null when nothing does. When both cut, the nearer one
 * is the reason (at a tie, the meeting: it is the thing people can see).
 */
export function bookingLimit(
  meetings: readonly Meeting[],
  room: { timeZone: string; settings: Pick<RoomSettings, 'maxBookingMinutes'> },
  start: number,
): BookingLimit | null {
  const next = schedule(meetings, room.timeZone).find((s) => s.start > start);
  const roomLimitMs = room.settings.maxBookingMinutes * MINUTE_MS;
  const freeMs = next ? next.start - start : Number.POSITIVE_INFINITY;
  if (Math.min(roomLimitMs, freeMs) >= LONGEST_MS) return null;
  if (next && freeMs <= roomLimitMs) return { kind: 'next-meeting', at: next.start };
  return { kind: 'room-limit', minutes: room.settings.maxBookingMinutes };
}

/** The short line saying why: "Up to 30 min in this room", "Next meeting at 15:30". */
export function limitText(limit: BookingLimit | null, t: Pick<Messages, 'upToMinutes' | 'nextMeetingAt'>, format: Pick<Formatters, 'minutes' | 'time'>): string | null {
  if (limit === null) return null;
  return limit.kind === 'room-limit' ? t.upToMinutes(format.minutes(limit.minutes)) : t.nextMeetingAt(format.time(limit.at));
}
