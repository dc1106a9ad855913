import { describe, expect, it } from 'vitest';
import type { RoomSummaryStatus } from '../../../shared/building.ts';
import { boardTimeZone } from './board-time-zone.ts';

function room(id: string, timeZone: string): RoomSummaryStatus {
  return { id, name: id, timeZone, capacity: null, equipment: [], location: { building: null, floor: null }, status: 'available', freeUntil: null, busyUntil: null };
}

describe("the board clock's zone", () => {
  it('is the zone most rooms are in', () => {
    expect(boardTimeZone([room('a', 'Europe/London'), room('b', 'Europe/Amsterdam'), room('c', 'Europe/Amsterdam')])).toBe('Europe/Amsterdam');
  });

  it("is the first room's on a tie, and none without rooms", () => {
    expect(boardTimeZone([room('a', 'Asia/Tokyo'), room('b', 'Europe/Amsterdam')])).toBe('Asia/Tokyo');
    expect(boardTimeZone([])).toBeUndefined();
  });
});
