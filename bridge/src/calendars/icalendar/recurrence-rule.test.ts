import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { MAX_RULE_STEPS, ruleStarts } from './recurrence-rule.ts';
import { floatingTime, wallOf } from './wall-time.ts';

/** Monday 4 March 2019, 09:30, on the wall clock. */
const FIRST = Date.UTC(2019, 2, 4, 9, 30);
const SPRING_2026 = { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 3, 15) };

/** What ical.js gives walking from the first occurrence, one by one. */
function walked(rule: string, first: number, range: { from: number; to: number }): number[] {
  const iterator = ICAL.Recur.fromString(rule).iterator(floatingTime(first, false));
  const starts: number[] = [];
  for (let next = iterator.next(); next && wallOf(next) <= range.to; next = iterator.next()) {
    if (wallOf(next) >= range.from) starts.push(wallOf(next));
  }
  return starts;
}

describe('the starts of a recurrence rule', () => {
  it.each([
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;WKST=SU',
    'FREQ=WEEKLY;BYDAY=TU,TH',
    'FREQ=DAILY;BYMONTH=3;BYDAY=SA,SU',
    'FREQ=HOURLY;INTERVAL=7;BYHOUR=9,16',
    'FREQ=MONTHLY;BYDAY=2TU',
    'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  ])('are those of walking from the first, when started near the range: %s', (rule) => {
    const expected = walked(rule, FIRST, SPRING_2026);
    expect(expected.length).toBeGreaterThan(0);
    expect(ruleStarts(ICAL.Recur.fromString(rule), FIRST, false, SPRING_2026)).toEqual({ starts: expected, cutShort: false });
  });

  it('count from the first occurrence under COUNT', () => {
    const starts = ruleStarts(ICAL.Recur.fromString('FREQ=DAILY;COUNT=3'), FIRST, false, { from: FIRST, to: FIRST + 10 * 86_400_000 });
    expect(starts.starts.map((wall) => new Date(wall).toISOString())).toEqual(['2019-03-04T09:30:00.000Z', '2019-03-05T09:30:00.000Z', '2019-03-06T09:30:00.000Z']);
  });

  it('end at the range for a rule no day satisfies', () => {
    expect(ruleStarts(ICAL.Recur.fromString('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'), FIRST, false, SPRING_2026)).toEqual({ starts: [], cutShort: false });
  });

  it('are cut short, and say so, when a COUNT rule would take too many steps to reach the range', () => {
    const hourly = ruleStarts(ICAL.Recur.fromString(`FREQ=HOURLY;COUNT=${MAX_RULE_STEPS * 10}`), FIRST, false, SPRING_2026);
    expect(hourly).toEqual({ starts: [], cutShort: true });
  });

  it('are cut short, and say so, when the rule lets through too few of the times it tries', () => {
    const started = performance.now();
    const leapSeconds = ruleStarts(ICAL.Recur.fromString('FREQ=SECONDLY;COUNT=5;BYMONTH=2;BYMONTHDAY=29'), FIRST, false, SPRING_2026);
    expect(leapSeconds).toEqual({ starts: [], cutShort: true });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('are cut short for a rule ical.js refuses', () => {
    expect(ruleStarts(ICAL.Recur.fromString('FREQ=MONTHLY;BYDAY=9MO'), FIRST, false, SPRING_2026).cutShort).toBe(true);
  });

  it('are dates for a date start', () => {
    const monday = Date.UTC(2026, 2, 2);
    const starts = ruleStarts(ICAL.Recur.fromString('FREQ=WEEKLY'), monday, true, { from: monday, to: Date.UTC(2026, 2, 20) }).starts;
    expect(starts.map((wall) => new Date(wall).toISOString().slice(0, 10))).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
  });
});
