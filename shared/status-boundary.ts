import { MINUTE_MS } from './clock.ts';
import { schedule } from './meeting-span.ts';
import type { Meeting } from './model.ts';
import type { StatusRoom } from './room-status.ts';

/**
 * The first instant after `now` at which computeRoomStatus may answer
 * differently for the same meetings: a meeting starts or ends, one comes
 * within the room's "starting soon" threshold, or a check-in window opens or
 * closes. Between two such instants the status, free-until and busy-until
 * stay the same; null when none comes (nothing more in `meetings`).
 */
export function nextStatusChange(meetings: readonly Meeting[], now: number, room: StatusRoom): number | null {
  const { startingSoonMinutes, checkIn } = room.settings;
  const instants = schedule(meetings, room.timeZone).flatMap((span) => [
    span.start,
    span.end,
    span.start - startingSoonMinutes * MINUTE_MS,
    ...(checkIn.required && !span.meeting.allDay ? [span.start - checkIn.beforeMinutes * MINUTE_MS, span.start + checkIn.afterMinutes * MINUTE_MS] : []),
  ]);
  const later = instants.filter((instant) => instant > now);
  return later.length === 0 ? null : Math.min(...later);
}
