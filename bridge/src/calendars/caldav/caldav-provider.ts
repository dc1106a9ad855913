import { memoryObjectCache } from '../remote/memory-object-cache.ts';
import type { ObjectCache, RemoteCalendarProvider } from '../remote/remote-provider.ts';
import { CalDavCalendar } from './caldav-calendar.ts';
import { CalDavClient } from './caldav-client.ts';
import { readPasswordFile } from './password-file.ts';
import type { Result } from '../../../../shared/errors.ts';

/** No password (the server refuses it, and the admin is told) when the file cannot be read now. */
const passwordOr = (read: Result<string>) => (read.ok ? read.data : '');

/**
 * Rooms whose calendar is a CalDAV collection. The password is read from its
 * file when the room connects (one that cannot be read is a startup problem,
 * see remote-calendar-problems.ts, so here it can only be a file changed
 * since), or is the one the admin page saved for the room.
 */
export function caldavProvider(options: { fetch?: typeof fetch } = {}): RemoteCalendarProvider<'caldav'> {
  return {
    type: 'caldav',
    connect: (room, config, deps) => {
      const password = config.passwordFile === undefined ? (deps.secret ?? '') : passwordOr(readPasswordFile(config.passwordFile));
      const client = (cache: ObjectCache) => new CalDavClient({ url: config.url, username: config.username, password, cache, now: () => deps.clock.now(), ...options });
      return new CalDavCalendar({ client: client(deps.cache), cache: deps.cache, timeZone: room.timeZone, clock: deps.clock, logger: deps.logger, probe: () => client(memoryObjectCache()) });
    },
  };
}
