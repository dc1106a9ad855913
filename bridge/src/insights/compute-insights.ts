import { MINUTE_MS } from '../../../shared/clock.ts';
import type { HeatmapCell, InsightsAnswer, UsageNumbers } from '../../../shared/insights.ts';
import type { Room } from '../../../shared/model.ts';
import type { Interval } from '../../../shared/time-zone.ts';
import { unionWithin } from './intervals.ts';
import type { MeetingUsage } from './meeting-history.ts';
import { localDates, officeIntervals } from './office-hours.ts';
import type { PresenceRow } from './presence-history.ts';
import { median, roomUsage, type RoomFigures } from './room-usage.ts';
import { addToWeekHours, offsetsOf, WEEK_HOURS } from './week-hours.ts';

export interface InsightsInput {
  /** Local dates of each room's zone, `to` inclusive. */
  from: string;
  to: string;
  /** The rooms chosen, in the order they are answered. */
  rooms: readonly Room[];
  /** History of (at least) the chosen rooms over (at least) the range; other rows are left out here. */
  meetings: readonly MeetingUsage[];
  presence: readonly PresenceRow[];
  /** Whether the room has a sensor now (a base unit, a ClickShare unit, an occupancy topic). */
  hasSensor: (room: Room) => boolean;
  now: number;
}

/**
 * Insights from the history alone, a pure function. Each room is seen in its
 * own zone: its dates, its office hours, its weekdays and hours of the
 * heatmap. The range ends at `to`'s end or now, whichever is first.
 *
 * A room had a sensor in the range when one of its sensors recorded people
 * in it, or it has a sensor now: a sensor that saw nobody all along means a
 * room nobody used, not a room nothing is known of (a sensor added in the
 * middle of the range counts the time before as unused).
 *
 * The heatmap holds every hour of the week, not only office hours: use in
 * the evening shows too.
 */
export function computeInsights(input: InsightsInput): InsightsAnswer {
  const { from, to, rooms, now } = input;
  const meetingsOf = groupByRoom(input.meetings);
  const presenceOf = groupByRoom(input.presence);
  const booked = new Array<number>(WEEK_HOURS).fill(0);
  const occupied = new Array<number>(WEEK_HOURS).fill(0);
  const offsets = new Map<string, (ms: number) => number>();
  // Rooms of a building share their zone and office hours: worked out once.
  const offices = new Map<string, Interval[]>();
  const officeOf = (room: Room) => {
    const { officeHours } = room.settings;
    const key = `${room.timeZone} ${officeHours.start} ${officeHours.end} ${officeHours.days.join()}`;
    const office = offices.get(key) ?? officeIntervals(officeHours, room.timeZone, from, to);
    offices.set(key, office);
    return office;
  };
  const figures = rooms.map((room): RoomFigures => {
    const dates = localDates(room.timeZone, from, to);
    const window = { start: dates.start, end: Math.min(dates.end, now) };
    const presence = presenceOf.get(room.id) ?? [];
    const figures = roomUsage({
      room,
      window,
      office: unionWithin(officeOf(room), window),
      meetings: (meetingsOf.get(room.id) ?? []).filter((meeting) => meeting.start >= window.start && meeting.start < window.end),
      presence,
      sensed: input.hasSensor(room) || presence.some((row) => row.from < window.end && row.to > window.start),
      now,
    });
    const offsetAt = offsets.get(room.timeZone) ?? offsetsOf(room.timeZone);
    offsets.set(room.timeZone, offsetAt);
    addToWeekHours(booked, figures.booked, offsetAt);
    if (figures.occupied) addToWeekHours(occupied, figures.occupied, offsetAt);
    return figures;
  });
  const sensed = figures.some((room) => room.occupied !== null);
  return {
    from,
    to,
    rooms: figures.map((room) => room.usage),
    overall: overallOf(figures),
    heatmap: booked.map(
      (bookedMs, cell): HeatmapCell => ({
        weekday: Math.floor(cell / 24) + 1,
        hour: cell % 24,
        bookedMinutes: Math.round(bookedMs / MINUTE_MS),
        occupiedMinutes: sensed ? Math.round(occupied[cell]! / MINUTE_MS) : null,
      }),
    ),
  };
}

/** The chosen rooms together: sums, and medians over all their meetings; a room without a sensor adds nothing to what only sensors know. */
function overallOf(figures: readonly RoomFigures[]): UsageNumbers {
  const sum = (number: (usage: UsageNumbers) => number) => figures.reduce((total, room) => total + number(room.usage), 0);
  const sensed = figures.filter((room) => room.usage.occupiedMinutes !== null);
  const sensedSum = (number: (usage: UsageNumbers) => number | null) => (sensed.length === 0 ? null : sensed.reduce((total, room) => total + (number(room.usage) ?? 0), 0));
  const counting = figures.filter((room) => room.countsPeople);
  return {
    meetings: sum((usage) => usage.meetings),
    bookedMinutes: sum((usage) => usage.bookedMinutes),
    occupiedMinutes: sensedSum((usage) => usage.occupiedMinutes),
    officeMinutes: sum((usage) => usage.officeMinutes),
    noShows: sum((usage) => usage.noShows),
    ghostMeetings: sensedSum((usage) => usage.ghostMeetings),
    endedEarly: sum((usage) => usage.endedEarly),
    walkUps: sum((usage) => usage.walkUps),
    walkUpsByPhone: sum((usage) => usage.walkUpsByPhone),
    medianMeetingMinutes: median(figures.flatMap((room) => room.lengths)),
    medianPeople: counting.length === 0 ? null : median(counting.flatMap((room) => room.people)),
  };
}

function groupByRoom<T extends { roomId: string }>(rows: readonly T[]): Map<string, T[]> {
  const byRoom = new Map<string, T[]>();
  for (const row of rows) {
    const list = byRoom.get(row.roomId);
    if (list) list.push(row);
    else byRoom.set(row.roomId, [row]);
  }
  return byRoom;
}
