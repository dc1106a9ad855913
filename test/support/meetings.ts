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
