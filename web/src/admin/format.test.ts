import { describe, expect, it } from 'vitest';
import { createAdminFormat } from './format.ts';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const before = (ms: number) => new Date(NOW - ms).toISOString();

describe('relative times', () => {
  it('say how long ago, in the largest unit that fits', () => {
    const format = createAdminFormat('en-GB');
    expect(format.ago(before(20_000), NOW)).toBe('now');
    expect(format.ago(before(5 * 60_000 + 59_000), NOW)).toBe('5 minutes ago');
    expect(format.ago(before(60_000), NOW)).toBe('1 minute ago');
    expect(format.ago(before(2 * 3600_000), NOW)).toBe('2 hours ago');
    expect(format.ago(before(3 * 86_400_000 + 5 * 3600_000), NOW)).toBe('3 days ago');
    expect(format.ago(before(65 * 86_400_000), NOW)).toBe('2 months ago');
    expect(format.ago(before(800 * 86_400_000), NOW)).toBe('2 years ago');
  });

  it('never say "in 2 minutes" when the admin\'s clock is behind the bridge\'s', () => {
    expect(createAdminFormat('en-GB').ago(before(-2 * 60_000), NOW)).toBe('now');
  });

  it("speak the admin's language", () => {
    expect(createAdminFormat('de-DE').ago(before(5 * 60_000), NOW)).toBe('vor 5 Minuten');
    expect(createAdminFormat('ja').ago(before(3 * 86_400_000), NOW)).toBe('3 日前');
  });
});

describe('numbers of days', () => {
  it('are worded with their plural in each language', () => {
    expect(createAdminFormat('en-GB').days(1)).toBe('1 day');
    expect(createAdminFormat('en-GB').days(30)).toBe('30 days');
    expect(createAdminFormat('de-DE').days(31)).toBe('31 Tage');
    expect(createAdminFormat('es-ES').days(30)).toBe('30 días');
  });
});
