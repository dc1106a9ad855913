import type { Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { InsightsAnswer, InsightsQuery } from '../../../shared/insights.ts';
import type { Room } from '../../../shared/model.ts';
import { computeInsights } from './compute-insights.ts';
import type { MeetingHistory } from './meeting-history.ts';
import { localDates } from './office-hours.ts';
import type { PresenceHistory } from './presence-history.ts';

export interface InsightsServiceDeps {
  /** The rooms the bridge serves now. */
  rooms: () => Room[];
  meetings: MeetingHistory;
  presence: PresenceHistory;
  /** Whether the room has an occupancy sensor now. */
  hasSensor: (room: Room) => boolean;
  clock: Clock;
}

/** Answers insights queries (GET /api/admin/insights and its CSV) from the history in the store. */
export class InsightsService {
  readonly #deps: InsightsServiceDeps;

  constructor(deps: InsightsServiceDeps) {
    this.#deps = deps;
  }

  answer(query: InsightsQuery): Result<InsightsAnswer> {
    const { meetings, presence, hasSensor, clock } = this.#deps;
    const rooms = this.#deps.rooms().filter((room) => chosen(room, query));
    if (query.roomId !== undefined && rooms.length === 0) return fail('room-not-found', `There is no room "${query.roomId}".`);
    const now = clock.now();
    // Every chosen room's dates, each in its own zone, read from the store at once.
    const ranges = rooms.map((room) => localDates(room.timeZone, query.from, query.to));
    const span = { start: Math.min(...ranges.map((range) => range.start)), end: Math.min(now, Math.max(...ranges.map((range) => range.end))) };
    const roomIds = span.end > span.start ? rooms.map((room) => room.id) : [];
    return ok(
      computeInsights({
        from: query.from,
        to: query.to,
        rooms,
        meetings: meetings.usageStartingIn(roomIds, span),
        presence: presence.overlapping(roomIds, span),
        hasSensor,
        now,
      }),
    );
  }
}

/** A room asked for by id, or by where it is (a building, a floor, or both). */
function chosen(room: Room, query: InsightsQuery): boolean {
  if (query.roomId !== undefined) return room.id === query.roomId;
  if (query.building !== undefined && room.location.building !== query.building) return false;
  return query.floor === undefined || room.location.floor === query.floor;
}
