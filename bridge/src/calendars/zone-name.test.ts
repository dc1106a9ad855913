import { describe, expect, it } from 'vitest';
import { wallTimeToInstant } from '../../../shared/time-zone.ts';
import { ianaZoneOf } from './zone-name.ts';

/** The instant a Graph wall time names in a Graph zone, as an ISO string; null when the zone is unreadable. */
function instant(dateTime: string, graphZone: string): string | null {
  const zone = ianaZoneOf(graphZone);
  if (zone === null) return null;
  const ms = wallTimeToInstant(dateTime, zone);
  return ms === null ? null : new Date(ms).toISOString();
}

describe('a Graph time zone name', () => {
  it('reads a Windows zone name by the Windows-IANA table, in winter and summer time', () => {
    expect(instant('2026-11-23T09:00:00.0000000', 'W. Europe Standard Time')).toBe('2026-11-23T08:00:00.000Z');
    expect(instant('2026-07-01T09:00:00.0000000', 'W. Europe Standard Time')).toBe('2026-07-01T07:00:00.000Z');
    expect(instant('2026-11-23T09:00:00.0000000', 'Pacific Standard Time')).toBe('2026-11-23T17:00:00.000Z');
    expect(instant('2026-11-23T09:00:00.0000000', 'UTC-11')).toBe('2026-11-23T20:00:00.000Z');
  });

  it('reads UTC and IANA names as they are', () => {
    expect(instant('2026-11-23T09:00:00.0000000', 'UTC')).toBe('2026-11-23T09:00:00.000Z');
    expect(instant('2026-11-23T09:00:00.0000000', 'Etc/UTC')).toBe('2026-11-23T09:00:00.000Z');
    expect(instant('2026-11-23T09:00:00.0000000', 'Europe/Amsterdam')).toBe('2026-11-23T08:00:00.000Z');
  });

  it('knows no zone for a legacy custom zone, a made-up name or nothing', () => {
    expect(ianaZoneOf('tzone://Microsoft/Custom')).toBeNull();
    expect(ianaZoneOf('Mars/Olympus')).toBeNull();
    expect(ianaZoneOf('')).toBeNull();
  });
});
