import type { InsightsAnswer } from '../../../../shared/insights.ts';
import { utcDate } from './insights-range.ts';

/** One weekday's hour: the share of the chosen rooms' time that was booked and that was occupied (null: no sensor then). */
export interface HeatmapSlot {
  weekday: number;
  hour: number;
  booked: number;
  occupied: number | null;
}

export interface HeatmapGrid {
  /** The hours shown, in order: the working day, widened to every hour that has something. */
  hours: number[];
  /** Monday to Sunday, each with a slot per hour shown. */
  weekdays: { weekday: number; slots: HeatmapSlot[] }[];
  /** Some sensor saw some of the chosen rooms at some time. */
  sensed: boolean;
}

/** Hours shown even when nothing happened in them, so two ranges' maps line up. */
const WORKING_DAY = { first: 8, last: 17 };

/**
 * The bridge's minutes per weekday and hour as shares of what the chosen
 * rooms could have held then: each room has 60 minutes in an hour on each
 * such weekday of the range. Occupied minutes are taken over the rooms with
 * a sensor only; a room whose sensor saw part of the range counts whole,
 * which can only make its share look lower, never higher.
 */
export function heatmapGrid(answer: Pick<InsightsAnswer, 'from' | 'to' | 'rooms' | 'heatmap'>): HeatmapGrid {
  const rooms = answer.rooms.length;
  const sensorRooms = answer.rooms.filter((room) => room.occupiedMinutes !== null).length;
  const active = answer.heatmap.filter((cell) => cell.bookedMinutes > 0 || (cell.occupiedMinutes ?? 0) > 0).map((cell) => cell.hour);
  const first = Math.min(WORKING_DAY.first, ...active);
  const last = Math.max(WORKING_DAY.last, ...active);
  const hours = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  const share = (minutes: number, of: number, weekday: number) => {
    const possible = of * weekdaysBetween(answer.from, answer.to, weekday) * 60;
    return possible > 0 ? Math.min(1, minutes / possible) : 0;
  };
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    slots: hours.map((hour): HeatmapSlot => {
      const cell = answer.heatmap.find((each) => each.weekday === weekday && each.hour === hour);
      const occupied = cell?.occupiedMinutes ?? null;
      return {
        weekday,
        hour,
        booked: share(cell?.bookedMinutes ?? 0, rooms, weekday),
        occupied: occupied === null || sensorRooms === 0 ? null : share(occupied, sensorRooms, weekday),
      };
    }),
  }));
  return { hours, weekdays, sensed: weekdays.some((day) => day.slots.some((slot) => slot.occupied !== null)) };
}

/** The fullest slot of a measure, the earliest in the week of equal ones; null when all are empty. */
export function fullestSlot(grid: HeatmapGrid, measure: 'booked' | 'occupied'): HeatmapSlot | null {
  let fullest: HeatmapSlot | null = null;
  for (const day of grid.weekdays) {
    for (const slot of day.slots) if ((slot[measure] ?? 0) > (fullest?.[measure] ?? 0)) fullest = slot;
  }
  return fullest;
}

/** How many of the dates from `from` to `to` (inclusive) are that weekday (1 Monday … 7 Sunday). */
export function weekdaysBetween(from: string, to: string, weekday: number): number {
  const days = Math.round((utcDate(to) - utcDate(from)) / 86_400_000) + 1;
  if (days <= 0) return 0;
  const firstWeekday = ((new Date(utcDate(from)).getUTCDay() + 6) % 7) + 1;
  const untilFirst = (weekday - firstWeekday + 7) % 7;
  return untilFirst >= days ? 0 : Math.floor((days - 1 - untilFirst) / 7) + 1;
}
