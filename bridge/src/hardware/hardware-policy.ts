import { MINUTE_MS } from '../../../shared/clock.ts';
import { schedule } from '../../../shared/meeting-span.ts';
import type { Meeting, Room, RoomStatus } from '../../../shared/model.ts';
import { computeRoomStatus, currentMeeting } from '../../../shared/room-status.ts';
import { localTimeOnDayOf, localWeekdayOf } from '../../../shared/time-zone.ts';
import { meetingEndsBanner } from '../../../shared/walk-up-subject.ts';
import type { DesiredUnitState } from '../devices/base-unit/unit-session.ts';

export interface PolicyInput {
  room: Room;
  /** The room's meetings around now (yesterday to tomorrow is plenty). */
  meetings: readonly Meeting[];
  now: number;
  /** Someone is sharing a screen through the unit. */
  sharing: boolean;
  /** A WAKE press or people seen keep the monitor on until then. */
  wakeUntil: number | null;
  /** The calendar has not been confirmed lately (a remote calendar unreachable): the schedule may be wrong. */
  calendarStale: boolean;
}

const LED_FOR_STATUS: Record<RoomStatus, DesiredUnitState['led']> = {
  available: { color: 'GREEN', mode: 'SOLID' },
  busy: { color: 'RED', mode: 'SOLID' },
  'starting-soon': { color: 'AMBER', mode: 'PULSE' },
  'awaiting-check-in': { color: 'AMBER', mode: 'PULSE' },
};

export function isOfficeHours(room: Room, now: number): boolean {
  const { start, end, days } = room.settings.officeHours;
  if (!days.includes(localWeekdayOf(now, room.timeZone))) return false;
  return now >= localTimeOnDayOf(now, start, room.timeZone) && now < localTimeOnDayOf(now, end, room.timeZone);
}

/**
 * What the base unit should show, from the calendar and the clock (SPEC
 * section 8): the light ring says the room's status (blue blinking when the
 * calendar cannot be confirmed); the monitor is on in
 * office hours, from shortly before any meeting, for a while after the last
 * one and when woken, and in standby (light off) otherwise; a banner warns a
 * presenter shortly before the meeting ends.
 */
export function desiredUnitState(input: PolicyInput): DesiredUnitState {
  const { room, meetings, now, sharing, wakeUntil, calendarStale } = input;
  const hardware = room.settings.hardware;
  const spans = schedule(meetings, room.timeZone).filter((s) => !s.meeting.allDay);
  const current = currentMeeting(spans, now);
  const soon = spans.some((s) => s.start > now && s.start - now <= hardware.powerOnBeforeMeetingMinutes * MINUTE_MS);
  const recentlyEnded = spans.some((s) => s.end <= now && now - s.end < hardware.standbyAfterIdleMinutes * MINUTE_MS);
  const awake = isOfficeHours(room, now) || current !== undefined || soon || recentlyEnded || (wakeUntil !== null && now < wakeUntil);
  if (!awake) return { power: 'STANDBY', led: { color: 'OFF', mode: 'SOLID' }, banner: null };

  const status = computeRoomStatus(meetings, now, room).status;
  const endsSoon = current !== undefined && current.end - now <= hardware.bannerBeforeEndMinutes * MINUTE_MS;
  return {
    power: 'ON',
    // Honest status: a light that may be wrong says so instead of guessing green or red.
    led: calendarStale ? { color: 'BLUE', mode: 'BLINK' } : LED_FOR_STATUS[status],
    banner: sharing && endsSoon ? meetingEndsBanner(room.settings.language, hardware.bannerBeforeEndMinutes) : null,
  };
}
