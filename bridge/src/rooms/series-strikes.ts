/**
 * Where a recurring series stands in a room: its no-shows in a row, the
 * last occurrence counted (so a release repeated for the same occurrence
 * counts once), and when it last lost the room.
 */
export interface SeriesStrikes {
  count: number;
  lastMeetingId: string | null;
  releasedAt: number | null;
}

export const NO_STRIKES: SeriesStrikes = { count: 0, lastMeetingId: null, releasedAt: null };

/** What one released no-show does to its series. */
export type StrikeOutcome =
  /** This occurrence was counted already. */
  | { kind: 'counted-before' }
  | { kind: 'strike'; count: number; next: SeriesStrikes }
  /** The `limit`th no-show in a row: the series loses the room, and a new run starts from nothing. */
  | { kind: 'series-lost'; count: number; next: SeriesStrikes };

/** One more no-show of occurrence `meetingId`, with the room's checkIn.strikes as `limit`. */
export function strike(current: SeriesStrikes, meetingId: string, limit: number, now: number): StrikeOutcome {
  if (current.lastMeetingId === meetingId) return { kind: 'counted-before' };
  const count = current.count + 1;
  if (count >= limit) return { kind: 'series-lost', count, next: { count: 0, lastMeetingId: meetingId, releasedAt: now } };
  return { kind: 'strike', count, next: { ...current, count, lastMeetingId: meetingId } };
}

/**
 * An occurrence someone came to (checked in, or seen in the room): the run
 * of no-shows is broken. The last occurrence counted stays known, so a late
 * repeat of its release still counts nothing.
 */
export function attended(current: SeriesStrikes): SeriesStrikes {
  return { ...current, count: 0 };
}
