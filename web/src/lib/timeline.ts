import { MINUTE_MS } from '../../../shared/clock.ts';
import type { FreeSlot } from '../../../shared/book-later-rules.ts';
import { schedule } from '../../../shared/meeting-span.ts';
import type { Meeting, OfficeHours } from '../../../shared/model.ts';
import { localDayOf, localTimeOnDayOf } from '../../../shared/time-zone.ts';

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
  /** Times inside the range to label: every hour, or every quarter or half hour on a short bar, every two or three on a long one. */
  ticks: { at: number; position: number }[];
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


/** Tick steps, shortest first: the first that gives at most MAX_TICKS labels is used. */
const TICK_MINUTES = [15, 30, 60, 120, 180];
const MAX_TICKS = 16;

/**
 * The working day as a bar: office hours, widened to take in any meeting of
 * the day outside them, never beyond the local day itself. A day without
 * office hours (a weekend) shows the same window, so a lone meeting is seen
 * in its day rather than stretched over the whole bar.
 */
export function buildTimeline(events: readonly Meeting[], now: number, timeZone: string, officeHours: OfficeHours): Timeline {
  const day = localDayOf(now, timeZone);
  const spans = schedule(events, timeZone).map((s) => ({ ...s, start: Math.max(s.start, day.start), end: Math.min(s.end, day.end) }));
  const timed = spans.filter((s) => !s.meeting.allDay);
  const office = [localTimeOnDayOf(now, officeHours.start, timeZone), localTimeOnDayOf(now, officeHours.end, timeZone)];
  const start = Math.min(...office, ...timed.map((s) => s.start));
  const end = Math.max(...office, ...timed.map((s) => s.end));
  const length = end - start;
  const position = (ms: number) => Math.min(1, Math.max(0, (ms - start) / length));
  const blocks = spans
    .filter((s) => s.end > start && s.start < end)
    .map((s) => ({ meeting: s.meeting, from: position(s.start), width: position(s.end) - position(s.start) }));
  const stepMinutes = TICK_MINUTES.find((minutes) => length / (minutes * MINUTE_MS) <= MAX_TICKS) ?? TICK_MINUTES[TICK_MINUTES.length - 1]!;
  const step = stepMinutes * MINUTE_MS;
  const ticks: Timeline['ticks'] = [];
  for (let at = Math.ceil(start / step) * step; at <= end; at += step) ticks.push({ at, position: position(at) });
  return { start, end, blocks, now: now >= start && now <= end ? position(now) : null, ticks };
}

/** Where the stretches booking for later offers (laterSlots) lie on the bar; those outside it are left out. */
export function timelineSlots(line: Timeline, slots: readonly FreeSlot[]): TimelineSlot[] {
  const length = line.end - line.start;
  return slots
    .map((slot) => ({ slot, shownStart: Math.max(slot.start, line.start), shownEnd: Math.min(slot.end, line.end) }))
    .filter(({ shownStart, shownEnd }) => shownEnd > shownStart)
    .map((shown) => ({ ...shown, from: (shown.shownStart - line.start) / length, width: (shown.shownEnd - shown.shownStart) / length }));
}
