import { z } from 'zod';
import { GraphProblem } from './errors.ts';
import { instantOfWallTime, utcMidnight, wallTime } from './time.ts';

/**
 * A recurring event's rule, as Graph takes and answers it: how often
 * (pattern) and for how long (range), in the zone of the range.
 */
// Graph: concepts/outlook-schedule-recurring-events.md; resources/patternedrecurrence.md, recurrencepattern.md, recurrencerange.md.
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
type DayOfWeek = (typeof DAYS)[number];
// Days come back lower case whatever case they were sent in (user-post-events.md, "Create a recurring event": "Monday" answered "monday").
const dayOfWeek = z.string().transform((day, ctx): DayOfWeek => {
  const known = DAYS.find((each) => each === day.toLowerCase());
  if (!known) ctx.addIssue({ code: 'custom', message: `'${day}' is not a day of the week` });
  return known ?? 'sunday';
});
const date = z.iso.date();

export const RecurrenceInput = z.object({
  pattern: z.object({
    type: z.enum(['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly']),
    interval: z.number().int().min(1),
    month: z.number().int().min(0).max(12).optional(),
    dayOfMonth: z.number().int().min(0).max(31).optional(),
    daysOfWeek: z.array(dayOfWeek).optional(),
    firstDayOfWeek: dayOfWeek.optional(),
    index: z.enum(['first', 'second', 'third', 'fourth', 'last']).optional(),
  }),
  range: z.object({
    type: z.enum(['endDate', 'noEnd', 'numbered']),
    startDate: date,
    endDate: date.optional(),
    numberOfOccurrences: z.number().int().min(0).optional(),
    recurrenceTimeZone: z.string().optional(),
  }),
});
export type RecurrenceInput = z.input<typeof RecurrenceInput>;

/** The rule as Graph answers it: every property present, defaults filled in (user-post-events.md, "Response 3"). */
export interface PatternedRecurrence {
  readonly pattern: {
    readonly type: z.infer<typeof RecurrenceInput>['pattern']['type'];
    readonly interval: number;
    readonly month: number;
    readonly dayOfMonth: number;
    readonly daysOfWeek: readonly DayOfWeek[];
    readonly firstDayOfWeek: DayOfWeek;
    readonly index: 'first' | 'second' | 'third' | 'fourth' | 'last';
  };
  readonly range: {
    readonly type: 'endDate' | 'noEnd' | 'numbered';
    readonly startDate: string;
    /** Graph's "no date", 0001-01-01, unless the range is endDate. */
    readonly endDate: string;
    readonly recurrenceTimeZone: string;
    readonly numberOfOccurrences: number;
  };
}

const NO_DATE = '0001-01-01';
const DAY_MS = 24 * 60 * 60 * 1000;
/** A series without an end is expanded this far: the emulator stores each occurrence as an event. */
const NO_END_HORIZON_DAYS = 366;

/** A rule from a request (or a test), checked as Graph checks it and answered as Graph answers it; `zone` is the event's start zone. */
export function recurrenceOf(input: unknown, zone: string): PatternedRecurrence {
  const parsed = RecurrenceInput.safeParse(input);
  if (!parsed.success) throw new GraphProblem(400, 'RequestBodyRead', `Invalid recurrence: ${parsed.error.issues[0]?.message}`);
  const { pattern, range } = parsed.data;
  if (pattern.type === 'weekly' && !pattern.daysOfWeek?.length) throw new GraphProblem(400, 'ErrorInvalidRequest', 'A weekly recurrence needs daysOfWeek.');
  if (range.type === 'endDate' && (!range.endDate || range.endDate < range.startDate)) throw new GraphProblem(400, 'ErrorInvalidRequest', 'An endDate range needs an endDate on or after its startDate.');
  if (range.type === 'numbered' && !range.numberOfOccurrences) throw new GraphProblem(400, 'ErrorInvalidRequest', 'A numbered range needs a positive numberOfOccurrences.');
  return {
    pattern: {
      type: pattern.type,
      interval: pattern.interval,
      month: pattern.month ?? 0,
      dayOfMonth: pattern.dayOfMonth ?? 0,
      daysOfWeek: pattern.daysOfWeek ?? [],
      firstDayOfWeek: pattern.firstDayOfWeek ?? 'sunday',
      index: pattern.index ?? 'first',
    },
    range: {
      type: range.type,
      startDate: range.startDate,
      endDate: range.type === 'endDate' ? range.endDate! : NO_DATE,
      recurrenceTimeZone: range.recurrenceTimeZone ?? zone,
      numberOfOccurrences: range.type === 'numbered' ? range.numberOfOccurrences! : 0,
    },
  };
}

/**
 * The times of a series' occurrences: the first event's time of day (and
 * length) on every date of the range that fits the pattern, in the range's
 * zone, so an occurrence keeps its wall time across a daylight saving change.
 * The first occurrence may come after startDate when that date does not fit.
 */
export function occurrenceSpans(recurrence: PatternedRecurrence, first: { start: number; end: number; isAllDay: boolean }): { start: number; end: number }[] {
  const { pattern, range } = recurrence;
  if (pattern.type !== 'daily' && pattern.type !== 'weekly') throw new Error(`The Graph emulator expands daily and weekly recurrences only, not ${pattern.type}.`);
  const zone = range.recurrenceTimeZone;
  const timeOfDay = wallTime(first.start, zone).slice(11);
  const length = first.end - first.start;
  const origin = utcMidnight(range.startDate)!;
  const weekStart = origin - ((new Date(origin).getUTCDay() - DAYS.indexOf(pattern.firstDayOfWeek) + 7) % 7) * DAY_MS;
  const last = range.type === 'endDate' ? utcMidnight(range.endDate)! : origin + NO_END_HORIZON_DAYS * DAY_MS;
  const spans: { start: number; end: number }[] = [];
  for (let day = origin; day <= last; day += DAY_MS) {
    if (range.type === 'numbered' && spans.length >= range.numberOfOccurrences) break;
    const fits =
      pattern.type === 'daily'
        ? Math.round((day - origin) / DAY_MS) % pattern.interval === 0
        : pattern.daysOfWeek.includes(DAYS[new Date(day).getUTCDay()]!) && Math.floor(Math.round((day - weekStart) / DAY_MS) / 7) % pattern.interval === 0;
    if (!fits) continue;
    const start = first.isAllDay ? day : instantOfWallTime(`${new Date(day).toISOString().slice(0, 10)}T${timeOfDay}`, zone)!;
    spans.push({ start, end: start + length });
  }
  return spans;
}
