import { z } from 'zod';

const WebUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2048);

const PasswordFile = z.string().min(1).max(4096).describe("A file holding the account's password; a trailing newline is not part of it.");

/**
 * A room's calendar on a CalDAV server (Nextcloud, SOGo, Zimbra, Fastmail,
 * iCloud, Radicale): the calendar collection's URL and an account that may
 * write it. The password is read from a file, never written in the rooms
 * file; a room added on the admin page names no file, the bridge keeps its
 * password sealed in its store.
 */
export const CalDavCalendarConfig = z.strictObject({
  type: z.literal('caldav'),
  url: WebUrl.describe("The room's calendar collection, e.g. https://dav.example.com/rooms/board-room/ (ends with /)."),
  username: z.string().min(1).max(256),
  passwordFile: PasswordFile.optional().describe("A file holding the account's password; rooms added on the admin page have none, the bridge keeps theirs."),
});

/** The same in a rooms file, where the password is always in a file. */
export const RoomsFileCalDavConfig = CalDavCalendarConfig.extend({ passwordFile: PasswordFile });
export type CalDavCalendarConfig = z.infer<typeof CalDavCalendarConfig>;

/**
 * A published calendar feed (`.ics`), read-only. Walk-up actions are refused
 * (`read-only-calendar`) unless `walkUps` is `local`: then they are kept in the
 * bridge only, and the feed's owner never sees them.
 */
export const IcsCalendarConfig = z.strictObject({
  type: z.literal('ics'),
  url: WebUrl.describe('The feed, e.g. https://calendar.example.com/board-room.ics.'),
  walkUps: z.enum(['refused', 'local']).default('refused').describe('"local": walk-up bookings are kept in the bridge only; "refused" (the default): the room takes none.'),
});
export type IcsCalendarConfig = z.infer<typeof IcsCalendarConfig>;

/** A room's Google Workspace resource calendar, read and written by the configured service account. */
export const GoogleCalendarConfig = z.strictObject({
  type: z.literal('google'),
  calendarId: z.string().min(1).max(1024).describe('The resource calendar\'s id, e.g. c_1888abc@resource.calendar.google.com.'),
});
export type GoogleCalendarConfig = z.infer<typeof GoogleCalendarConfig>;

/** Where a room's calendar lives when it is neither the bridge's own store nor Microsoft 365. */
export const RemoteCalendarConfig = z.discriminatedUnion('type', [CalDavCalendarConfig, IcsCalendarConfig, GoogleCalendarConfig]);
export type RemoteCalendarConfig = z.infer<typeof RemoteCalendarConfig>;
export type RemoteCalendarType = RemoteCalendarConfig['type'];

/** Whether walk-up actions are taken in a room with this calendar: not on an ICS feed, unless its walk-ups stay in the bridge. */
export function calendarTakesWalkUps(calendar: RemoteCalendarConfig | null): boolean {
  return calendar?.type !== 'ics' || calendar.walkUps === 'local';
}
