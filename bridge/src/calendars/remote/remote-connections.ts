import type { Clock } from '../../../../shared/clock.ts';
import type { RemoteCalendarType } from '../../../../shared/remote-calendar-config.ts';
import type { Logger } from '../../logger.ts';
import type { RoomWithCalendar } from './remote-calendars.ts';
import type { AnyRemoteCalendarProvider, RemoteCalendar } from './remote-provider.ts';
import type { RemoteStore } from './remote-store.ts';

/**
 * Each room's connection to its calendar, made by the provider of its kind
 * and kept while the room's settings stay the same: a room pointed at another
 * calendar, or another account, gets a new one.
 */
export class RemoteConnections {
  readonly #providers: ReadonlyMap<RemoteCalendarType, AnyRemoteCalendarProvider>;
  readonly #deps: { remote: RemoteStore; clock: Clock; logger: Logger };
  readonly #connections = new Map<string, { settings: string; calendar: RemoteCalendar }>();

  constructor(providers: readonly AnyRemoteCalendarProvider[], deps: { remote: RemoteStore; clock: Clock; logger: Logger }) {
    this.#providers = new Map(providers.map((provider) => [provider.type, provider]));
    this.#deps = deps;
  }

  /** Whether rooms of this kind can be served: Google Workspace needs its service account configured. */
  serves(type: RemoteCalendarType): boolean {
    return this.#providers.has(type);
  }

  /** The next `for` connects the room anew: its account was refused, and a password file may have been put right since. */
  forget(roomId: string): void {
    this.#connections.delete(roomId);
  }

  /** The room's connection; undefined when its kind of calendar is not configured in this bridge. */
  for(room: RoomWithCalendar): RemoteCalendar | undefined {
    const settings = settingsOf(room);
    const known = this.#connections.get(room.id);
    if (known?.settings === settings) return known.calendar;
    const provider = this.#providers.get(room.calendar.type);
    if (!provider) return undefined;
    const { remote, clock, logger } = this.#deps;
    const calendar = provider.connect(room, room.calendar as never, { clock, logger: logger.child({ roomId: room.id }), cache: remote.objectCache(room.id) });
    this.#connections.set(room.id, { settings, calendar });
    return calendar;
  }
}

/** What a connection depends on: the calendar's settings and the room's zone (floating times and all-day events are the room's). */
export function settingsOf(room: RoomWithCalendar): string {
  return JSON.stringify({ calendar: room.calendar, timeZone: room.timeZone });
}
