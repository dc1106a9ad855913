import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localDateOf, localDayOf, localDayOfDate } from './time-zone.ts';

const HOUR = 3_600_000;

describe('local days', () => {
  it.each([
    ['Europe/Amsterdam', '2026-03-29', 23],
    ['Europe/Amsterdam', '2026-10-25', 25],
    ['America/New_York', '2026-03-08', 23],
    ['America/New_York', '2026-11-01', 25],
    ['Europe/Amsterdam', '2026-11-21', 24],
  ])('%s on %s lasts %i hours', (zone, date, hours) => {
    const day = localDayOfDate(date, zone);
    expect((day.end - day.start) / HOUR).toBe(hours);
    expect(localDateOf(day.start, zone)).toBe(date);
    expect(localDateOf(day.end - 1, zone)).toBe(date);
  });

  it('starts at local midnight, whatever the offset', () => {
    expect(new Date(localDayOfDate('2026-10-25', 'Europe/Amsterdam').start).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(new Date(localDayOfDate('2026-11-01', 'America/New_York').end).toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('puts one instant on different dates in different zones', () => {
    const instant = Date.parse('2026-11-21T23:30:00Z');
    expect(localDateOf(instant, 'America/New_York')).toBe('2026-11-21');
    expect(localDateOf(instant, 'Europe/Amsterdam')).toBe('2026-11-22');
    expect(localDayOf(instant, 'Asia/Tokyo').start).toBe(Date.parse('2026-11-21T15:00:00Z'));
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and refuses anything else', () => {
    expect(isValidTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
