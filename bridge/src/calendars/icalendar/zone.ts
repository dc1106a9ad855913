import { tzOffset } from '@date-fns/tz';
import { DAY_MS, MINUTE_MS } from '../../../../shared/clock.ts';
import type { Wall } from './wall-time.ts';

/** A time zone as iCalendar times need it: its offset from UTC at any instant. */
export interface Zone {
  /** Milliseconds to add to an instant to read the zone's wall clock. */
  offsetAt(instant: number): number;
}

export const UTC_ZONE: Zone = { offsetAt: () => 0 };

/** An IANA zone, by the runtime's Intl data (the caller checks the name first). */
export function intlZone(timeZone: string): Zone {
  return { offsetAt: (instant) => tzOffset(timeZone, new Date(instant)) * MINUTE_MS };
}

/** What the zone's wall clock reads at an instant. */
export function wallAt(instant: number, zone: Zone): Wall {
  return instant + zone.offsetAt(instant);
}

/**
 * The instant a wall-clock reading names in a zone.
 * RFC 5545 3.3.5: a reading that occurs twice (clocks go back) is its first
 * occurrence; one that does not occur (clocks go forward) is read with the
 * offset before the gap. RFC 5545 3.3.10 reads generated occurrences the same way.
 */
export function instantOf(wall: Wall, zone: Zone): number {
  // The offsets a day either side: a reading can only mean one of them (no zone changes twice in two days).
  const before = zone.offsetAt(wall - DAY_MS);
  const after = zone.offsetAt(wall + DAY_MS);
  const readings = [wall - before, wall - after].filter((instant) => wallAt(instant, zone) === wall);
  if (readings.length > 0) return Math.min(...readings);
  return wall - before;
}
