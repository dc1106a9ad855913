import type { DiscoveredGoogleRoom, DiscoveredRoom } from '../../../shared/admin-api.ts';
import { Room } from '../../../shared/model.ts';
import type { RoomStore } from '../store/room-store.ts';

/** A room the admin picked in a calendar's directory: Microsoft 365's Places, or Google Workspace's resource calendars. */
export type Discovered = { microsoft365: DiscoveredRoom } | { google: DiscoveredGoogleRoom };

/**
 * The bridge's room for a discovered one: the room already on that calendar,
 * or a new one on it, named and placed as the directory says (in `timeZone`,
 * which neither directory gives), with an id made readable from its mailbox
 * or its name.
 */
export function roomForDiscovered(store: RoomStore, found: Discovered, options: { now: number; timeZone: string }): { room: Room; created: boolean } {
  const rooms = store.listRooms();
  const existing =
    'microsoft365' in found
      ? rooms.find((room) => room.microsoft365?.mailbox.toLowerCase() === found.microsoft365.mailbox.toLowerCase())
      : rooms.find((room) => room.calendar?.type === 'google' && room.calendar.calendarId.toLowerCase() === found.google.calendarId.toLowerCase());
  if (existing) return { room: existing, created: false };
  const discovered = 'microsoft365' in found ? found.microsoft365 : found.google;
  const idFrom = 'microsoft365' in found ? (found.microsoft365.mailbox.split('@')[0] ?? '') : found.google.name;
  const room = Room.parse({
    id: freeRoomId(idFrom.toLowerCase(), new Set(rooms.map((each) => each.id))),
    name: discovered.name,
    timeZone: options.timeZone,
    capacity: discovered.capacity,
    location: discovered.location,
    ...('microsoft365' in found ? { microsoft365: { mailbox: found.microsoft365.mailbox } } : { calendar: { type: 'google', calendarId: found.google.calendarId } }),
  });
  store.saveRoom(room, options.now);
  return { room, created: true };
}

/** A readable, unused room id: `ams-4.12` (a mailbox's local part) or `Aurora (8)` (a name) give `ams-4-12` and `aurora-8`. */
export function freeRoomId(from: string, taken: Set<string>): string {
  const base = from.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'room';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
