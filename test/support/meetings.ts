import type { AllDayMeeting, Meeting, TimedMeeting } from '../../shared/model.ts';

/** Builders for tests: a meeting with sensible defaults and the fields a test cares about. */
export function timed(start: string, end: string, extra: Partial<TimedMeeting> = {}): Meeting {
  return {
    id: extra.id ?? `m-${start}`,
    roomId: 'room',
    subject: 'Meeting',
    organizer: 'Ada',
    isPrivate: false,
    checkedInAt: null,
    origin: 'calendar',
    ...extra,
    allDay: false,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
  };
}

export function allDay(start: string, end: string, extra: Partial<AllDayMeeting> = {}): Meeting {
  return {
    id: extra.id ?? `d-${start}`,
    roomId: 'room',
    subject: 'All day',
    organizer: null,
    isPrivate: false,
    checkedInAt: null,
    origin: 'calendar',
    ...extra,
    allDay: true,
    start,
    end,
  };
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** `count` occurrences of a weekly series, one week apart from `start`–`end` (instants), ids `<seriesId>-1`, `-2`, … */
export function weeklySeries(seriesId: string, start: string, end: string, count: number, extra: Partial<TimedMeeting> = {}): Meeting[] {
  const week = (instant: string, n: number) => new Date(Date.parse(instant) + n * WEEK_MS).toISOString();
  return Array.from({ length: count }, (_, n) => timed(week(start, n), week(end, n), { id: `${seriesId}-${n + 1}`, ...extra, seriesId }));
}
