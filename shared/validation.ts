import type { z } from 'zod';
import { fail, ok, type Result } from './errors.ts';

/** Every problem in one sentence, each with its path, so a caller can fix them all at once. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

/** Parses untrusted input into a Result with the shared `invalid-input` code instead of throwing. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : fail('invalid-input', describeIssues(parsed.error));
}
