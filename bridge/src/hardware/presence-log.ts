/** When people were last seen in each room by its base unit's occupancy sensor. */
export class PresenceLog {
  readonly #seenAt = new Map<string, number>();
  readonly #listeners = new Set<(roomId: string, at: number) => void>();

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
