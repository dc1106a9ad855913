import type { RemoteCalendarConfig } from '../../../../shared/remote-calendar-config.ts';
import { maskedUrl, maskedWebhookUrl } from '../../masked-url.ts';
import type { CalendarSettings } from './calendar-settings.ts';

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

/** Where a room's calendar is, as a warning names it: its mailbox, or as the admin page describes it. */
export function calendarName(calendar: CalendarSettings): string {
  return calendar.type === 'microsoft365' ? calendar.mailbox : describeCalendar(calendar).describe;
}
