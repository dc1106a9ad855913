import type { Room } from '../../../../shared/model.ts';
import { readPasswordFile } from '../caldav/password-file.ts';

/**
 * What keeps rooms' calendars from being read, found before the bridge
 * starts rather than at its first sync: a CalDAV password file that cannot
 * be read, a Google room without a Google Workspace account configured
 * (`google`: whether one is; undefined when not known, as for a rooms file
 * checked alone). Each problem names its room.
 */
export function remoteCalendarProblems(rooms: readonly Room[], google: boolean | undefined): string[] {
  return rooms.flatMap((room) => {
    const where = `room "${room.id}": calendar`;
    switch (room.calendar?.type) {
      case 'caldav': {
        const password = readPasswordFile(room.calendar.passwordFile);
        return password.ok ? [] : [`${where}.passwordFile: ${password.message}`];
      }
      case 'google':
        return google === false ? [`${where}: a Google Workspace calendar needs LINTEL_GOOGLE_CREDENTIALS_FILE (the service account's key)`] : [];
      default:
        return [];
    }
  });
}
