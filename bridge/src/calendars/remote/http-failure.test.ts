import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './http-failure.ts';

const NOW = Date.parse('2026-03-02T09:00:00Z');

describe('parseRetryAfter (RFC 9110 10.2.3)', () => {
  it('reads a number of seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date in each of its three forms, as GMT', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:01:30 GMT', NOW)).toBe(90_000);
    expect(parseRetryAfter('Monday, 02-Mar-26 09:01:30 GMT', NOW)).toBe(90_000);
    expect(parseRetryAfter('Mon Mar  2 09:01:30 2026', NOW)).toBe(90_000);
  });

  it('answers 0 for a date already past, and nothing for what it cannot read', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:00:00 GMT', NOW)).toBe(0);
    for (const value of [null, undefined, '', 'soon', '-5', '1.5', '2026-03-02T09:01:30Z']) expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});
