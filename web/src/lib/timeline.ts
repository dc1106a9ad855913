import { HOUR_MS } from '../../../shared/clock.ts';
import type { FreeSlot } from '../../../shared/book-later-rules.ts';
import { schedule } from '../../../shared/meeting-span.ts';
import type { Meeting, OfficeHours } from '../../../shared/model.ts';
import { localDayOf, localTimeOnDayOf, localWeekdayOf } from '../../../shared/time-zone.ts';

export interface TimelineBlock {
  meeting: Meeting;
  /** Position and width as fractions of the timeline. */
  from: number;
  width: number;
}

export interface Timeline {
  start: number;
  end: number;
  blocks: TimelineBlock[];
  /** Where "now" is, or null outside the range. */
  now: number | null;
  /** Whole hours inside the range, for tick marks. */
  hours: { at: number; position: number }[];
}

/** A free stretch bookable for later, as far as it lies on the bar. */
export interface TimelineSlot {
  slot: FreeSlot;
  /** The part of the stretch the bar shows (office hours may end before the stretch does). */
  shownStart: number;
  shownEnd: number;
  from: number;
  width: number;
}


/**
 * The working day as a bar: office hours, widened to take in any meeting of
 * the day outside them, never beyond the local day itself. On a day without
 * office hours (a weekend) the bar spans that day's meetings only, and the
 * usual hours when there are none.
 */
export function buildTimeline(events: readonly Meeting[], now: number, timeZone: string, officeHours: OfficeHours): Timeline {
  const day = localDayOf(now, timeZone);
  const spans = schedule(events, timeZone).map((s) => ({ ...s, start: Math.max(s.start, day.start), end: Math.min(s.end, day.end) }));
  const timed = spans.filter((s) => !s.meeting.allDay);
  const workday = officeHours.days.includes(localWeekdayOf(now, timeZone)) || timed.length === 0;
  const office = workday ? [localTimeOnDayOf(now, officeHours.start, timeZone), localTimeOnDayOf(now, officeHours.end, timeZone)] : [];
  const start = Math.min(...office, ...timed.map((s) => s.start));
  const end = Math.max(...office, ...timed.map((s) => s.end));
  const length = end - start;
  const position = (ms: number) => Math.min(1, Math.max(0, (ms - start) / length));
  const blocks = spans
    .filter((s) => s.end > start && s.start < end)
    .map((s) => ({ meeting: s.meeting, from: position(s.start), width: position(s.end) - position(s.start) }));
  const hours: Timeline['hours'] = [];
  for (let at = Math.ceil(start / HOUR_MS) * HOUR_MS; at <= end; at += HOUR_MS) hours.push({ at, position: position(at) });
  return { start, end, blocks, now: now >= start && now <= end ? position(now) : null, hours };
}

/** Where the stretches booking for later offers (laterSlots) lie on the bar; those outside it are left out. */
export function timelineSlots(line: Timeline, slots: readonly FreeSlot[]): TimelineSlot[] {
  const length = line.end - line.start;
  return slots
    .map((slot) => ({ slot, shownStart: Math.max(slot.start, line.start), shownEnd: Math.min(slot.end, line.end) }))
    .filter(({ shownStart, shownEnd }) => shownEnd > shownStart)
    .map((shown) => ({ ...shown, from: (shown.shownStart - line.start) / length, width: (shown.shownEnd - shown.shownStart) / length }));
}
