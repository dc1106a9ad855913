import { createRequire } from 'node:module';
import type * as WindowsIana from 'windows-iana';
import { isValidTimeZone } from '../../../shared/time-zone.ts';

let windowsIana: typeof WindowsIana | undefined;

/** windows-iana's tables take about 9 MB of memory: loaded the first time a calendar names a Windows zone, which most never do. */
function windowsZones(): typeof WindowsIana {
  windowsIana ??= createRequire(import.meta.url)('windows-iana') as typeof WindowsIana;
  return windowsIana;
}

/**
 * The IANA zone a calendar's zone name stands for, or null when Lintel
 * cannot tell which zone it is (then the time is unreadable). Graph's
 * `dateTimeTimeZone.timeZone` and the TZIDs of Outlook's iCalendar exports
 * are Windows zone names as well as 'UTC' and IANA names; a Windows name
 * stands for its golden zone in CLDR's table (territory 001), which follows
 * the same rules, so wall times read the same in either.
 */
// Graph: api-reference/v1.0/resources/datetimetimezone.md
export function ianaZoneOf(zoneName: string): string | null {
  // The one Windows name that is also an IANA one; CLDR's table gives it as Etc/UTC.
  if (zoneName === 'UTC') return 'Etc/UTC';
  if (isValidTimeZone(zoneName)) return zoneName;
  return windowsZones().findIana(zoneName, '001').find(isValidTimeZone) ?? null;
}
