import type { Meeting } from '../../shared/model.ts';
import { timed } from './meetings.ts';

/**
 * Four weeks of three rooms, Monday 5 October to Sunday 1 November 2026 in
 * Amsterdam (summer time ends on Sunday 25 October), as a test plays them on
 * a bridge and as it expects to see them in insights. Every time is a wall
 * clock time of the room's day, in minutes after midnight, so what is
 * expected is counted on the wall clock, without the bridge's zone rules.
 *
 * - harbour (North, floor 1, 8 people): check-in required, no-shows
 *   released, a base unit counting people.
 * - loft (North, floor 2): the same without a sensor: people check in at its
 *   display.
 * - lobby (South, ground floor, open): a weekly calendar meeting, nothing else.
 */
export const MONTH = { from: '2026-10-05', to: '2026-11-01' };
export const SECRETS = ['Merger with Northwind', 'Petra Partner'];

export const ROOMS = [
  { id: 'harbour', name: 'Harbour', access: 'paired' as const, capacity: 8, location: { building: 'North', floor: 1 }, settings: { checkIn: { required: true, releaseNoShows: true } } },
  { id: 'loft', name: 'Loft, "the attic"', access: 'paired' as const, capacity: 4, location: { building: 'North', floor: 2 }, settings: { checkIn: { required: true, releaseNoShows: true } } },
  { id: 'lobby', name: 'Lobby', access: 'open' as const, capacity: null, location: { building: 'South', floor: 0 } },
];

/** A meeting as it went: booked from `from` to `bookedTo`, holding the room until `heldTo` (its early end or its release). */
export interface PlannedMeeting {
  roomId: string;
  date: string;
  from: number;
  bookedTo: number;
  heldTo: number;
  origin: 'calendar' | 'panel' | 'phone';
  released: boolean;
  endedEarly: boolean;
}

/** People seen by harbour's base unit from `from` to `to`, counted as `people`, one count a minute from `from`. */
export interface PlannedPresence {
  roomId: string;
  date: string;
  from: number;
  to: number;
  people: number[];
}

/** What the test does at a moment of a room's day. */
export type Step = { roomId: string; date: string; at: number } & (
  | { kind: 'check-in'; meetingId: string }
  | { kind: 'walk-up'; via: 'panel' | 'phone'; minutes: 15 | 30 }
  | { kind: 'end-now' }
  | { kind: 'people'; people: number }
  | { kind: 'calendar'; meeting: Meeting | null; meetingId: string }
);

export interface UsageMonth {
  /** The calendar as it stands before the month. */
  calendar: Meeting[];
  steps: Step[];
  meetings: PlannedMeeting[];
  presence: PlannedPresence[];
}

