import { MINUTE_MS } from '../../../shared/clock.ts';
import type { FreeSlot } from '../../../shared/book-later-rules.ts';
import type { TimelineSlot } from './timeline.ts';

const QUARTER_MS = 15 * MINUTE_MS;
/** A start is offered only where at least this much of the stretch is left: the shortest length offered. */
const SHORTEST_MS = 15 * MINUTE_MS;

/**
 * Where a booking starts when someone taps a free stretch at `at`: the
 * nearest quarter hour, kept inside the stretch with at least 15 min left,
 * and never before the stretch begins (a stretch after a meeting ending at
 * 14:50 starts at 14:50). Quarter hours of UTC are quarter hours of every
 * room's local time, as zone offsets are whole quarters.
 */
export function startNear(slot: FreeSlot, at: number): number {
  const latest = Math.max(slot.start, floorToQuarter(slot.end - SHORTEST_MS));
  const nearest = Math.round(at / QUARTER_MS) * QUARTER_MS;
  return Math.min(latest, Math.max(slot.start, nearest));
}

/**
 * The start a tap on a stretch of the timeline offers: `fraction` is how far
 * along the part of the stretch the bar shows the finger landed (0 at its
 * start, in either writing direction). On a long free afternoon, the
 * stretch's own start would ignore where the person pointed.
 */
export function tappedStart(segment: Pick<TimelineSlot, 'slot' | 'shownStart' | 'shownEnd'>, fraction: number): number {
  const clamped = Math.min(1, Math.max(0, fraction));
  return startNear(segment.slot, segment.shownStart + clamped * (segment.shownEnd - segment.shownStart));
}

function floorToQuarter(ms: number): number {
  return Math.floor(ms / QUARTER_MS) * QUARTER_MS;
}
