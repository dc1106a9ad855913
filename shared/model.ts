import { z } from 'zod';
import { BOOK_NOW_MINUTES, EXTEND_MINUTES, HIGHEST_FLOOR, LANGUAGES, LOWEST_FLOOR } from './constants.ts';
import { ClickShareConfig } from './clickshare-config.ts';
import { DisplayControlConfig } from './display-control-config.ts';
import { calendarTakesWalkUps, RemoteCalendarConfig } from './remote-calendar-config.ts';
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

export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** What a passer-by may read: subject and organizer, the organizer only, or neither ("Reserved"). */
export const Privacy = z.enum(['subject-and-organizer', 'organizer-only', 'hidden']);
export type Privacy = z.infer<typeof Privacy>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM, 00:00 to 23:59');

export const OfficeHours = z
  .object({
    start: ClockTime.default('08:00'),
    end: ClockTime.default('18:00'),
    /** ISO weekdays: 1 is Monday, 7 is Sunday. */
    days: z.array(z.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5]),
  })
  .refine((hours) => hours.end > hours.start, { message: 'end must be after start', path: ['end'] });
export type OfficeHours = z.infer<typeof OfficeHours>;

export const CheckInSettings = z
  .object({
    /** Meetings must be checked in; off by default because not every room has a touchscreen. */
    required: z.boolean().default(false),
    beforeMinutes: z.number().int().min(0).max(60).default(5),
    afterMinutes: z.number().int().min(1).max(60).default(10),
    /** Release (cancel or decline) a meeting nobody checked in by the end of its window. */
    releaseNoShows: z.boolean().default(false),
    /**
     * A recurring series released this many times in a row as a no-show
     * loses the room for its future occurrences; null or absent: never (the admin must turn it on).
     */
    strikes: z.number().int().min(1).max(10).nullish(),
  })
  .refine((c) => c.required || !c.releaseNoShows, { message: 'releaseNoShows needs required: true', path: ['releaseNoShows'] })
  .refine((c) => c.strikes == null || c.releaseNoShows, { message: 'strikes needs releaseNoShows: true', path: ['strikes'] });

/** How the room's base unit follows the calendar (SPEC section 8); every threshold per room. */
export const HardwareSettings = z.object({
  /** The monitor wakes this long before a meeting, even outside office hours. */
  powerOnBeforeMeetingMinutes: z.number().int().min(0).max(120).default(10),
  /** Outside office hours the monitor sleeps once no meeting has run for this long. */
  standbyAfterIdleMinutes: z.number().int().min(1).max(240).default(30),
  /** A WAKE press or people seen outside office hours wake the monitor for this long. */
  wakeMinutes: z.number().int().min(1).max(120).default(15),
  /** The "meeting ends in 5 min" banner shows over a shared screen this long before the end. */
  bannerBeforeEndMinutes: z.number().int().min(1).max(30).default(5),
});
export type HardwareSettings = z.infer<typeof HardwareSettings>;

