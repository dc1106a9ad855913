import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/errors.ts';
import { Room } from '../../shared/model.ts';
import { describeIssues } from '../../shared/validation.ts';

/** A bridge's rooms file: each room with its settings, checked by the same schema as everything else. */
export const RoomsFile = z.strictObject({
  /** Where an editor finds the JSON Schema (kiosk-config/schema/rooms.schema.json) to check the file as it is typed. */
  $schema: z.string().optional(),
  rooms: z
    .array(Room)
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
        });
      },
      { when: () => true },
    ),
});

/** Reads and checks a rooms file, naming every problem with its path. */
export function loadRoomsFile(path: string): Result<Room[]> {
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
