import { z } from 'zod';
import { PROBLEM_KINDS, PROBLEM_NOTE_MAX_LENGTH } from './constants.ts';
import { Instant, RoomId } from './model.ts';

/**
 * "Report a problem" at a room: what a display (or anyone allowed to act in
 * the room) sends, and the record the bridge keeps and lists for admins.
 */
export const ProblemKind = z.enum(PROBLEM_KINDS);

/**
 * A report as a client sends it. `id` is chosen by the client, so a report
 * sent again (an offline display's queue replayed, a lost answer) is kept
 * once: the same id with the same kind and note is answered with the
 * stored problem, the same id with anything else is refused.
 */
export const ProblemReport = z.strictObject({
  id: z.uuid(),
  kind: ProblemKind,
  note: z
    .string()
    .trim()
    .max(PROBLEM_NOTE_MAX_LENGTH, `must be at most ${PROBLEM_NOTE_MAX_LENGTH} characters`)
    .optional()
    .describe('What is wrong, in a few words; trimmed, and left out when blank.'),
});
export type ProblemReport = z.input<typeof ProblemReport>;

export const Problem = z.object({
  id: z.uuid(),
  roomId: RoomId,
  kind: ProblemKind,
  note: z.string().nullable().describe('Null when the report had none.'),
  reportedAt: Instant.describe("When the bridge received it, on the bridge's clock."),
  resolvedAt: Instant.nullable().describe('Null while it is open.'),
  resolvedBy: z.string().nullable().describe('The admin who resolved it, as the audit log names them; null while it is open.'),
});
export type Problem = z.infer<typeof Problem>;

/** `GET /api/admin/problems`: open problems first, then resolved ones; newest first in each. */
export const AdminProblems = z.object({ problems: z.array(Problem) });
export type AdminProblems = z.infer<typeof AdminProblems>;
