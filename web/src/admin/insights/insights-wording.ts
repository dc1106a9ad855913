import type { RoomUsage } from '../../../../shared/insights.ts';
import type { InsightsMessages } from '../i18n/insights/index.ts';
import { SHARE_STEPS } from './chart-colours.ts';
import { fullestSlot, type HeatmapGrid, type HeatmapSlot } from './heatmap-grid.ts';
import type { InsightsFormat } from './insights-format.ts';
import { bookedShare } from './usage-sums.ts';

/** The rooms chart's text alternative: what it shows, then the busiest and the least used room. `rooms`: busiest first. */
export function roomsCaption(rooms: readonly RoomUsage[], t: InsightsMessages, format: InsightsFormat): string {
  const busiest = rooms[0];
  const least = rooms.at(-1);
  if (!busiest || !least) return t.roomsChart;
  const share = (room: RoomUsage) => format.percent(bookedShare(room));
  const facts = rooms.length === 1 ? t.onlyRoom(busiest.roomName, share(busiest)) : t.busiestAndLeast(busiest.roomName, share(busiest), least.roomName, share(least));
  return `${t.roomsChart} ${facts}`;
}

/** The heatmap's text alternative: what it shows, then its most booked and its most occupied hour of the week. */
export function heatmapCaption(grid: HeatmapGrid, t: InsightsMessages, format: InsightsFormat): string {
  const slotName = (slot: HeatmapSlot) => t.slot(format.weekday(slot.weekday, 'long'), format.hour(slot.hour));
  const booked = fullestSlot(grid, 'booked');
  const occupied = fullestSlot(grid, 'occupied');
  const bookedFact = booked ? t.mostBooked(slotName(booked), format.percent(booked.booked)) : t.nothingBooked;
  const occupiedFact = !grid.sensed ? t.nothingSensed : occupied ? t.mostOccupied(slotName(occupied), format.percent(occupied.occupied ?? 0)) : null;
  return [t.heatmapChart, bookedFact, occupiedFact].filter((text) => text !== null).join(' ');
}

/** A share as the tables and figures show it, or what stands in for it. */
export const shareText = (share: number | null, absent: string, format: InsightsFormat) => (share === null ? absent : format.percent(share));

/** Median people, against the room's seats where it has a known number. */
export function peopleText(people: number | null, capacity: number | null, t: InsightsMessages, format: InsightsFormat): string {
  if (people === null) return t.notCounted;
  return capacity === null ? format.number(people) : t.peopleOfSeats(format.number(people), format.number(capacity));
}

export const lengthText = (minutes: number | null, t: InsightsMessages, format: InsightsFormat) => (minutes === null ? t.none : format.minutes(minutes));

export const buildingName = (building: string | null, t: InsightsMessages) => building ?? t.noBuilding;

export const floorName = (floor: number | null, t: InsightsMessages, format: InsightsFormat) => (floor === null ? t.noFloor : t.floorName(format.number(floor)));

/** The heatmap legend's words for each colour, in SHARE_COLOURS' order. */
export function shareLegend(t: InsightsMessages, format: InsightsFormat): string[] {
  const [first, ...rest] = SHARE_STEPS;
  const between = rest.map((high, index) => t.shareBetween(format.percent(SHARE_STEPS[index]!), format.percent(high)));
  return [t.shareBelow(format.percent(first)), ...between, t.shareFrom(format.percent(SHARE_STEPS.at(-1)!))];
}
