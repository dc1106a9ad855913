import type { Meeting } from './model.ts';
import { startOfLocalDate, type Interval } from './time-zone.ts';

/** A meeting with the instants it occupies in its room's time zone. */
export interface ScheduledMeeting extends Interval {
  meeting: Meeting;
}

/** The instants a meeting occupies: all-day events cover whole local days of the room's zone. */
export function meetingSpan(meeting: Meeting, timeZone: string): Interval {
  if (meeting.allDay) {
    return { start: startOfLocalDate(meeting.start, timeZone), end: startOfLocalDate(meeting.end, timeZone) };
  }
  return { start: Date.parse(meeting.start), end: Date.parse(meeting.end) };
}

/** Meetings with their spans, in order of start then end; empty spans are dropped. */
export function schedule(meetings: readonly Meeting[], timeZone: string): ScheduledMeeting[] {
  return meetings
    .map((meeting) => ({ meeting, ...meetingSpan(meeting, timeZone) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Meetings that overlap `interval`, such as a local day: a meeting across midnight belongs to both days. */
export function meetingsOverlapping(meetings: readonly Meeting[], interval: Interval, timeZone: string): Meeting[] {
  return schedule(meetings, timeZone)
    .filter((s) => s.start < interval.end && s.end > interval.start)
    .map((s) => s.meeting);
}
