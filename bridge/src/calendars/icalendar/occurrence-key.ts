import { instantOfWhen, type When } from './object-times.ts';
import { dateString } from './wall-time.ts';

/**
 * How an occurrence of a series is named in its key: its original start
 * (its RECURRENCE-ID, RFC 5545 3.8.4.4) as a UTC instant, or as the date for
 * an all-day series. Comparing these compares the instants, whatever form
 * (zone, UTC) each value was written in.
 */
export function recurrenceIdOf(originalStart: When): string {
  return originalStart.isDate ? dateString(originalStart.wall) : new Date(instantOfWhen(originalStart)).toISOString();
}

/** An occurrence's key: the UID for a one-off, `${uid}/${recurrenceId}` for an occurrence of a series. */
export function occurrenceKey(uid: string, recurrenceId?: string): string {
  return recurrenceId === undefined ? uid : `${uid}/${recurrenceId}`;
}

const RECURRENCE_ID = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}\.\d{3}Z)?$/;

/**
 * The UID and recurrence id a series occurrence's key names; undefined when
 * the key cannot be one. A UID may itself hold "/", so the recurrence id is
 * what follows the last one.
 */
export function seriesKeyParts(key: string): { uid: string; recurrenceId: string } | undefined {
  const slash = key.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const recurrenceId = key.slice(slash + 1);
  return RECURRENCE_ID.test(recurrenceId) ? { uid: key.slice(0, slash), recurrenceId } : undefined;
}
