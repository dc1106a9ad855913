import { describe, expect, it } from 'vitest';
import { OfficeHours } from '../../../shared/model.ts';
import { allDay, timed } from '../../../test/support/meetings.ts';
import { buildTimeline, timelineSlots } from './timeline.ts';

const hours = OfficeHours.parse({});

describe('day timeline', () => {
  it('spans office hours and places meetings and now on it', () => {
    const line = buildTimeline([timed('2026-11-23T10:00:00+01:00', '2026-11-23T11:00:00+01:00')], Date.parse('2026-11-23T13:00:00+01:00'), 'Europe/Amsterdam', hours);
    expect(new Date(line.start).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(new Date(line.end).toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect(line.blocks[0]?.from).toBeCloseTo(0.2);
    expect(line.blocks[0]?.width).toBeCloseTo(0.1);
    expect(line.now).toBe(0.5);
    expect(line.ticks).toHaveLength(11);
  });

  it('widens to take in an early meeting, and stays inside the day for one across midnight', () => {
    const line = buildTimeline(
      [timed('2026-11-23T06:30:00+01:00', '2026-11-23T07:30:00+01:00'), timed('2026-11-23T23:00:00+01:00', '2026-11-24T01:00:00+01:00')],
      Date.parse('2026-11-23T12:00:00+01:00'),
      'Europe/Amsterdam',
      hours,
    );
    expect(new Date(line.start).toISOString()).toBe('2026-11-23T05:30:00.000Z');
    expect(new Date(line.end).toISOString()).toBe('2026-11-23T23:00:00.000Z');
  });

  it('shows an all-day event across the whole bar without stretching it', () => {
    const line = buildTimeline([allDay('2026-11-23', '2026-11-24')], Date.parse('2026-11-23T20:00:00+01:00'), 'Europe/Amsterdam', hours);
    expect(line.blocks[0]).toMatchObject({ from: 0, width: 1 });
    expect(line.now).toBeNull();
  });

  it('shows a day without office hours in the usual window, so a lone meeting keeps its place in the day', () => {
    const saturday = [timed('2026-11-21T10:00:00+01:00', '2026-11-21T10:30:00+01:00')];
    const line = buildTimeline(saturday, Date.parse('2026-11-21T11:00:00+01:00'), 'Europe/Amsterdam', hours);
    expect([new Date(line.start).toISOString(), new Date(line.end).toISOString()]).toEqual(['2026-11-21T07:00:00.000Z', '2026-11-21T17:00:00.000Z']);
    expect(line.blocks[0]).toMatchObject({ from: 0.2, width: expect.closeTo(0.05) });
  });

  it('labels a short bar every quarter or half hour, and a long one every two or three hours', () => {
    const at = Date.parse('2026-11-23T10:10:00+01:00');
    const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const short = buildTimeline([], at, 'Europe/Amsterdam', OfficeHours.parse({ start: '10:00', end: '10:30' }));
    expect(short.ticks.map((tick) => clock(tick.at))).toEqual(['09:00', '09:15', '09:30']);
    const morning = buildTimeline([], at, 'Europe/Amsterdam', OfficeHours.parse({ start: '09:00', end: '12:00' }));
    expect(morning.ticks.map((tick) => clock(tick.at))).toEqual(['08:00', '08:15', '08:30', '08:45', '09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00']);
    const whole = buildTimeline([], at, 'Europe/Amsterdam', OfficeHours.parse({ start: '00:00', end: '23:59' }));
    expect(whole.ticks.map((tick) => tick.at - whole.ticks[0]!.at)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22].map((h) => h * 3_600_000));
  });

  it('places the stretches bookable for later on the bar, cut to what it shows', () => {
    const line = buildTimeline([], Date.parse('2026-11-23T10:00:00+01:00'), 'Europe/Amsterdam', hours);
    const slot = (start: string, end: string) => ({ start: Date.parse(`2026-11-23T${start}:00+01:00`), end: Date.parse(`2026-11-23T${end}:00+01:00`) });
    const placed = timelineSlots(line, [slot('13:00', '14:00'), slot('17:00', '23:00'), slot('18:30', '19:00')]);
    expect(placed.map(({ from, width }) => [from, width])).toEqual([
      [0.5, 0.1],
      [0.9, expect.closeTo(0.1)],
    ]);
    expect(placed[1]).toMatchObject({ shownStart: slot('17:00', '18:00').start, shownEnd: slot('17:00', '18:00').end });
  });
});
