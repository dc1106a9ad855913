/** Builders of iCalendar text for tests, written as servers and calendar apps write it: CRLF after every line. */

/** A VCALENDAR holding the given lines (components, VTIMEZONEs). */
export function ics(...lines: string[]): string {
  return `${['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...lines, 'END:VCALENDAR'].join('\r\n')}\r\n`;
}

/** A VEVENT's lines, with the DTSTAMP RFC 5545 3.6.1 requires. */
export function vevent(...lines: string[]): string {
  return ['BEGIN:VEVENT', 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'].join('\r\n');
}

/** Europe/Amsterdam as Thunderbird, Apple Calendar and Nextcloud write it: summer time from the last Sunday of March to the last of October. */
export const AMSTERDAM = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** [start, end) as instants, from ISO strings. */
export function between(start: string, end: string): { start: number; end: number } {
  return { start: Date.parse(start), end: Date.parse(end) };
}
