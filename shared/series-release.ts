import { z } from 'zod';

/**
 * What became of a recurring series that lost its room after no-shows in a
 * row (checkIn.strikes): Microsoft 365 declined it from the room's calendar,
 * the bridge's own calendar removed its future occurrences, or the calendar
 * could not let it go and the series keeps the room, with the reason.
 */
export const SeriesRelease = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('declined') }),
  z.strictObject({ outcome: z.literal('removed'), occurrences: z.number().int().nonnegative() }),
  /** room-organizes-series: the room's own mailbox or calendar holds it as its organizer, which cannot decline; cancelling would end it for everyone. */
  z.strictObject({ outcome: z.literal('not-supported'), reason: z.enum(['room-organizes-series']) }),
]);
export type SeriesRelease = z.infer<typeof SeriesRelease>;
