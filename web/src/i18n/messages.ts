import type { ErrorCode } from '../../../shared/errors.ts';
import type { RoomStatus } from '../../../shared/model.ts';

/**
 * Every text the display shows. Each language is checked against this shape
 * by the compiler, so a missing translation does not build; times, dates and
 * durations arrive already formatted by Intl.
 */
export interface Messages {
  status: Record<RoomStatus, string>;
  freeUntil: (time: string) => string;
  freeAt: (time: string) => string;
  freeRestOfDay: string;
  seats: (count: string) => string;
  timeLeft: (duration: string) => string;
  currentMeeting: string;
  meetingProgress: string;
  next: string;
  nextMeetings: string;
  nothingElseToday: string;
  free: string;
  allDay: string;
  privateMeeting: string;
  reserved: string;
  /** The timeline's legend for the free stretches marked to be booked by a tap. */
  tapToBook: string;
  todaysSchedule: string;
  bookNow: string;
  untilTime: (time: string) => string;
  /** A free stretch's button on the agenda and the timeline; `range` is its times. */
  bookSlot: (range: string) => string;
  /** Marks a free gap of the agenda that can be booked. */
  book: string;
  /** The heading of the chooser of a later booking's length. */
  bookFrom: (time: string) => string;
  /** Asked before a booking is sent, in a room that confirms bookings; `range` is its times. */
  confirmBooking: (range: string) => string;
  confirm: string;
  /** Why no longer booking is offered: the room's limit (`duration`: "30 min")… */
  upToMinutes: (duration: string) => string;
  /** …or the next meeting. */
  nextMeetingAt: (time: string) => string;
  extend: string;
  extendBy: (duration: string) => string;
  endNow: string;
  /** On a phone, ending the meeting its own booking made: the only one it offers to end. */
  endMyBooking: string;
  confirmEndNow: string;
  checkIn: string;
  cancel: string;
  /** The optional step of a walk-up booking, in a room that asks its booker's name. */
  yourName: string;
  yourNameHint: string;
  skip: string;
  enterPin: string;
  deleteDigit: string;
  confirmPin: string;
  saving: string;
  /** Said for a few seconds after an action on the screen, so whoever tapped knows what it did. */
  bookedUntil: (time: string) => string;
  extendedUntil: (time: string) => string;
  meetingEnded: string;
  checkedIn: string;
  errors: Record<DisplayErrorCode, string>;
  pinEntered: (count: string) => string;
  offlineSince: (time: string) => string;
  waitingToSync: string;
  /** A phone's words for actions taken offline, kept in its tab until the bridge is back. */
  savedOnPhone: string;
  refusedOffline: (reason: string) => string;
  /** Takes a refusal of an offline change off the screen once read. */
  dismiss: string;
  /** A walk-up booking the room's calendar declined after the display showed it booked; `range` is its times. */
  bookingDeclined: (range: string) => string;
  /** A walk-up booking Microsoft 365 refused to store. */
  bookingNotSaved: (range: string) => string;
  connecting: string;
  reconnecting: string;
  offline: string;
  lastUpdated: (ago: string) => string;
  scanToBook: string;
  /** Names the phone page's switch between the room's language and the phone's. */
  language: string;
  /** Opens the list of the nearest rooms free now, on a bridge of several rooms. */
  findFreeRoom: string;
  /** Opens "Report a problem" (the screen, the sound, the room too warm…); its dialog's own texts load with it. */
  reportProblem: string;
  /** The pairing screen's heading. */
  linkThisDisplay: string;
  /** For screen readers: the code's characters one by one. */
  pairingCodeSpoken: (characters: string) => string;
  pairingInstruction: (url: string) => string;
  pairingExpires: (time: string) => string;
  gettingPairingCode: string;
  scanToLink: string;
}

/**
 * Codes a display, a phone at the room or the building page is never
 * answered with: the admin API's, the operations endpoints', and refusals of
 * requests these pages never send (a body too large, or not JSON). Their
 * words stay out of the display's bundle, which a small kiosk computer loads
 * cold; should one come anyway, `errorText` says something went wrong.
 */
export const NOT_FOR_DISPLAYS = ['payload-too-large', 'unsupported-media-type', 'pairing-code-invalid', 'pairing-code-expired', 'pairing-code-used', 'not-connected', 'forbidden', 'calendar-check-failed'] as const;
export type DisplayErrorCode = Exclude<ErrorCode, (typeof NOT_FOR_DISPLAYS)[number]>;

/** The words for a refusal the bridge answered with. */
export function errorText(t: Pick<Messages, 'errors'>, code: ErrorCode): string {
  return (t.errors as Partial<Record<ErrorCode, string>>)[code] ?? t.errors.internal;
}
