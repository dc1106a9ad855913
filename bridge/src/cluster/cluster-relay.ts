import type { PresenceLog } from '../hardware/presence-log.ts';
import type { Microsoft365Integration } from '../microsoft-365/microsoft-365.ts';
import type { RealtimeServer } from '../realtime/socket-server.ts';
import type { RoomService } from '../rooms/room-service.ts';
import { roomLease, type SyncOwnership } from './sync-ownership.ts';

/**
 * Tells the other bridge processes sharing this store what changed here, over
 * socket.io's server-side events (carried by the Redis adapter): a room
 * changed (its base unit, no-show timers and outbox follow, wherever they
 * run), people were seen in a room (its no-show release may be decided in
 * another process), or the Microsoft 365 credential was renewed (every
 * process signs in with the new one before the old one is gone) or revoked
 * (every process stops using it).
 */
export function relayBetweenProcesses(
  io: RealtimeServer,
  ports: { rooms: RoomService; presence: PresenceLog; ownership: SyncOwnership; microsoft365: Microsoft365Integration | undefined },
): void {
  const { rooms, presence, ownership, microsoft365 } = ports;
  io.on('room:changed', (roomId) => {
    rooms.changedElsewhere(roomId);
    // A walk-up change queued in another process is sent by the room's lease holder.
    if (ownership.owns(roomLease(roomId))) void microsoft365?.flushOutbox();
  });
  io.on('presence:seen', (roomId, at) => presence.seenElsewhere(roomId, at));
  io.on('m365:stored-change', (change) => void microsoft365?.followStoredChange(change));
  presence.onSeen((roomId, at) => io.serverSideEmit('presence:seen', roomId, at));
  microsoft365?.onStoredChange((change) => io.serverSideEmit('m365:stored-change', change));
  rooms.onRoomChanged((roomId, origin) => {
    if (origin === 'here') io.serverSideEmit('room:changed', roomId);
  });
}
