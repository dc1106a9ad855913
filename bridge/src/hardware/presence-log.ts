/** When people were last seen in each room by its base unit's occupancy sensor. */
export class PresenceLog {
  readonly #seenAt = new Map<string, number>();

  seen(roomId: string, at: number): void {
    this.#seenAt.set(roomId, at);
  }

  /** Were people seen in the room at or after `since`? */
  seenSince(roomId: string, since: number): boolean {
    return (this.#seenAt.get(roomId) ?? Number.NEGATIVE_INFINITY) >= since;
  }
}
