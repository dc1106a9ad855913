import type { RoomSummaryStatus } from '../../../shared/building.ts';

/**
 * The zone the board's clock keeps: the one most of its rooms are in (a
 * lobby shows its own building's rooms), the first room's on a tie; none
 * without rooms, and the screen keeps its own.
 */
export function boardTimeZone(rooms: readonly RoomSummaryStatus[]): string | undefined {
  const counts = new Map<string, number>();
  let most: string | undefined;
  for (const { timeZone } of rooms) {
    const count = (counts.get(timeZone) ?? 0) + 1;
    counts.set(timeZone, count);
    if (most === undefined || count > (counts.get(most) ?? 0)) most = timeZone;
  }
  return most;
}
