/**
 * A time zone where it is about midday at `now` (a fixed-offset Etc/GMT
 * zone). Tests against a bridge on the real clock give their rooms this
 * zone, so meetings an hour or two ahead are still on the room's day (a
 * display shows today only) whatever time of day the tests run at.
 */
export function zoneAtMidday(now: number): string {
  const offsetHours = 12 - new Date(now).getUTCHours();
  // Etc/GMT signs are POSIX-style, the opposite of ISO: Etc/GMT-5 is five hours ahead of UTC.
  if (offsetHours === 0) return 'Etc/GMT';
  return `Etc/GMT${offsetHours > 0 ? '-' : '+'}${Math.abs(offsetHours)}`;
}
