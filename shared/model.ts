import { z } from 'zod';
import { isValidTimeZone } from './time-zone.ts';

/**
 * The room model. Each zod schema is both the TypeScript type and the guard
 * run on every boundary (HTTP, socket.io, the store, config), so the two can
 * never disagree.
 */

export const RoomId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a room id is 1-64 lowercase letters, digits or dashes');

export const TimeZone = z.string().refine(isValidTimeZone, 'not a known IANA time zone, e.g. Europe/Amsterdam');

/** An instant with an explicit offset or Z; a time without one is ambiguous across zones. */
export const Instant = z.iso.datetime({ offset: true });

/** A calendar date, `YYYY-MM-DD`, as all-day events use. */
export const LocalDate = z.iso.date();

export const CheckInSettings = z.object({
  /** Meetings must be checked in; off by default because not every room has a touchscreen. */
  required: z.boolean().default(false),
  beforeMinutes: z.number().int().min(0).max(60).default(5),
  afterMinutes: z.number().int().min(1).max(60).default(10),
});

export const RoomSettings = z.object({
  startingSoonMinutes: z.number().int().min(0).max(120).default(10),
  checkIn: CheckInSettings.prefault({}),
});
export type RoomSettings = z.infer<typeof RoomSettings>;

export const Room = z.object({
  id: RoomId,
  name: z.string().trim().min(1).max(100),
  timeZone: TimeZone,
  capacity: z.number().int().positive().max(10_000).nullable().default(null),
  equipment: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  settings: RoomSettings.prefault({}),
});
export type Room = z.infer<typeof Room>;

const meetingFields = {
  id: z.string().min(1).max(200),
  roomId: RoomId,
  subject: z.string().max(255),
  organizer: z.string().max(255).nullable(),
  isPrivate: z.boolean().default(false),
  checkedInAt: Instant.nullable().default(null),
  origin: z.enum(['calendar', 'walk-up']),
};

export const TimedMeeting = z
  .object({ ...meetingFields, allDay: z.literal(false), start: Instant, end: Instant })
  .refine((m) => Date.parse(m.end) > Date.parse(m.start), { message: 'end must be after start', path: ['end'] });
export type TimedMeeting = z.infer<typeof TimedMeeting>;

/** All-day events are dates, not instants: they span the room's local days, which may be 23 or 25 h long. */
export const AllDayMeeting = z
  .object({ ...meetingFields, allDay: z.literal(true), start: LocalDate, end: LocalDate })
  .refine((m) => m.end > m.start, { message: 'end date (exclusive) must be after start date', path: ['end'] });
export type AllDayMeeting = z.infer<typeof AllDayMeeting>;

export const Meeting = z.discriminatedUnion('allDay', [TimedMeeting, AllDayMeeting]);
export type Meeting = z.infer<typeof Meeting>;

export const BOOK_NOW_MINUTES = [15, 30, 45, 60] as const;
export const EXTEND_MINUTES = [15, 30] as const;

/**
 * A walk-up action as a display sends it. `id` is chosen by the client so a
 * retry of the same action is recognised and applied once. `meetingId`, when
 * given, names the meeting the person saw on screen: if the room has moved on
 * meanwhile, the action is refused rather than applied to another meeting.
 */
export const WalkUpAction = z.discriminatedUnion('type', [
  z.strictObject({
    id: z.uuid(),
    type: z.literal('book-now'),
    /** Absent: until the next meeting, at most 60 min. */
    minutes: z.literal(BOOK_NOW_MINUTES, { error: 'must be 15, 30, 45 or 60' }).optional(),
  }),
  z.strictObject({
    id: z.uuid(),
    type: z.literal('extend'),
    minutes: z.literal(EXTEND_MINUTES, { error: 'must be 15 or 30' }),
    meetingId: z.string().min(1).max(200).optional(),
  }),
  z.strictObject({ id: z.uuid(), type: z.literal('end-now'), meetingId: z.string().min(1).max(200).optional() }),
  z.strictObject({ id: z.uuid(), type: z.literal('check-in'), meetingId: z.string().min(1).max(200).optional() }),
]);
export type WalkUpAction = z.infer<typeof WalkUpAction>;

export const RoomStatus = z.enum(['available', 'busy', 'starting-soon', 'awaiting-check-in']);
export type RoomStatus = z.infer<typeof RoomStatus>;

/** What the bridge sends a display: everything needed to render and to re-derive the status on its own clock. */
export const RoomState = z.object({
  room: Room,
  status: RoomStatus,
  current: Meeting.nullable(),
  next: z.array(Meeting),
  /** Meetings overlapping the room's current local day. */
  events: z.array(Meeting),
  /** When the room is not busy: when the next meeting starts; null when nothing follows today. */
  freeUntil: Instant.nullable(),
  /** When the room is busy: when it becomes free, across back-to-back meetings. */
  busyUntil: Instant.nullable(),
  /** The bridge's clock when this state was computed, so a display can correct its own. */
  now: Instant,
  /** When the room's schedule last changed. */
  updatedAt: Instant,
});
export type RoomState = z.infer<typeof RoomState>;

export const RoomSummary = Room.pick({ id: true, name: true, timeZone: true, capacity: true, equipment: true });
export type RoomSummary = z.infer<typeof RoomSummary>;