export const RoomSettings = z.object({
  language: Language.default('en'),
  privacy: Privacy.default('subject-and-organizer'),
  startingSoonMinutes: z.number().int().min(0).max(120).default(10),
  checkIn: CheckInSettings.prefault({}),
  officeHours: OfficeHours.prefault({}),
  /** The longest walk-up booking, book now or later, in minutes: a room people queue for stays shared. */
  maxBookingMinutes: z.number().int().min(15).max(480).default(60),
  /** How many days after today a booking for later may be made from the room (0: today only). */
  bookAheadDays: z.number().int().min(0).max(30).default(0),
  /** The display asks to confirm a booking before sending it (a panel people brush against). */
  confirmBooking: z.boolean().default(false),
  /** Before a walk-up booking the display offers a "Your name" step, which may be skipped; a name given becomes its subject. */
  askBookerName: z.boolean().default(false),
  /** Digits asked before any walk-up action; null for none. Never sent to a display. */
  pin: z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits').nullable().default(null),
  /** Displays of this room show the schedule but take no actions. */
  readOnly: z.boolean().default(false),
  hardware: HardwareSettings.prefault({}),
  /** An MQTT topic whose payload (`ON`/`OFF`, or `{"occupancy": true|false}`) says whether people are in the room; null for none. */
  occupancyTopic: z.string().min(1).max(256).regex(/^[^#+]+$/, 'a topic to subscribe to, without + or # wildcards').nullable().default(null),
});
export type RoomSettings = z.infer<typeof RoomSettings>;

/**
 * A room linked to its Exchange room mailbox. Walk-up bookings are made by the
 * bridge's service mailbox with the room as a resource attendee, as Exchange
 * advises (a room should not organize meetings), or, if the admin chooses,
 * directly on the room's own calendar.
 */
export const Microsoft365Link = z.object({
  mailbox: z.email().max(320),
  bookings: z.enum(['service-mailbox', 'room-calendar']).default('service-mailbox'),
});
export type Microsoft365Link = z.infer<typeof Microsoft365Link>;

/**
 * Where a room is, so a display can point people to the nearest free room:
 * the same floor first, then the nearest floor of the same building, then
 * other buildings. Both parts are optional; a room without them is simply
 * ranked after the rooms whose place is known.
 */
export const RoomLocation = z
  .object({
    building: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullable()
      .default(null)
      .describe("The building's name as people know it: rooms with the same name are in the same building."),
    floor: z.number().int().min(LOWEST_FLOOR).max(HIGHEST_FLOOR).nullable().default(null).describe('The floor number: 0 is the ground floor, negative floors are below it.'),
  })
  .describe('Where the room is, for "find a free room nearby": the same floor first, then the nearest floor of the same building, then other buildings.');
export type RoomLocation = z.infer<typeof RoomLocation>;

/**
 * Who may read a room's meetings and act on it: `paired`, only its paired
 * displays, phones holding a link from its display's QR code, and admins
 * (anyone else sees what the building board shows: status, free and busy
 * times); `open`, anyone who reaches the bridge.
 */
export const RoomAccess = z.enum(['paired', 'open']);
export type RoomAccess = z.infer<typeof RoomAccess>;

export const Room = z.object({
  id: RoomId,
  name: z.string().trim().min(1).max(100),
  access: RoomAccess.default('paired'),
  timeZone: TimeZone,
  capacity: z.number().int().positive().max(10_000).nullable().default(null),
  equipment: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  location: RoomLocation.prefault({}),
  settings: RoomSettings.prefault({}),
  /** The room's base unit on a serial port; null for none (the embedded default, without a rooms file, simulates one). */
  baseUnit: z
    .object({ path: z.string().min(1).optional(), usbSerialNumber: z.string().min(1).max(64).optional() })
    .refine((unit) => unit.path !== undefined || unit.usbSerialNumber !== undefined, 'give a path, a usbSerialNumber, or both')
    .nullable()
    .default(null),
  /** The room's screen, controlled over RS-232 or the LAN by its vendor's protocol (see display-control-config.ts); null for none. */
  display: DisplayControlConfig.nullable().default(null),
  /** The room's Barco ClickShare unit, reached over its REST API (see clickshare-config.ts); null for none. */
  clickshare: ClickShareConfig.nullable().default(null),
  /** The room's calendar in Microsoft 365; null when the bridge's own store is its calendar. */
  microsoft365: Microsoft365Link.nullable().default(null),
  /** The room's calendar on Google Workspace, a CalDAV server or an ICS feed; null for the bridge's own store or Microsoft 365. */
  calendar: RemoteCalendarConfig.nullable().default(null),
});
export type Room = z.infer<typeof Room>;

/** A room as displays see it: whether a PIN is asked, never the PIN itself, nor how the bridge reaches its screen. */
export const PublicRoom = Room.omit({ microsoft365: true, calendar: true, display: true, clickshare: true }).extend({
  settings: RoomSettings.omit({ pin: true }).extend({ pinRequired: z.boolean() }),
});
export type PublicRoom = z.infer<typeof PublicRoom>;

export function toPublicRoom(room: Room): PublicRoom {
  const { microsoft365: _link, calendar: _calendar, display: _display, clickshare: _clickshare, ...rest } = room;
  const { pin, ...settings } = room.settings;
  // A room on a read-only feed shows its schedule only, as a read-only room does.
  return { ...rest, settings: { ...settings, readOnly: settings.readOnly || !calendarTakesWalkUps(room.calendar), pinRequired: pin !== null } };
}

const meetingFields = {
  id: z.string().min(1).max(200),
  roomId: RoomId,
  subject: z.string().max(255),
  organizer: z.string().max(255).nullable(),
  isPrivate: z.boolean().default(false),
  checkedInAt: Instant.nullable().default(null),
  origin: z.enum(['calendar', 'walk-up']),
  /**
   * Someone else organized it in a calendar the room only attends: an
   * attendee cannot move a meeting's time, so the room may end it (by
   * declining) but not extend it. Absent when the room may change it.
   */
  organizedElsewhere: z.literal(true).optional(),
  /** The recurring series it is an occurrence of, by the calendar's own id of the series; absent for a one-off meeting. */
  seriesId: z.string().min(1).max(1024).optional(),
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

/**
 * A walk-up action as a display sends it. `id` is chosen by the client so a
 * retry of the same action is recognised and applied once. `meetingId`, when
 * given, names the meeting the person saw on screen: if the room has moved on
 * meanwhile, the action is refused rather than applied to another meeting.
 */
const Pin = z.string().max(16).optional();
/**
 * When the person tapped, on the bridge's clock: an action queued by an
 * offline display is judged at that moment, so "book now" books the time the
 * room was actually taken, not the time the display got its connection back.
 */
const TakenAt = Instant.optional();
/**
 * The name a walk-up booker gave, in a room that asks for one: it becomes the
 * booking's subject ("Walk-up booking: Ana") in the room's calendar, so it is
 * one line of printable text.
 */
const BookerName = z
  .string()
  .trim()
  .min(1, 'leave the name out rather than empty')
  .max(40, 'at most 40 characters')
  .regex(/^[^\p{C}]*$/u, 'printable characters only')
  .optional();

export const WalkUpAction = z.discriminatedUnion('type', [
  z.strictObject({
    id: z.uuid(),
    type: z.literal('book-now'),
    pin: Pin,
    takenAt: TakenAt,
    name: BookerName,
    /** Absent: until the next meeting, at most 60 min. */
    minutes: z.literal(BOOK_NOW_MINUTES, { error: 'must be 15, 30, 45 or 60' }).optional(),
  }),
  z.strictObject({
    id: z.uuid(),
    type: z.literal('book'),
    pin: Pin,
    takenAt: TakenAt,
    name: BookerName,
    /** A later slot: from `start` (to the minute) for `minutes`, within the room's maxBookingMinutes and bookAheadDays. */
    start: Instant,
    minutes: z.number().int().min(1).max(480),
  }),
  z.strictObject({
    id: z.uuid(),
    type: z.literal('extend'),
    /** Absent: until the next meeting, at most 30 min (as book now's "until the next meeting"). */
    minutes: z.literal(EXTEND_MINUTES, { error: 'must be 15 or 30' }).optional(),
    meetingId: z.string().min(1).max(200).optional(),
    pin: Pin,
    takenAt: TakenAt,
  }),
  z.strictObject({ id: z.uuid(), type: z.literal('end-now'), meetingId: z.string().min(1).max(200).optional(), pin: Pin, takenAt: TakenAt }),
  z.strictObject({ id: z.uuid(), type: z.literal('check-in'), meetingId: z.string().min(1).max(200).optional(), pin: Pin, takenAt: TakenAt }),
]);
export type WalkUpAction = z.infer<typeof WalkUpAction>;

export const RoomStatus = z.enum(['available', 'busy', 'starting-soon', 'awaiting-check-in']);
export type RoomStatus = z.infer<typeof RoomStatus>;

/**
 * Something the room's calendar did to a walk-up booking after the display
 * was told it succeeded: shown for a while, so the person who booked learns
 * why the booking is gone.
 */
export const RoomNotice = z.object({
  id: z.string().min(1).max(200),
  /** booking-declined: the room's calendar declined it (it overlaps another booking); booking-not-saved: Microsoft 365 refused it. */
  code: z.enum(['booking-declined', 'booking-not-saved']),
  start: Instant,
  end: Instant,
  at: Instant,
});
export type RoomNotice = z.infer<typeof RoomNotice>;

/**
 * What the bridge sends a display: everything needed to render and to
 * re-derive the status on its own clock. Its meetings are as anyone may
 * see them under the room's privacy setting (see meeting-privacy.ts).
 */
export const RoomState = z.object({
  room: PublicRoom,
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
  /**
   * When the calendar service last confirmed this schedule; null when the
   * bridge's own store is the calendar and so always current.
   */
  syncedAt: Instant.nullable(),
  /** How often the bridge confirms the schedule: data older than two periods is shown as possibly stale. */
  syncPeriodSeconds: z.number().int().positive(),
  /** The page a phone opens (from the display's QR code) to see and book this room. */
  bookingUrl: z.url(),
  /** How many rooms this bridge serves: a display offers to find another free room only when there are others. */
  roomCount: z.number().int().positive(),
  /** Recent changes the calendar made to walk-up bookings, newest first. */
  notices: z.array(RoomNotice).default([]),
  /** Whether the room's occupancy sensor (a base unit's, an MQTT topic's) last saw people; null with no sensor, or before it said. */
  occupied: z.boolean().nullable().default(null),
});
export type RoomState = z.infer<typeof RoomState>;

export const RoomSummary = Room.pick({ id: true, name: true, timeZone: true, capacity: true, equipment: true, location: true });
export type RoomSummary = z.infer<typeof RoomSummary>;
