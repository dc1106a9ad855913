import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/errors.ts';
import { Room } from '../../shared/model.ts';
import { describeIssues } from '../../shared/validation.ts';

/** A bridge's rooms file: each room with its settings, checked by the same schema as everything else. */
export const RoomsFile = z.strictObject({
  rooms: z
    .array(Room)
    .min(1)
    .superRefine((rooms, ctx) => {
      const seen = new Set<string>();
      rooms.forEach((room, index) => {
        if (seen.has(room.id)) ctx.addIssue({ code: 'custom', message: `room id "${room.id}" is used twice`, path: [index, 'id'] });
        seen.add(room.id);
      });
    }),
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
  return parsed.success ? ok(parsed.data.rooms) : fail('invalid-input', `${path}: ${describeIssues(parsed.error)}`);
}