const HOUR = 60;
export const dateOf = (day: number) => new Date(Date.parse(`${MONTH.from}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
/** Amsterdam's offset: summer time until Sunday 25 October. */
const offsetOf = (date: string) => (date < '2026-10-25' ? '+02:00' : '+01:00');
const clock = (minutes: number) => `${String(Math.floor(minutes / HOUR)).padStart(2, '0')}:${String(minutes % HOUR).padStart(2, '0')}`;
export const instant = (date: string, minutes: number) => Date.parse(`${date}T${clock(minutes)}:00${offsetOf(date)}`);
const iso = (date: string, minutes: number) => new Date(instant(date, minutes)).toISOString();

export function usageMonth(): UsageMonth {
  const month: UsageMonth = { calendar: [], steps: [], meetings: [], presence: [] };
  const calendarMeeting = (roomId: string, id: string, date: string, from: number, to: number, extra: Partial<Meeting> = {}) =>
    timed(iso(date, from), iso(date, to), { id, roomId, subject: 'Planning', organizer: 'Ada', ...extra } as Parameters<typeof timed>[2]);
  const held = (roomId: string, date: string, from: number, bookedTo: number, extra: Partial<PlannedMeeting> = {}) =>
    month.meetings.push({ roomId, date, from, bookedTo, heldTo: bookedTo, origin: 'calendar', released: false, endedEarly: false, ...extra });
  const seen = (roomId: string, date: string, from: number, to: number, people: number[]) => {
    month.presence.push({ roomId, date, from, to, people });
    people.forEach((count, minute) => month.steps.push({ roomId, date, at: from + minute, kind: 'people', people: count }));
    month.steps.push({ roomId, date, at: to, kind: 'people', people: 0 });
  };
  const step = (step: Step) => month.steps.push(step);

  let workday = 0;
  for (let day = 0; day < 28; day++) {
    const date = dateOf(day);
    const weekday = weekdayOf(date);
    if (weekday === 3) {
      month.calendar.push(calendarMeeting('lobby', `lobby-${date}`, date, 10 * HOUR, 12 * HOUR));
      held('lobby', date, 10 * HOUR, 12 * HOUR);
    }
    if (weekday === 6) seen('harbour', date, 10 * HOUR, 11 * HOUR, [2]);
    if (weekday > 5) continue;
    const k = workday++;
    if (weekday === 1) seen('harbour', date, 7 * HOUR + 30, 8 * HOUR + 15, [1]);
    for (const roomId of ['harbour', 'loft']) {
      const sensed = roomId === 'harbour';
      const id = (name: string) => `${roomId}-${name}-${date}`;
      // 09:00 to 10:00, attended: seen in harbour, checked in at the loft's display.
      month.calendar.push(calendarMeeting(roomId, id('a'), date, 9 * HOUR, 10 * HOUR));
      held(roomId, date, 9 * HOUR, 10 * HOUR);
      if (sensed) seen(roomId, date, 9 * HOUR + 3, 9 * HOUR + 50, [3 + (k % 4), 5 + (k % 4)]);
      else step({ roomId, date, at: 9 * HOUR + 1, kind: 'check-in', meetingId: id('a') });
      // 11:00 to 11:30: every third day nobody comes, and it is released when its check-in window closes.
      month.calendar.push(calendarMeeting(roomId, id('b'), date, 11 * HOUR, 11 * HOUR + 30));
      if (k % 3 === 0) held(roomId, date, 11 * HOUR, 11 * HOUR + 30, { heldTo: 11 * HOUR + 10, released: true });
      else {
        held(roomId, date, 11 * HOUR, 11 * HOUR + 30);
        step({ roomId, date, at: 11 * HOUR + 1, kind: 'check-in', meetingId: id('b') });
        if (sensed) seen(roomId, date, 11 * HOUR + 5, 11 * HOUR + 25, [2]);
      }
      // 12:15, a walk-up at the panel for 30 minutes, ended after 15 every fourth day; seen in harbour every other day.
      step({ roomId, date, at: 12 * HOUR + 15, kind: 'walk-up', via: 'panel', minutes: 30 });
      if (k % 4 === 1) {
        step({ roomId, date, at: 12 * HOUR + 30, kind: 'end-now' });
        held(roomId, date, 12 * HOUR + 15, 12 * HOUR + 45, { heldTo: 12 * HOUR + 30, origin: 'panel', endedEarly: true });
      } else held(roomId, date, 12 * HOUR + 15, 12 * HOUR + 45, { origin: 'panel' });
      if (sensed && k % 2 === 0) seen(roomId, date, 12 * HOUR + 16, 12 * HOUR + 28, [2]);
      // 14:00 to 15:30, private: checked in by a tap on even days (nobody seen in harbour then: a ghost), seen on odd days.
      month.calendar.push(calendarMeeting(roomId, id('c'), date, 14 * HOUR, 15 * HOUR + 30, { subject: SECRETS[0], organizer: SECRETS[1], isPrivate: true }));
      held(roomId, date, 14 * HOUR, 15 * HOUR + 30);
      if (k % 2 === 0) step({ roomId, date, at: 14 * HOUR, kind: 'check-in', meetingId: id('c') });
      else if (sensed) seen(roomId, date, 14 * HOUR + 5, 15 * HOUR + 20, [6]);
      else step({ roomId, date, at: 14 * HOUR + 2, kind: 'check-in', meetingId: id('c') });
      // 16:00, a walk-up from a phone at the door for 15 minutes, every other day.
      if (k % 2 === 1) {
        step({ roomId, date, at: 16 * HOUR, kind: 'walk-up', via: 'phone', minutes: 15 });
        held(roomId, date, 16 * HOUR, 16 * HOUR + 15, { origin: 'phone' });
      }
      // Fridays 17:00 to 19:00, past the end of office hours.
      if (weekday === 5) {
        month.calendar.push(calendarMeeting(roomId, id('d'), date, 17 * HOUR, 19 * HOUR));
        held(roomId, date, 17 * HOUR, 19 * HOUR);
        step({ roomId, date, at: 17 * HOUR, kind: 'check-in', meetingId: id('d') });
        if (sensed) seen(roomId, date, 17 * HOUR + 1, 18 * HOUR + 30, [4]);
      }
    }
    if (k === 1) {
      // Moved in the morning from the evening to 16:30, then nobody comes.
      const moved = calendarMeeting('loft', 'loft-moved', date, 19 * HOUR, 20 * HOUR);
      month.calendar.push(moved);
      step({ roomId: 'loft', date, at: 10 * HOUR, kind: 'calendar', meetingId: moved.id, meeting: calendarMeeting('loft', moved.id, date, 16 * HOUR + 30, 17 * HOUR + 15) });
      held('loft', date, 16 * HOUR + 30, 17 * HOUR + 15, { heldTo: 16 * HOUR + 40, released: true });
    }
    if (k === 2) {
      // Cancelled at 13:00, before it started: never counted.
      month.calendar.push(calendarMeeting('loft', 'loft-cancelled', date, 15 * HOUR + 40, 16 * HOUR + 30));
      step({ roomId: 'loft', date, at: 13 * HOUR, kind: 'calendar', meetingId: 'loft-cancelled', meeting: null });
    }
  }
  month.steps.sort((a, b) => instant(a.date, a.at) - instant(b.date, b.at));
  return month;
}
