import { weekdayOf, type PlannedMeeting, type PlannedPresence, type UsageMonth } from './usage-month.ts';

/** Office hours as every room of the month has them (the defaults): 08:00 to 18:00, Monday to Friday. */
const OFFICE = { from: 8 * 60, to: 18 * 60 };

export interface ExpectedNumbers {
  meetings: number;
  bookedMinutes: number;
  occupiedMinutes: number | null;
  officeMinutes: number;
  noShows: number;
  ghostMeetings: number | null;
  endedEarly: number;
  walkUps: number;
  walkUpsByPhone: number;
  medianMeetingMinutes: number | null;
  medianPeople: number | null;
}

/**
 * What insights should say of the month, counted on its wall-clock minutes
 * straight from the plan, as a person with the plan and a pencil would.
 */
export function expectedInsights(month: UsageMonth, sensedRoomIds: readonly string[], workdays: number) {
  const rooms = new Map<string, ExpectedNumbers & { people: number[]; lengths: number[] }>();
  for (const roomId of new Set(month.meetings.map((meeting) => meeting.roomId))) {
    const meetings = month.meetings.filter((meeting) => meeting.roomId === roomId);
    const presence = month.presence.filter((seen) => seen.roomId === roomId);
    const sensed = sensedRoomIds.includes(roomId);
    const held = meetings.filter((meeting) => !meeting.released);
    const peopleAt = (meeting: PlannedMeeting) => Math.max(0, ...presence.filter((seen) => overlaps(seen, meeting)).flatMap((seen) => seen.people));
    const people = sensed ? held.map(peopleAt) : [];
    const lengths = meetings.map((meeting) => meeting.bookedTo - meeting.from);
    rooms.set(roomId, {
      meetings: meetings.length,
      bookedMinutes: sum(meetings.map((meeting) => inOffice(meeting.date, meeting.from, meeting.heldTo))),
      occupiedMinutes: sensed ? sum(presence.map((seen) => inOffice(seen.date, seen.from, seen.to))) : null,
      officeMinutes: workdays * (OFFICE.to - OFFICE.from),
      noShows: meetings.length - held.length,
      ghostMeetings: sensed ? held.filter((meeting) => !meeting.endedEarly && !presence.some((seen) => overlaps(seen, meeting))).length : null,
      endedEarly: meetings.filter((meeting) => meeting.endedEarly).length,
      walkUps: meetings.filter((meeting) => meeting.origin !== 'calendar').length,
      walkUpsByPhone: meetings.filter((meeting) => meeting.origin === 'phone').length,
      medianMeetingMinutes: median(lengths),
      medianPeople: sensed ? median(people) : null,
      people,
      lengths,
    });
  }
  const all = [...rooms.values()];
  const total = (field: keyof ExpectedNumbers) => sum(all.map((room) => room[field] ?? 0));
  const overall: ExpectedNumbers = {
    meetings: total('meetings'),
    bookedMinutes: total('bookedMinutes'),
    occupiedMinutes: total('occupiedMinutes'),
    officeMinutes: total('officeMinutes'),
    noShows: total('noShows'),
    ghostMeetings: total('ghostMeetings'),
    endedEarly: total('endedEarly'),
    walkUps: total('walkUps'),
    walkUpsByPhone: total('walkUpsByPhone'),
    medianMeetingMinutes: median(all.flatMap((room) => room.lengths)),
    medianPeople: median(all.flatMap((room) => room.people)),
  };
  const booked = weekHours(month.meetings.map((meeting) => ({ date: meeting.date, from: meeting.from, to: meeting.heldTo })));
  const occupied = weekHours(month.presence.filter((seen) => sensedRoomIds.includes(seen.roomId)));
  return { rooms, overall, booked, occupied };
}

/** Minutes of each weekday and hour, Monday 00:00 first. */
function weekHours(spans: readonly { date: string; from: number; to: number }[]): number[] {
  const cells = new Array<number>(7 * 24).fill(0);
  for (const span of spans) {
    for (let minute = span.from; minute < span.to; minute++) cells[(weekdayOf(span.date) - 1) * 24 + Math.floor(minute / 60)]! += 1;
  }
  return cells;
}

function inOffice(date: string, from: number, to: number): number {
  return weekdayOf(date) <= 5 ? Math.max(0, Math.min(to, OFFICE.to) - Math.max(from, OFFICE.from)) : 0;
}

function overlaps(seen: PlannedPresence, meeting: PlannedMeeting): boolean {
  return seen.date === meeting.date && seen.from < meeting.heldTo && seen.to > meeting.from;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}
