import type { Room } from '../../../../shared/model.ts';
import { readPasswordFile } from '../caldav/password-file.ts';

/**
 * What keeps rooms' calendars from being read, found before the bridge
 * starts rather than at its first sync: a CalDAV password file that cannot
 * be read. Each problem names its room. (A Google room without a service
 * account is not one: Google Workspace may be connected on the admin page,
 * and until it is the room's warning says so.)
 */
export function remoteCalendarProblems(rooms: readonly Room[]): string[] {
  return rooms.flatMap((room) => {
    if (room.calendar?.type !== 'caldav' || room.calendar.passwordFile === undefined) return [];
    const password = readPasswordFile(room.calendar.passwordFile);
    return password.ok ? [] : [`room "${room.id}": calendar.passwordFile: ${password.message}`];
  });
}
