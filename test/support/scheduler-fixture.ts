import pino from 'pino';
import type { Clock } from '../../shared/clock.ts';
import { Room } from '../../shared/model.ts';
import { SyncScheduler } from '../../bridge/src/calendars/remote/sync-scheduler.ts';

/** A room linked to a remote calendar, as the scheduler is given it. */
export const linkedRoom = (id: string): Room => Room.parse({ id, name: id, timeZone: 'Europe/Amsterdam', microsoft365: { mailbox: `${id}@contoso.example` } });

/** A 15 s scheduler over `rooms` whose rounds are `round` instead of a sync against a calendar server. */
export function schedulerOver(rooms: Room[], clock: Clock, round: (room: Room) => Promise<boolean>, random: () => number = () => 0.5, neverLate = false): SyncScheduler<Room> {
  return new SyncScheduler({
    sync: { sync: round },
    clock,
    logger: pino({ level: 'silent' }),
    linkedRooms: () => rooms,
    linkedRoom: (id) => rooms.find((room) => room.id === id),
    afterRound: () => {},
    periodSeconds: 15,
    random,
    neverLate,
  });
}
