import type { RoomSummaryStatus } from '../../../shared/building.ts';
import type { Messages } from '../i18n/index.ts';

/** A time in a given zone; each room's times are read in its own zone, whatever the screen's. */
export type ZoneTime = (ms: number, timeZone: string) => string;

/** One Intl formatter per zone, however many rooms share it: a hub's 1,000 rooms mostly share one. */
export function zoneTime(locale: string): ZoneTime {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (ms, timeZone) => {
    let format = formats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
      formats.set(timeZone, format);
    }
    return format.format(ms);
  };
}

/** Until when a room is as it is, in the words its own display uses: "Free at 11:00", "Free until 14:30". */
export function untilText(room: RoomSummaryStatus, t: Messages, time: ZoneTime): string {
  if (room.busyUntil !== null) return t.freeAt(time(Date.parse(room.busyUntil), room.timeZone));
  if (room.freeUntil !== null) return t.freeUntil(time(Date.parse(room.freeUntil), room.timeZone));
  return t.freeRestOfDay;
}
