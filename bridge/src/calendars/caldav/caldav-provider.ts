import type { ObjectCache, RemoteCalendarProvider } from '../remote/remote-provider.ts';
import { CalDavCalendar } from './caldav-calendar.ts';
import { CalDavClient } from './caldav-client.ts';
import { readPasswordFile } from './password-file.ts';

/** An empty cache, for a connection test that must leave the room's own cache as it is. */
function scratchCache(): ObjectCache {
  const objects = new Map<string, { href: string; etag: string | null; body: string }>();
  return {
    list: () => [...objects.values()],
    get: (href) => objects.get(href),
    put: (object) => void objects.set(object.href, object),
    delete: (href) => void objects.delete(href),
    clear: () => objects.clear(),
  };
}

/**
 * Rooms whose calendar is a CalDAV collection. The password is read from its
 * file when the room connects; one that cannot be read is a startup problem
 * (see remote-calendar-problems.ts), so here it can only be a file changed since.
 */
export function caldavProvider(options: { fetch?: typeof fetch } = {}): RemoteCalendarProvider<'caldav'> {
  return {
    type: 'caldav',
    connect: (room, config, deps) => {
      const password = readPasswordFile(config.passwordFile);
      const client = (cache: ObjectCache) =>
        new CalDavClient({ url: config.url, username: config.username, password: password.ok ? password.data : '', cache, now: () => deps.clock.now(), ...options });
      return new CalDavCalendar({ client: client(deps.cache), cache: deps.cache, timeZone: room.timeZone, clock: deps.clock, logger: deps.logger, probe: () => client(scratchCache()) });
    },
  };
}
