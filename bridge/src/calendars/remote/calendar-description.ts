import type { RemoteCalendarConfig } from '../../../../shared/remote-calendar-config.ts';
import { maskedUrl, maskedWebhookUrl } from '../../masked-url.ts';

/** A room's calendar as the admin page and the log show it: where it is, never a password or a secret in its URL. */
export function describeCalendar(calendar: RemoteCalendarConfig): { type: RemoteCalendarConfig['type']; describe: string } {
  switch (calendar.type) {
    case 'google':
      return { type: 'google', describe: calendar.calendarId };
    case 'caldav':
      return { type: 'caldav', describe: `${maskedUrl(calendar.url)} as ${calendar.username}` };
    // A feed's address is often its secret (a "secret address in iCal format"): its site only.
    case 'ics':
      return { type: 'ics', describe: maskedWebhookUrl(calendar.url) };
  }
}
