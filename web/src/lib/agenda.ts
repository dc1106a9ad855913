import type { FreeSlot } from '../../../shared/book-later-rules.ts';
import { schedule } from '../../../shared/meeting-span.ts';
import type { Meeting } from '../../../shared/model.ts';

export type AgendaItem =
  | { kind: 'meeting'; meeting: Meeting; start: number; end: number }
  /** `slot`: the stretch booking for later offers here, or null where it offers none (a short gap, a display that takes no actions). */
  | { kind: 'free'; start: number; end: number; slot: FreeSlot | null };

/** Gaps shorter than this are changeover time, not something to book. */
const MIN_GAP_MS = 5 * 60_000;

/**
 * The next meetings with the free gaps between them ("Free 12:45–13:30").
 * `bookable`: the stretches booking for later offers (laterSlots), so a gap
 * is offered exactly when the rules would accept it.
 */
export function agendaItems(next: readonly Meeting[], timeZone: string, bookable: readonly FreeSlot[] = []): AgendaItem[] {
  const items: AgendaItem[] = [];
  let busyUntil: number | null = null;
  for (const span of schedule(next, timeZone)) {
    if (busyUntil !== null && span.start - busyUntil >= MIN_GAP_MS) {
      const start = busyUntil;
      items.push({ kind: 'free', start, end: span.start, slot: bookable.find((slot) => slot.start === start) ?? null });
    }
    items.push({ kind: 'meeting', meeting: span.meeting, start: span.start, end: span.end });
    busyUntil = Math.max(busyUntil ?? span.end, span.end);
  }
  return items;
}
