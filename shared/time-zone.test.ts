import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localDateOf, localDayOf, localDayOfDate, localTimeOnDayOf, localWeekdayOf, wallTimeToInstant } from './time-zone.ts';

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

describe('wall-clock times', () => {
  it('finds 08:00 on daylight-saving days, not midnight plus eight hours', () => {
    const spring = Date.parse('2026-03-29T12:00:00Z');
    expect(new Date(localTimeOnDayOf(spring, '08:00', 'Europe/Amsterdam')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    const fall = Date.parse('2026-11-01T15:00:00Z');
    expect(new Date(localTimeOnDayOf(fall, '18:00', 'America/New_York')).toISOString()).toBe('2026-11-01T23:00:00.000Z');
  });

  it('tells the ISO weekday in the room zone', () => {
    const sundayNightInNewYork = Date.parse('2026-11-23T02:00:00Z');
    expect(localWeekdayOf(sundayNightInNewYork, 'America/New_York')).toBe(7);
    expect(localWeekdayOf(sundayNightInNewYork, 'Europe/Amsterdam')).toBe(1);
  });
});

describe('wallTimeToInstant', () => {
  it('reads a calendar service wall time in the zone it names, across a daylight-saving change', () => {
    expect(wallTimeToInstant('2026-10-25T01:30:00.0000000', 'Europe/Amsterdam')).toBe(Date.parse('2026-10-24T23:30:00Z'));
    expect(wallTimeToInstant('2026-10-25T09:00:00.0000000', 'Europe/Amsterdam')).toBe(Date.parse('2026-10-25T08:00:00Z'));
    expect(wallTimeToInstant('2026-11-01T09:15:30.5', 'America/New_York')).toBe(Date.parse('2026-11-01T14:15:30.500Z'));
    expect(wallTimeToInstant('2026-11-21T10:00:00', 'UTC')).toBe(Date.parse('2026-11-21T10:00:00Z'));
  });

  it('refuses what is not an offset-free date-time', () => {
    expect(wallTimeToInstant('2026-11-21T10:00:00Z', 'UTC')).toBeNull();
    expect(wallTimeToInstant('tomorrow', 'UTC')).toBeNull();
  });
});
