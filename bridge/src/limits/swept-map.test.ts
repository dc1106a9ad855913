import { describe, expect, it } from 'vitest';
import { SweptMap } from './swept-map.ts';

describe('swept map', () => {
  it('forgets stale entries as it grows, so ever new clients cost bounded memory', () => {
    let latest = 0;
    // Only the last ten clients still matter, say those seen in the last minute.
    const map = new SweptMap<number, number>((value) => value < latest - 10);
    for (latest = 0; latest < 100_000; latest++) map.set(latest, latest);
    expect(map.size).toBeLessThanOrEqual(1024);
    expect(map.get(99_999)).toBe(99_999);
  });

  it('keeps every entry that still matters, however many', () => {
    const map = new SweptMap<number, number>(() => false);
    for (let n = 0; n < 5_000; n++) map.set(n, n);
    expect(map.size).toBe(5_000);
    map.delete(3);
    expect(map.get(3)).toBeUndefined();
  });
});
