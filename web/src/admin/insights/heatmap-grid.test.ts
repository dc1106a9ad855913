import { describe, expect, it } from 'vitest';
import { insightsAnswer, roomUsage } from '../../../../test/support/insights-answers.ts';
import { fullestSlot, heatmapGrid, weekdaysBetween } from './heatmap-grid.ts';

describe('the weekday by hour map', () => {
  it("shows each hour's minutes as a share of what the rooms could hold then", () => {
    // 2 to 29 November 2026: four of each weekday. Two rooms, one with a sensor.
    const answer = insightsAnswer(
      [roomUsage('harbour', { occupiedMinutes: 100 }), roomUsage('loft')],
      [
        { weekday: 2, hour: 10, bookedMinutes: 240, occupiedMinutes: 120 },
        { weekday: 5, hour: 14, bookedMinutes: 60, occupiedMinutes: 0 },
      ],
    );
    const grid = heatmapGrid(answer);
    const tuesday = grid.weekdays[1]!.slots.find((slot) => slot.hour === 10)!;
    // 240 of 2 rooms × 4 Tuesdays × 60 minutes booked; 120 of 1 sensed room × 4 × 60 occupied.
    expect(tuesday).toEqual({ weekday: 2, hour: 10, booked: 0.5, occupied: 0.5 });
    expect(grid.weekdays[4]!.slots.find((slot) => slot.hour === 14)).toMatchObject({ booked: 0.125, occupied: 0 });
    expect(grid.weekdays[0]!.slots.find((slot) => slot.hour === 10)).toMatchObject({ booked: 0, occupied: null });
    expect(grid.sensed).toBe(true);
    expect(fullestSlot(grid, 'booked')).toMatchObject({ weekday: 2, hour: 10 });
  });

  it('shows the working day, widened to every hour that had something', () => {
    const quiet = heatmapGrid(insightsAnswer([roomUsage('harbour')]));
    expect(quiet.hours).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(quiet.weekdays.map((day) => day.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(fullestSlot(quiet, 'booked')).toBeNull();
    expect(quiet.sensed).toBe(false);

    const late = heatmapGrid(insightsAnswer([roomUsage('harbour')], [{ weekday: 3, hour: 20, bookedMinutes: 30, occupiedMinutes: null }, { weekday: 1, hour: 6, bookedMinutes: 15, occupiedMinutes: null }]));
    expect(late.hours[0]).toBe(6);
    expect(late.hours.at(-1)).toBe(20);
  });

  it('counts each weekday in a range of dates', () => {
    // Monday 2 to Sunday 29 November 2026.
    expect([1, 2, 3, 4, 5, 6, 7].map((weekday) => weekdaysBetween('2026-11-02', '2026-11-29', weekday))).toEqual([4, 4, 4, 4, 4, 4, 4]);
    // Wednesday 4 to Tuesday 10 November: one of each; Wednesday 4 alone: one Wednesday.
    expect([1, 2, 3, 4, 5, 6, 7].map((weekday) => weekdaysBetween('2026-11-04', '2026-11-10', weekday))).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect([1, 2, 3].map((weekday) => weekdaysBetween('2026-11-04', '2026-11-04', weekday))).toEqual([0, 0, 1]);
  });
});
