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
    expect(line.hours).toHaveLength(11);
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

  it('spans only the meetings on a day without office hours', () => {
    const saturday = [timed('2026-11-21T10:00:00+01:00', '2026-11-21T12:00:00+01:00')];
    const line = buildTimeline(saturday, Date.parse('2026-11-21T11:00:00+01:00'), 'Europe/Amsterdam', hours);
    expect([new Date(line.start).toISOString(), new Date(line.end).toISOString()]).toEqual(['2026-11-21T09:00:00.000Z', '2026-11-21T11:00:00.000Z']);
    const empty = buildTimeline([], Date.parse('2026-11-21T11:00:00+01:00'), 'Europe/Amsterdam', hours);
    expect(new Date(empty.start).toISOString()).toBe('2026-11-21T07:00:00.000Z');
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
