import { describe, expect, it } from 'vitest';
import { instantOf, intlZone, wallAt } from './zone.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const wall = (reading: string) => Date.parse(`${reading}Z`);

describe('a wall-clock reading in a zone', () => {
  const amsterdam = intlZone('Europe/Amsterdam');
  const newYork = intlZone('America/New_York');

  it('is the instant the zone’s clock shows it, in summer and winter time', () => {
    expect(iso(instantOf(wall('2026-07-01T09:00:00'), amsterdam))).toBe('2026-07-01T07:00:00.000Z');
    expect(iso(instantOf(wall('2026-12-01T09:00:00'), amsterdam))).toBe('2026-12-01T08:00:00.000Z');
    expect(iso(wallAt(Date.parse('2026-12-01T08:00:00Z'), amsterdam))).toBe('2026-12-01T09:00:00.000Z');
  });

  it('is the first of the two instants when clocks go back (RFC 5545 3.3.5)', () => {
    expect(iso(instantOf(wall('2007-11-04T01:30:00'), newYork))).toBe('2007-11-04T05:30:00.000Z');
    expect(iso(instantOf(wall('2026-10-25T02:30:00'), amsterdam))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('is read with the offset before the gap when clocks go forward (RFC 5545 3.3.5)', () => {
    // 02:30 EST, which does not occur: 07:30 UTC, 03:30 EDT.
    expect(iso(instantOf(wall('2007-03-11T02:30:00'), newYork))).toBe('2007-03-11T07:30:00.000Z');
    expect(iso(instantOf(wall('2026-03-29T02:30:00'), amsterdam))).toBe('2026-03-29T01:30:00.000Z');
  });
});
