import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/errors.ts';
import { Room, RoomAccess } from '../../shared/model.ts';
import { GoogleCalendarConfig, IcsCalendarConfig, RoomsFileCalDavConfig } from '../../shared/remote-calendar-config.ts';
import { deepStrict } from '../../shared/strict-schema.ts';
import { describeIssues } from '../../shared/validation.ts';

/** A room's calendar as a rooms file gives it: a CalDAV password is in a file there (only the admin page keeps one in the bridge). */
const RoomsFileCalendar = z.discriminatedUnion('type', [RoomsFileCalDavConfig, IcsCalendarConfig, GoogleCalendarConfig]);

/**
 * A room as the rooms file gives it: its `access` is optional, so a file
 * that does not say keeps what an admin chose on the admin page across
 * restarts (see roomsToSave), and is `paired` otherwise.
 */
export const ConfiguredRoom = Room.extend({
  calendar: RoomsFileCalendar.nullable().default(null),
  access: RoomAccess.optional().describe(
    "Who may read the room's meetings and act on it: \"paired\" (its paired displays, phones that scanned its display's QR code, admins) or \"open\" (anyone on the network). Left out: what the admin page set, else \"paired\".",
  ),
});
export type ConfiguredRoom = z.infer<typeof ConfiguredRoom>;

/**
 * A bridge's rooms file: each room with its settings, checked by the same
 * schema as everything else, strict throughout: a misspelt or unsupported
 * key is a problem listed with its path, not a setting silently ignored.
 */
export const RoomsFile = deepStrict(z.object({
  /** Where an editor finds the JSON Schema (kiosk-config/schema/rooms.schema.json) to check the file as it is typed. */
  $schema: z.string().optional(),
  rooms: z
    .array(ConfiguredRoom)
    .min(1)
    .superRefine(
      (rooms, ctx) => {
        const seen = new Set<string>();
        rooms.forEach((room, index) => {
          // Runs even when other rooms have problems (every problem is listed at once), so a room may not be an object here.
          const id: unknown = (room as Partial<Room> | null)?.id;
          if (typeof id !== 'string') return;
          if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `room id "${id}" is used twice`, path: [index, 'id'] });
          seen.add(id);
          const { microsoft365, calendar } = room as Partial<Room>;
          if (microsoft365 && calendar) ctx.addIssue({ code: 'custom', message: 'a room has one calendar: give "microsoft365" or "calendar", not both', path: [index, 'calendar'] });

        });
      },
      { when: () => true },
    ),
}));

/** The rooms to store from the file: a room whose access the file leaves out keeps the stored one (an admin's choice), or is `paired`. */
export function roomsToSave(configured: readonly ConfiguredRoom[], stored: (roomId: string) => Room | undefined): Room[] {
  return configured.map((room) => ({ ...room, access: room.access ?? stored(room.id)?.access ?? 'paired' }));
}

/** Reads and checks a rooms file, naming every problem with its path. */
export function loadRoomsFile(path: string): Result<ConfiguredRoom[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail('invalid-input', `cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('invalid-input', `${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = RoomsFile.safeParse(json);
  return parsed.success ? ok(parsed.data.rooms) : fail('invalid-input', describeIssues(parsed.error));
}
