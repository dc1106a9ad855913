import { schedule } from '../../../shared/meeting-span.ts';
import type { Meeting } from '../../../shared/model.ts';

export type AgendaItem =
  | { kind: 'meeting'; meeting: Meeting; start: number; end: number }
  | { kind: 'free'; start: number; end: number };

/** Gaps shorter than this are changeover time, not something to book. */
const MIN_GAP_MS = 5 * 60_000;

/** The next meetings with the free gaps between them ("Free 12:45–13:30"). */
export function agendaItems(next: readonly Meeting[], timeZone: string): AgendaItem[] {
  const items: AgendaItem[] = [];
  let busyUntil: number | null = null;
  for (const span of schedule(next, timeZone)) {
    if (busyUntil !== null && span.start - busyUntil >= MIN_GAP_MS) items.push({ kind: 'free', start: busyUntil, end: span.start });
    items.push({ kind: 'meeting', meeting: span.meeting, start: span.start, end: span.end });
    busyUntil = Math.max(busyUntil ?? span.end, span.end);
  }
  return items;
}
