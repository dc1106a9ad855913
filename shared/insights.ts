import { z } from 'zod';
import { LocalDate, RoomId } from './model.ts';

/**
 * How rooms are really used, for the people who decide about rooms (the
 * admin page's Insights, GET /api/admin/insights and its CSV). Numbers only:
 * no subject or organizer ever, and a private meeting counts like any other.
 * Dates are local dates of each room's own zone; `to` is inclusive.
 */
export const InsightsQuery = z
  .strictObject({
    from: LocalDate,
    to: LocalDate,
    roomId: RoomId.optional(),
    building: z.string().trim().min(1).max(100).optional(),
    floor: z.coerce.number().int().optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => q.roomId === undefined || (q.building === undefined && q.floor === undefined), { message: 'give roomId, or building and floor, not both', path: ['roomId'] });
export type InsightsQuery = z.infer<typeof InsightsQuery>;

const Minutes = z.number().int().min(0);
const Count = z.number().int().min(0);

/** One room's numbers over the range; also the shape of a floor's, a building's and the overall sums (without the room's own fields). */
export const UsageNumbers = z.object({
  /** Timed meetings that took place in the range (released no-shows included), walk-ups included. */
  meetings: Count,
  /** Booked minutes within the room's office hours; `officeMinutes` is the whole of them. */
  bookedMinutes: Minutes,
  /** Minutes people were seen in the room within office hours; null without a sensor for the whole range. */
  occupiedMinutes: Minutes.nullable(),
  officeMinutes: Minutes,
  /** Meetings released as no-shows (nobody checked in). */
  noShows: Count,
  /** Meetings that ran to their end with nobody seen by the room's sensor; null without a sensor. */
  ghostMeetings: Count.nullable(),
  /** Meetings ended early from the room (End now) or by a shortened booking. */
  endedEarly: Count,
  /** Bookings made at the room: its panel or a phone at its door. */
  walkUps: Count,
  walkUpsByPhone: Count,
  /** The median booked length of the range's meetings, in minutes; null without meetings. */
  medianMeetingMinutes: z.number().min(0).nullable(),
  /** The median of the most people the sensor counted during each meeting; null where the sensor counts no people. */
  medianPeople: z.number().min(0).nullable(),
});
export type UsageNumbers = z.infer<typeof UsageNumbers>;

export const RoomUsage = UsageNumbers.extend({
  roomId: RoomId,
  roomName: z.string(),
  building: z.string().nullable(),
  floor: z.number().int().nullable(),
  capacity: z.number().int().nullable(),
});
export type RoomUsage = z.infer<typeof RoomUsage>;

/** Weekday (1 Monday … 7 Sunday, in each room's zone) by hour of day: minutes booked and occupied, summed over the chosen rooms. */
export const HeatmapCell = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  bookedMinutes: Minutes,
  /** null when none of the chosen rooms had a sensor then. */
  occupiedMinutes: Minutes.nullable(),
});
export type HeatmapCell = z.infer<typeof HeatmapCell>;

export const InsightsAnswer = z.object({
  from: LocalDate,
  to: LocalDate,
  rooms: z.array(RoomUsage),
  /** The chosen rooms together. */
  overall: UsageNumbers,
  /** Every weekday × hour, 168 cells, in order. */
  heatmap: z.array(HeatmapCell),
});
export type InsightsAnswer = z.infer<typeof InsightsAnswer>;

/** The CSV's columns, in order: one row per room, named as the JSON's members. */
export const INSIGHTS_CSV_COLUMNS = [
  'roomId',
  'roomName',
  'building',
  'floor',
  'capacity',
  'meetings',
  'bookedMinutes',
  'occupiedMinutes',
  'officeMinutes',
  'noShows',
  'ghostMeetings',
  'endedEarly',
  'walkUps',
  'walkUpsByPhone',
  'medianMeetingMinutes',
  'medianPeople',
] as const satisfies readonly (keyof RoomUsage)[];
