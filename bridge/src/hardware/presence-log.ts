import type { DeviceKind } from '../devices/room-device.ts';

/** Where an occupancy reading comes from: one of the room's devices, or its occupancy topic on MQTT. */
export type OccupancySource = DeviceKind | 'mqtt';

/** A reading of one of this process's sensors; `people` is null for a sensor that does not count them. */
type ReadingListener = (roomId: string, source: OccupancySource, occupied: boolean, people: number | null) => void;

/**
 * What the rooms' occupancy sensors (a base unit's people count, a ClickShare
 * unit's connected sources, an MQTT topic) say: when people were last seen in
 * each room, and whether the room is occupied now. A room with several
 * sensors is occupied when any of them says so: each sees people its own way
 * (a PIR sensor misses someone sitting still, ClickShare sees only laptops),
 * so one that sees nobody does not outvote one that sees someone.
 */
export class PresenceLog {
  readonly #seenAt = new Map<string, number>();
  readonly #readings = new Map<string, Map<OccupancySource, boolean>>();
  readonly #seenListeners = new Set<(roomId: string, at: number) => void>();
  readonly #readingListeners = new Set<ReadingListener>();

  /**
   * A reading of one of this process's sensors: people seen count as seen
   * now (see seen), and bridge processes sharing the store are told
   * (cluster-relay.ts). `people` is how many it counts, where it counts them.
   * Answers whether the room's occupancy changed.
   */
  report(roomId: string, source: OccupancySource, occupied: boolean, at: number, people: number | null = null): boolean {
    const changed = this.reportElsewhere(roomId, source, occupied);
    for (const listener of this.#readingListeners) listener(roomId, source, occupied, people);
    if (occupied) this.seen(roomId, at);
    return changed;
  }

  /** A reading of a sensor of another bridge process: its displays and MQTT say what that sensor says. */
  reportElsewhere(roomId: string, source: OccupancySource, occupied: boolean): boolean {
    const before = this.occupied(roomId);
    const readings = this.#readings.get(roomId) ?? new Map<OccupancySource, boolean>();
    readings.set(source, occupied);
    this.#readings.set(roomId, readings);
    return this.occupied(roomId) !== before;
  }

  /** Whether any of the room's sensors says it is occupied: null when it has none, or none has said yet. */
  occupied(roomId: string): boolean | null {
    const readings = this.#readings.get(roomId);
    if (!readings || readings.size === 0) return null;
    return [...readings.values()].some(Boolean);
  }

  /** Seen by a sensor of this process: bridge processes sharing the store are told (cluster-relay.ts). */
  seen(roomId: string, at: number): void {
    this.seenElsewhere(roomId, at);
    for (const listener of this.#seenListeners) listener(roomId, at);
  }

  /** Seen by a sensor of another bridge process: the room's no-show release may be decided here. */
  seenElsewhere(roomId: string, at: number): void {
    this.#seenAt.set(roomId, Math.max(at, this.#seenAt.get(roomId) ?? at));
  }

  onSeen(listener: (roomId: string, at: number) => void): () => void {
    this.#seenListeners.add(listener);
    return () => this.#seenListeners.delete(listener);
  }

  onReading(listener: ReadingListener): () => void {
    this.#readingListeners.add(listener);
    return () => this.#readingListeners.delete(listener);
  }

  /** Were people seen in the room at or after `since`? */
  seenSince(roomId: string, since: number): boolean {
    return (this.#seenAt.get(roomId) ?? Number.NEGATIVE_INFINITY) >= since;
  }
}
