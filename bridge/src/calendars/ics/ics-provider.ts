import type { RemoteCalendarProvider } from '../remote/remote-provider.ts';
import { IcsCalendar } from './ics-calendar.ts';

/** Rooms whose calendar is a published ICS feed; `fetch` is the test's, or the global one. */
export function icsProvider(options: { fetch?: typeof fetch } = {}): RemoteCalendarProvider<'ics'> {
  return {
    type: 'ics',
    connect: (room, config, deps) => new IcsCalendar({ url: config.url, timeZone: room.timeZone, ...deps, ...options }),
  };
}
