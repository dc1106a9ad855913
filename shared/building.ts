import { z } from 'zod';
import { Instant, Room, RoomId, RoomStatus, type RoomState } from './model.ts';

/**
 * One room of a building at a glance, for the building overview and "find a
 * free room": where it is, what it offers and whether it is free, and
 * nothing a passer-by may not read (no subjects, organizers, PINs or
 * mailboxes), so any screen on the LAN may show it.
 */
export const RoomSummaryStatus = Room.pick({ id: true, name: true, timeZone: true, capacity: true, equipment: true, location: true }).extend({
  status: RoomStatus,
  freeUntil: Instant.nullable().describe('When the room is not busy: when its next meeting today starts; null when none follows today.'),
  busyUntil: Instant.nullable().describe('When the room is busy: when it becomes free, across back-to-back meetings.'),
});
export type RoomSummaryStatus = z.infer<typeof RoomSummaryStatus>;

/** A free room nearby, as "find a free room" lists it: `open` when anyone may book it, so a display elsewhere may, for the person at it. */
export const FreeRoomNearby = RoomSummaryStatus.extend({ open: z.boolean() });
export type FreeRoomNearby = z.infer<typeof FreeRoomNearby>;

/** `building:watch`: no options yet; strict, so a client expecting some is told. */
export const BuildingWatchRequest = z.strictObject({});

/** `rooms:free-nearby`: the room whose display asks. */
export const FreeNearbyRequest = z.strictObject({ roomId: RoomId });
export type FreeNearbyRequest = z.infer<typeof FreeNearbyRequest>;

/** The summary of a room's full state: the same status the room's own displays show, its schedule left out. */
export function roomSummaryStatus(state: RoomState): RoomSummaryStatus {
  const { id, name, timeZone, capacity, equipment, location } = state.room;
  return { id, name, timeZone, capacity, equipment, location, status: state.status, freeUntil: state.freeUntil, busyUntil: state.busyUntil };
}
