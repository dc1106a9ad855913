import { MINUTE_MS } from '../../../shared/clock.ts';
import type { RoomUsage } from '../../../shared/insights.ts';
import type { Room } from '../../../shared/model.ts';
import type { Interval } from '../../../shared/time-zone.ts';
import { intersection, overlapsAny, totalMs, unionWithin } from './intervals.ts';
import type { MeetingUsage } from './meeting-history.ts';
import type { PresenceRow } from './presence-history.ts';

const ALL_TIME: Interval = { start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY };

export interface RoomUsageInput {
  room: Room;
  /** The room's local dates of the range, up to now: insights are about what happened. */
  window: Interval;
  /** The room's office hours within `window`. */
  office: readonly Interval[];
  /** The room's meetings that started within `window`. */
  meetings: readonly MeetingUsage[];
  /** The room's presence intervals around `window`. */
  presence: readonly PresenceRow[];
  /** Whether the room had a sensor in the range. */
  sensed: boolean;
  now: number;
}

/** A room's numbers, and what the overall numbers and the heatmap are made of. */
export interface RoomFigures {
  usage: RoomUsage;
  /** Each meeting's booked length, in minutes. */
  lengths: number[];
  /** The most people counted during each meeting held; none where the sensor counts no people. */
  people: number[];
  countsPeople: boolean;
  /** When the room was booked, and when people were seen (null without a sensor), within `window`. */
  booked: Interval[];
  occupied: Interval[] | null;
}

/**
 * One room's use over the range. A meeting belongs to the range it starts
 * in. Its booked time is from its start to its end as it went (extended,
 * ended early); a released no-show's only up to its release, when the room
 * was given back for others to take. Minutes count within office hours,
 * where the room was booked or seen used; meetings and presence overlapping
 * each other count once.
 */
export function roomUsage(input: RoomUsageInput): RoomFigures {
  const { room, window, office, meetings, presence, sensed, now } = input;
  const booked = unionWithin(meetings.map(heldSpan), window);
  const seen = unionWithin(presence.map((row) => ({ start: row.from, end: row.to })), ALL_TIME);
  const held = meetings.filter((meeting) => meeting.releasedAt === null);
  const countsPeople = presence.some((row) => row.maxPeople !== null);
  const lengths = meetings.map((meeting) => (meeting.bookedEnd - meeting.start) / MINUTE_MS);
  const people = countsPeople ? peopleAtMeetings(held, presence) : [];
  const usage: RoomUsage = {
    roomId: room.id,
    roomName: room.name,
    building: room.location.building,
    floor: room.location.floor,
    capacity: room.capacity,
    meetings: meetings.length,
    bookedMinutes: minutes(intersection(booked, office)),
    occupiedMinutes: sensed ? minutes(intersection(seen, office)) : null,
    officeMinutes: minutes(office),
    noShows: meetings.length - held.length,
    // Ran to its end, not cut short at the room, and nobody seen by the sensor meanwhile.
    ghostMeetings: sensed ? held.filter((meeting) => !meeting.endedEarly && meeting.end <= now && !overlapsAny(seen, meeting)).length : null,
    endedEarly: held.filter((meeting) => meeting.endedEarly).length,
    walkUps: meetings.filter((meeting) => meeting.origin !== 'calendar').length,
    walkUpsByPhone: meetings.filter((meeting) => meeting.origin === 'phone').length,
    medianMeetingMinutes: median(lengths),
    medianPeople: countsPeople ? median(people) : null,
  };
  return {
    usage,
    lengths,
    people,
    countsPeople,
    booked,
    occupied: sensed ? unionWithin(seen, window) : null,
  };
}

/** The time a meeting held the room. */
function heldSpan(meeting: MeetingUsage): Interval {
  const end = meeting.releasedAt === null ? meeting.end : Math.max(meeting.start, Math.min(meeting.end, meeting.releasedAt));
  return { start: meeting.start, end };
}

/** For each meeting, the most people a counting sensor saw during it; 0 when it saw nobody. */
function peopleAtMeetings(meetings: readonly MeetingUsage[], presence: readonly PresenceRow[]): number[] {
  const counted = presence.filter((row) => row.maxPeople !== null).sort((a, b) => a.from - b.from);
  // The latest end among each row and the ones before it: a backward scan stops once nothing earlier reaches the meeting.
  const reach: number[] = [];
  for (const row of counted) reach.push(Math.max(row.to, reach.at(-1) ?? Number.NEGATIVE_INFINITY));
  return meetings.map((meeting) => {
    let most = 0;
    for (let i = firstStartingAtOrAfter(counted, meeting.end) - 1; i >= 0 && reach[i]! > meeting.start; i--) {
      const row = counted[i]!;
      if (row.to > meeting.start) most = Math.max(most, row.maxPeople ?? 0);
    }
    return most;
  });
}

function firstStartingAtOrAfter(rows: readonly PresenceRow[], at: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (rows[middle]!.from < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

function minutes(intervals: readonly Interval[]): number {
  return Math.round(totalMs(intervals) / MINUTE_MS);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numbers natively: a building's year of meetings in milliseconds.
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
