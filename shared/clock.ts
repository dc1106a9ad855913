/**
 * The only way logic learns the time. Production code gets the system clock
 * from its composition root; tests get a fake one and can run a day in
 * milliseconds.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `callback` once after `delayMs` of this clock's time; returns a cancel function. */
  setTimer(callback: () => void, delayMs: number): () => void;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** A nominal day, for windows and retention; a local calendar day comes from time-zone.ts. */
export const DAY_MS = 24 * HOUR_MS;

/** Floors an instant to the start of its minute: bookings and early ends snap to whole minutes. */
export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** An instant as the ISO string the wire and the store use. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
