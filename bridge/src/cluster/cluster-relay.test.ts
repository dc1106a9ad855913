import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { PresenceLog } from '../hardware/presence-log.ts';
import type { Microsoft365Integration } from '../microsoft-365/microsoft-365.ts';
import type { RealtimeServer } from '../realtime/socket-server.ts';
import type { ChangeOrigin, RoomService } from '../rooms/room-service.ts';
import { relayBetweenProcesses } from './cluster-relay.ts';
import { roomLease, type SyncOwnership } from './sync-ownership.ts';

/** Two processes' socket.io servers wired as the Redis adapter wires them: a server-side emit reaches the other, never the sender. */
class FakeServer extends EventEmitter {
  other: FakeServer | undefined;
  serverSideEmit(event: string, ...args: unknown[]): boolean {
    return this.other?.emit(event, ...args) ?? false;
  }
}

function pairOfServers(): [FakeServer, FakeServer] {
  const [a, b] = [new FakeServer(), new FakeServer()];
  a.other = b;
  b.other = a;
  return [a, b];
}

/** The part of RoomService the relay uses, recording where each change was heard. */
function roomsHearing() {
  const listeners = new Set<(roomId: string, origin: ChangeOrigin) => void>();
  const heard: [string, ChangeOrigin][] = [];
  const notify = (roomId: string, origin: ChangeOrigin) => {
    for (const listener of listeners) listener(roomId, origin);
  };
  listeners.add((roomId, origin) => heard.push([roomId, origin]));
  const rooms = {
    onRoomChanged: (listener: (roomId: string, origin: ChangeOrigin) => void) => (listeners.add(listener), () => listeners.delete(listener)),
    changedElsewhere: (roomId: string) => notify(roomId, 'elsewhere'),
  };
  return { rooms: rooms as unknown as RoomService, heard, notify };
}

function process_(io: EventEmitter, owned: string[]) {
  const { rooms, heard, notify } = roomsHearing();
  const presence = new PresenceLog();
  const ownership: SyncOwnership = { owns: (lease) => owned.map(roomLease).includes(lease), onGained: () => () => {}, release: async () => {} };
  const microsoft365 = { flushOutbox: vi.fn(async () => {}), followStoredChange: vi.fn(async () => {}), onStoredChange: vi.fn() };
  relayBetweenProcesses(io as unknown as RealtimeServer, { rooms, presence, ownership, microsoft365: microsoft365 as unknown as Microsoft365Integration });
  return { heard, notify, presence, microsoft365 };
}

describe('relay between bridge processes', () => {
  it('a change made here is heard once in the other process, whose lease holder sends the room’s outbox', () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, []);
    const b = process_(ioB, ['harbour']);

    a.notify('harbour', 'here');
    expect(b.heard).toEqual([['harbour', 'elsewhere']]);
    expect(b.microsoft365.flushOutbox).toHaveBeenCalledTimes(1);
    // Heard elsewhere is not relayed back: no echo between processes.
    expect(a.heard).toEqual([['harbour', 'here']]);

    b.notify('lighthouse', 'here');
    expect(a.heard.at(-1)).toEqual(['lighthouse', 'elsewhere']);
    expect(a.microsoft365.flushOutbox).not.toHaveBeenCalled();
  });

  it('a new day, which every process sees at once, is not relayed', () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, []);
    const b = process_(ioB, []);
    a.notify('harbour', 'everywhere');
    expect(b.heard).toEqual([]);
  });

  it('people seen by a base unit in one process keep the room’s meeting from release in the other', () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, []);
    const b = process_(ioB, ['harbour']);
    a.presence.seen('harbour', Date.parse('2026-11-23T09:02:00Z'));
    expect(b.presence.seenSince('harbour', Date.parse('2026-11-23T09:00:00Z'))).toBe(true);
    expect(b.presence.seenSince('harbour', Date.parse('2026-11-23T09:05:00Z'))).toBe(false);
  });

  it('a credential renewed or revoked in one process is followed by the others', () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, []);
    const b = process_(ioB, []);
    const tell = a.microsoft365.onStoredChange.mock.calls[0]?.[0] as (change: string) => void;
    tell('credential-saved');
    tell('revoked');
    expect(b.microsoft365.followStoredChange.mock.calls).toEqual([['credential-saved'], ['revoked']]);
    expect(a.microsoft365.followStoredChange).not.toHaveBeenCalled();
  });
});
