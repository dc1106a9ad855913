import type { TimedMeeting } from '../../../shared/model.ts';

/** Where a walk-up booking was made: at the room's panel (a display, its base unit's BOOK button) or on a phone at its door (a room link). */
export type WalkUpMaker = 'panel' | 'phone';

/**
 * The facts about a room's meetings that only the room's own service knows,
 * kept for insights: the calendar shows a walk-up booking, not who made it,
 * and a released no-show simply leaves it. Called inside the transaction
 * that makes the change, so the fact is kept exactly when the change is.
 */
export interface RoomHistory {
  walkUpBooked(roomId: string, meeting: TimedMeeting, madeAt: WalkUpMaker): void;
  releasedNoShow(roomId: string, meeting: TimedMeeting, at: number): void;
}
