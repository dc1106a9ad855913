import { describe, expect, it } from 'vitest';
import { burnInOffset } from './burn-in.ts';

describe('burn-in drift', () => {
  it('moves a few pixels every 3 minutes and keeps still in between', () => {
    const seen = new Set<string>();
    for (let step = 0; step < 8; step++) {
      const offset = burnInOffset(step * 180_000);
      expect(Math.abs(offset.x)).toBeLessThanOrEqual(3);
      expect(Math.abs(offset.y)).toBeLessThanOrEqual(3);
      expect(burnInOffset(step * 180_000 + 179_999)).toEqual(offset);
      seen.add(`${offset.x},${offset.y}`);
    }
    expect(seen.size).toBe(8);
  });
});
