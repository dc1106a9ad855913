import pino from 'pino';
import type { Clock } from '../../shared/clock.ts';
import { Room } from '../../shared/model.ts';
import type { RoomSync, RoomWithLink } from '../../bridge/src/calendars/microsoft-365/room-sync.ts';
import { SyncScheduler } from '../../bridge/src/calendars/microsoft-365/sync-scheduler.ts';

/** A room linked to its mailbox, as the scheduler is given it. */
export const linkedRoom = (id: string) => Room.parse({ id, name: id, timeZone: 'Europe/Amsterdam', microsoft365: { mailbox: `${id}@contoso.example` } }) as RoomWithLink;

/** A 15 s scheduler over `rooms` whose rounds are `round` instead of a delta sync against Graph. */
export function schedulerOver(rooms: RoomWithLink[], clock: Clock, round: (room: RoomWithLink) => Promise<boolean>, random: () => number = () => 0.5): SyncScheduler {
  return new SyncScheduler({
    sync: { sync: round } as unknown as RoomSync,
    clock,
    logger: pino({ level: 'silent' }),
    linkedRooms: () => rooms,
    linkedRoom: (id) => rooms.find((room) => room.id === id),
    afterRound: () => {},
    periodSeconds: 15,
    random,
  });
}
