import type { RoomState } from '../../../../shared/model.ts';

/**
 * What the MQTT link needs of the bridge's rooms. Wired by the composition
 * root, e.g. from the room service and the presence log.
 */
export interface MqttRooms {
  /** The rooms this bridge serves now. */
  roomIds(): string[];
  /** The room's state now; undefined for a room the bridge no longer serves (its entities are then removed from Home Assistant). */
  stateOf(roomId: string): RoomState | undefined;
  /** Called with a room's id whenever its state, its settings or its occupancy changes, or it is added or removed; returns an unsubscribe function. */
  onRoomChanged(listener: (roomId: string) => void): () => void;
  /** The room's occupancy as last reported by any of its sensors; null with no sensor or no reading yet. */
  occupancyOf(roomId: string): boolean | null;
  /** The room has an occupancy sensor other than its `settings.occupancyTopic` (a base unit's): Home Assistant gets an "Occupied" entity for it. */
  hasOccupancySensor(roomId: string): boolean;
}
