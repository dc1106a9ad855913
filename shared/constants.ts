/**
 * Plain values both sides need at run time. Kept apart from the zod schemas
 * so the display bundle, which trusts its bridge's typed messages, does not
 * carry the validator.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'ja', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The floors a room may be on: 0 is the ground floor. */
export const LOWEST_FLOOR = -20;
export const HIGHEST_FLOOR = 200;

export const BOOK_NOW_MINUTES = [15, 30, 45, 60] as const;
export const EXTEND_MINUTES = [15, 30] as const;

/** What a person at the room can say is wrong there ("Report a problem"): what facilities are told. */
export const PROBLEM_KINDS = ['screen', 'video', 'sound', 'climate', 'cleanliness', 'other'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];
/** A problem report's optional note, in characters after trimming: a sentence or two, not a letter. */
export const PROBLEM_NOTE_MAX_LENGTH = 500;
