import type { Meeting } from '../../../shared/model.ts';

/**
 * All dates and times go through Intl in the room's time zone: the display
 * may run on a machine set to another zone, and 12/24 h follows the locale.
 */
export function createFormatters(locale: string, timeZone: string) {
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
  const date = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone });
  const minutes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' });
  return {
    time: (ms: number) => time.format(ms),
    date: (ms: number) => date.format(ms),
    range: (start: number, end: number) => time.formatRange(start, end),
    minutes: (count: number) => minutes.format(count),
  };
}

export type Formatters = ReturnType<typeof createFormatters>;

/** Private meetings never show their subject or organizer, whatever the room's settings. */
export function visibleSubject(meeting: Meeting): string {
  return meeting.isPrivate ? 'Private meeting' : meeting.subject.trim() || 'Reserved';
}

export function visibleOrganizer(meeting: Meeting): string | null {
  return meeting.isPrivate ? null : meeting.organizer;
}

/** Whole minutes left, rounded up: "1 min left" until the very end, never "0 min". */
export function minutesLeft(now: number, end: number): number {
  return Math.max(0, Math.ceil((end - now) / 60_000));
}
