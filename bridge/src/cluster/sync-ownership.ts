/**
 * Which bridge process does the work that must happen exactly once for a
 * room: its calendar sync, sending its walk-up changes to Exchange, releasing
 * its no-shows. Each such duty is a named lease (`roomLease(id)`, and
 * `CREDENTIAL_LEASE` for the credential's midnight renewal).
 *
 * Rules every implementation keeps:
 * - `owns` is true in at most one process at a time for a lease. It turns
 *   false in the holder before any other process can take the lease over, so
 *   a holder cut off from the others stops before a successor starts.
 * - A lease whose holder died is taken over by another process within 30 s.
 * - `onGained` listeners hear a lease as soon as this process holds it, so
 *   the new holder catches up at once instead of at its next period.
 * - `release` gives up every lease, after the holder stopped its work, so a
 *   process that stops cleanly hands over without waiting for expiry.
 */
export interface SyncOwnership {
  owns(lease: string): boolean;
  onGained(listener: (leases: string[]) => void): () => void;
  release(): Promise<void>;
}

export const CREDENTIAL_LEASE = 'credential';
/** Publishing the rooms on the MQTT broker: one publisher keeps each retained topic's messages in order. */
export const MQTT_LEASE = 'mqtt';

/** Room ids are lowercase letters, digits and dashes, so no room's lease can be mistaken for another duty's. */
export function roomLease(roomId: string): string {
  return `room:${roomId}`;
}

/** One bridge process, alone: it owns everything. */
export const soleOwnership: SyncOwnership = {
  owns: () => true,
  onGained: () => () => {},
  release: () => Promise.resolve(),
};
