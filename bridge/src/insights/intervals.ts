import type { Interval } from '../../../shared/time-zone.ts';

/**
 * Sets of instants as sorted, disjoint intervals: a room booked twice at
 * once (a double booking in its calendar) or seen by two sensors at once is
 * booked, or occupied, once.
 */

/** The union of `intervals`, clipped to `window`: sorted, disjoint, none empty. */
export function unionWithin(intervals: readonly Interval[], window: Interval): Interval[] {
  const union: Interval[] = [];
  for (const interval of [...intervals].sort((a, b) => a.start - b.start)) {
    const start = Math.max(interval.start, window.start);
    const end = Math.min(interval.end, window.end);
    if (end <= start) continue;
    const last = union.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else union.push({ start, end });
  }
  return union;
}

/** The intersection of two sorted, disjoint sets of intervals. */
export function intersection(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const both: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) both.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return both;
}

export function totalMs(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, interval) => sum + interval.end - interval.start, 0);
}

/** Whether any interval of the sorted, disjoint set overlaps `interval`. */
export function overlapsAny(sorted: readonly Interval[], interval: Interval): boolean {
  // The first one ending after `interval` starts: it overlaps unless it also starts after `interval` ends.
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]!.end <= interval.start) low = middle + 1;
    else high = middle;
  }
  const candidate = sorted[low];
  return candidate !== undefined && candidate.start < interval.end;
}
