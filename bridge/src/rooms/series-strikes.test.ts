import { describe, expect, it } from 'vitest';
import { attended, NO_STRIKES, strike, type SeriesStrikes } from './series-strikes.ts';

const AT = Date.parse('2026-11-23T09:10:00Z');

/** Strikes `meetingIds` in turn against `limit`, returning each outcome's kind and count. */
function run(meetingIds: string[], limit: number, from: SeriesStrikes = NO_STRIKES): { outcomes: string[]; last: SeriesStrikes } {
  let current = from;
  const outcomes = meetingIds.map((id) => {
    const outcome = strike(current, id, limit, AT);
    if (outcome.kind === 'counted-before') return outcome.kind;
    current = outcome.next;
    return `${outcome.kind} ${outcome.count}`;
  });
  return { outcomes, last: current };
}

describe('no-show strikes of a series', () => {
  it('counts no-shows in a row and loses the series at the limit, then starts over', () => {
    const { outcomes, last } = run(['w1', 'w2', 'w3', 'w4'], 3);
    expect(outcomes).toEqual(['strike 1', 'strike 2', 'series-lost 3', 'strike 1']);
    expect(last).toEqual({ count: 1, lastMeetingId: 'w4', releasedAt: AT });
  });

  it('loses the series at the first no-show when the limit is 1', () => {
    expect(run(['w1'], 1).outcomes).toEqual(['series-lost 1']);
  });

  it('counts an occurrence once, however often its release is repeated', () => {
    expect(run(['w1', 'w1', 'w2', 'w2'], 3).outcomes).toEqual(['strike 1', 'counted-before', 'strike 2', 'counted-before']);
  });

  it('starts the run again after an occurrence someone came to, and still counts a repeated release of the last one nothing', () => {
    const before = run(['w1', 'w2'], 3).last;
    const after = attended(before);
    expect(after.count).toBe(0);
    expect(run(['w2', 'w4', 'w5'], 3, after).outcomes).toEqual(['counted-before', 'strike 1', 'strike 2']);
  });
});
