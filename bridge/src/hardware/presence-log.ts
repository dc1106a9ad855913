/**
 * What the rooms' occupancy sensors (a base unit's, an MQTT topic's) say:
 * when people were last seen in each room, and whether the last reading
 * said the room is occupied.
 */
export class PresenceLog {
  readonly #seenAt = new Map<string, number>();
  readonly #occupied = new Map<string, boolean>();
  readonly #listeners = new Set<(roomId: string, at: number) => void>();

  /** A sensor's reading: people seen count as seen now (see seen). */
  report(roomId: string, occupied: boolean, at: number): void {
    this.#occupied.set(roomId, occupied);
    if (occupied) this.seen(roomId, at);
  }

  /** The last reading of the room's sensor: null when the room has none, or it has not said yet. */
  occupied(roomId: string): boolean | null {
    return this.#occupied.get(roomId) ?? null;
  }

  /** Seen by a base unit of this process: bridge processes sharing the store are told (cluster-relay.ts). */
  seen(roomId: string, at: number): void {
    this.seenElsewhere(roomId, at);
    for (const listener of this.#listeners) listener(roomId, at);
  }

  /** Seen by a base unit of another bridge process: the room's no-show release may be decided here. */
  seenElsewhere(roomId: string, at: number): void {
    this.#seenAt.set(roomId, Math.max(at, this.#seenAt.get(roomId) ?? at));
  }

  onSeen(listener: (roomId: string, at: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Were people seen in the room at or after `since`? */
  seenSince(roomId: string, since: number): boolean {
    return (this.#seenAt.get(roomId) ?? Number.NEGATIVE_INFINITY) >= since;
  }
}
