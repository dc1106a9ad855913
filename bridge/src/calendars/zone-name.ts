import { findIana } from 'windows-iana';
import { isValidTimeZone } from '../../../shared/time-zone.ts';

/**
 * The IANA zone a calendar's zone name stands for, or null when Lintel
 * cannot tell which zone it is (then the time is unreadable). Graph's
 * `dateTimeTimeZone.timeZone` and the TZIDs of Outlook's iCalendar exports
 * are Windows zone names as well as 'UTC' and IANA names; a Windows name
 * stands for its golden zone in CLDR's table (territory 001), which follows
 * the same rules, so wall times read the same in either.
 */
// Graph: api-reference/v1.0/resources/datetimetimezone.md
export function ianaZoneOf(graphZone: string): string | null {
  const windows = findIana(graphZone, '001').find(isValidTimeZone);
  if (windows) return windows;
  return isValidTimeZone(graphZone) ? graphZone : null;
}
