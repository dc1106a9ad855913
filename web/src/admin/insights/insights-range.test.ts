import { describe, expect, it } from 'vitest';
import { isValidRange, localDate, presetRange } from './insights-range.ts';

describe('the ranges an admin picks', () => {
  it('end today and reach back the days, weeks or months they are named by', () => {
    expect(presetRange('last-7-days', '2026-11-23')).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(presetRange('last-4-weeks', '2026-11-23')).toEqual({ from: '2026-10-27', to: '2026-11-23' });
    expect(presetRange('last-3-months', '2026-11-23')).toEqual({ from: '2026-08-24', to: '2026-11-23' });
    expect(presetRange('last-13-months', '2026-11-23')).toEqual({ from: '2025-10-24', to: '2026-11-23' });
  });

  it('go back to the end of a shorter month and across new year', () => {
    expect(presetRange('last-3-months', '2026-05-31')).toEqual({ from: '2026-03-01', to: '2026-05-31' });
    expect(presetRange('last-3-months', '2026-02-10')).toEqual({ from: '2025-11-11', to: '2026-02-10' });
    expect(presetRange('last-7-days', '2026-01-03')).toEqual({ from: '2025-12-28', to: '2026-01-03' });
  });

  it('count whole days over a change to or from daylight saving time', () => {
    // Europe changes its clocks on 29 March and 25 October 2026: a range of dates knows no hours.
    expect(presetRange('last-7-days', '2026-03-31')).toEqual({ from: '2026-03-25', to: '2026-03-31' });
    expect(presetRange('last-4-weeks', '2026-11-01')).toEqual({ from: '2026-10-05', to: '2026-11-01' });
  });

  it("take today where the admin is, not in UTC", () => {
    const at = Date.parse('2026-11-23T23:30:00Z');
    expect(localDate(at, 'UTC')).toBe('2026-11-23');
    expect(localDate(at, 'Pacific/Auckland')).toBe('2026-11-24');
    expect(localDate(at, 'America/Los_Angeles')).toBe('2026-11-23');
  });

  it('refuse a custom range that ends before it starts, or whose dates do not exist', () => {
    expect(isValidRange({ from: '2026-11-01', to: '2026-11-01' })).toBe(true);
    expect(isValidRange({ from: '2026-11-02', to: '2026-11-01' })).toBe(false);
    expect(isValidRange({ from: '2026-02-30', to: '2026-03-01' })).toBe(false);
    expect(isValidRange({ from: '', to: '2026-03-01' })).toBe(false);
  });
});
