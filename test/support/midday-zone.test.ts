import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { zoneAtMidday } from './midday-zone.ts';

describe('a zone where it is midday', () => {
  it('puts every hour of the UTC day at 12 local time', () => {
    for (let hour = 0; hour < 24; hour++) {
      const now = Date.UTC(2026, 10, 21, hour, 30);
      expect(new TZDate(now, zoneAtMidday(now)).getHours(), `at ${hour}:30 UTC`).toBe(12);
    }
  });
});
