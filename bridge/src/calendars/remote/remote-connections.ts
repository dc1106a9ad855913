import type { Clock } from '../../../../shared/clock.ts';
import type { Logger } from '../../logger.ts';
import { caldavPasswordOf, type CalendarSecrets } from './calendar-secrets.ts';
import type { CalendarKind, RoomOnCalendar } from './calendar-settings.ts';
import type { AnyRemoteCalendarProvider, RemoteCalendar } from './remote-provider.ts';
import type { RemoteStore } from './remote-store.ts';

/**
 * The provider of a kind of calendar, loaded the first time a room needs it
 * (a bridge with no CalDAV room carries no CalDAV code); undefined when that
 * kind is not configured (Google Workspace without a service account). It may
 * answer another provider later: Google's, once its key was replaced.
 */
export type ProviderLoader = (type: CalendarKind) => Promise<AnyRemoteCalendarProvider | undefined>;

/** A loader for providers already made (tests, and bridges that know their kinds up front). */
export function providersFrom(providers: readonly AnyRemoteCalendarProvider[]): ProviderLoader {
  return (type) => Promise.resolve(providers.find((provider) => provider.type === type));
}

/**
 * Each room's connection to its calendar, made by the provider of its kind
 * and kept while the room's settings, its saved password and the provider
 * stay the same: a room pointed at another calendar or account, given a new
 * password on the admin page (here or in another bridge process), or on a
 * Google Workspace connected anew, gets a new one.
 */
export class RemoteConnections {
  readonly #providers: ProviderLoader;
  readonly #deps: { remote: RemoteStore; clock: Clock; logger: Logger; secrets: CalendarSecrets | undefined };
  readonly #connections = new Map<string, { settings: string; provider: AnyRemoteCalendarProvider; calendar: RemoteCalendar }>();

  constructor(providers: ProviderLoader, deps: { remote: RemoteStore; clock: Clock; logger: Logger; secrets: CalendarSecrets | undefined }) {
    this.#providers = providers;
    this.#deps = deps;
  }

  /** The next `for` connects the room anew: its account was refused, and a password file may have been put right since. */
  forget(roomId: string): void {
    this.#connections.delete(roomId);
  }

  /** The room's connection; undefined when its kind of calendar is not configured in this bridge. */
  async for(room: RoomOnCalendar): Promise<RemoteCalendar | undefined> {
    const provider = await this.#providers(room.calendar.type);
    if (!provider) return undefined;
    const { remote, clock, logger, secrets } = this.#deps;
    // Only a CalDAV room added on the admin page has a saved password; it is asked for when its time changed.
    const password = room.calendar.type === 'caldav' && room.calendar.passwordFile === undefined ? caldavPasswordOf(room.id) : undefined;
    const settings = JSON.stringify([settingsOf(room), password === undefined ? null : (secrets?.savedAt(password) ?? null)]);
    const known = this.#connections.get(room.id);
    if (known?.settings === settings && known.provider === provider) return known.calendar;
    const calendar = provider.connect(room, room.calendar as never, {
      clock,
      logger: logger.child({ roomId: room.id }),
      cache: remote.objectCache(room.id),
      secret: password === undefined ? undefined : secrets?.get(password),
    });
    this.#connections.set(room.id, { settings, provider, calendar });
    return calendar;
  }
}

/** What a room's copy depends on: the calendar's settings and the room's zone (floating times and all-day events are the room's). */
export function settingsOf(room: RoomOnCalendar): string {
  return JSON.stringify({ calendar: room.calendar, timeZone: room.timeZone });
}
