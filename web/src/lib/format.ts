import type { Meeting, Privacy } from '../../../shared/model.ts';
import type { Messages } from '../i18n/index.ts';

/** Formatters made, by locale and zone: the first costs tens of milliseconds on a display's CPU (ICU loads the locale's patterns). */
const made = new Map<string, ReturnType<typeof makeFormatters>>();

/**
 * All dates and times go through Intl in the room's time zone: the display
 * may run on a machine set to another zone, and 12/24 h follows the locale.
 * Made once per locale and zone; the number formatters, which a room's first
 * screen seldom needs, when first used.
 */
export function createFormatters(locale: string, timeZone: string) {
  const key = `${locale} ${timeZone}`;
  const known = made.get(key);
  if (known) return known;
  const formatters = makeFormatters(locale, timeZone);
  made.set(key, formatters);
  return formatters;
}

/**
 * Makes the formatters of the display's locale while it waits for the
 * bridge's first answer, in the zone it guesses (this machine's): the costly
 * first one is then made before the room's screen is drawn, not in its way.
 */
export function warmFormatters(locale: string): void {
  createFormatters(locale, new Intl.DateTimeFormat().resolvedOptions().timeZone);
}

function makeFormatters(locale: string, timeZone: string) {
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
  const date = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone });
  let minutes: Intl.NumberFormat | undefined;
  let count: Intl.NumberFormat | undefined;
  let relative: Intl.RelativeTimeFormat | undefined;
  return {
    time: (ms: number) => time.format(ms),
    date: (ms: number) => date.format(ms),
    range: (start: number, end: number) => time.formatRange(start, end),
    minutes: (n: number) => (minutes ??= new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' })).format(n),
    count: (n: number) => (count ??= new Intl.NumberFormat(locale)).format(n),
    minutesAgo: (n: number) => (relative ??= new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(-n, 'minute'),
  };
}

export type Formatters = ReturnType<typeof createFormatters>;

/**
 * What a passer-by may read of a meeting: private meetings are always
 * "Private meeting"; a room may hide subjects (organizer only) or both.
 */
export function visibleSubject(meeting: Meeting, privacy: Privacy, t: Messages): string {
  if (meeting.isPrivate) return t.privateMeeting;
  if (privacy !== 'subject-and-organizer') return t.reserved;
  return meeting.subject.trim() || t.reserved;
}

export function visibleOrganizer(meeting: Meeting, privacy: Privacy): string | null {
  if (meeting.isPrivate || privacy === 'hidden') return null;
  return meeting.organizer;
}

/** Whole minutes left, rounded up: "1 min left" until the very end, never "0 min". */
export function minutesLeft(now: number, end: number): number {
  return Math.max(0, Math.ceil((end - now) / 60_000));
}
