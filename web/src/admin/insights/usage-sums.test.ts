import { describe, expect, it } from 'vitest';
import { roomUsage } from '../../../../test/support/insights-answers.ts';
import { busiestFirst, sumUsage, usageByPlace, usageShares } from './usage-sums.ts';

const collator = new Intl.Collator('en', { numeric: true });

// 9 office hours on 20 working days: 10,800 office minutes each.
const harbour = roomUsage('harbour', { building: 'North', floor: 2, meetings: 40, bookedMinutes: 6696, occupiedMinutes: 5400, noShows: 4, ghostMeetings: 2, endedEarly: 3, walkUps: 10, walkUpsByPhone: 4, medianMeetingMinutes: 45 });
const loft = roomUsage('loft', { building: 'North', floor: 3, meetings: 10, bookedMinutes: 864, noShows: 1, endedEarly: 1, walkUps: 2, walkUpsByPhone: 0, medianMeetingMinutes: 30 });
const quay = roomUsage('quay', { building: 'South', floor: 2, meetings: 20, bookedMinutes: 3240, occupiedMinutes: 2700, ghostMeetings: 0 });
const annex = roomUsage('annex', { meetings: 2, bookedMinutes: 120 });

describe('rooms added up by building and floor', () => {
  it('add minutes and counts, and take shares of the sums, not averages of the shares', () => {
    const sums = sumUsage([harbour, loft]);
    expect(sums).toMatchObject({ rooms: 2, meetings: 50, bookedMinutes: 7560, officeMinutes: 21600, noShows: 5, endedEarly: 4, walkUps: 12, walkUpsByPhone: 4 });
    expect(usageShares(sums)).toEqual({ booked: 0.35, occupied: 0.5, noShows: 0.1, walkUps: 0.24 });
  });

  it('take the occupied share and ghost meetings over the rooms with a sensor only, and have neither without one', () => {
    const sums = sumUsage([harbour, loft]);
    // Loft has no sensor: Harbour's 5,400 occupied minutes are a share of Harbour's office hours alone.
    expect(sums).toMatchObject({ occupiedMinutes: 5400, sensedOfficeMinutes: 10800, sensorRooms: 1, ghostMeetings: 2 });
    const unsensed = sumUsage([loft, annex]);
    expect(unsensed).toMatchObject({ occupiedMinutes: null, ghostMeetings: null, sensorRooms: 0 });
    expect(usageShares(unsensed).occupied).toBeNull();
  });

  it('have no share of nothing: no office hours, no meetings', () => {
    expect(usageShares(sumUsage([roomUsage('empty', { officeMinutes: 0 })]))).toEqual({ booked: null, occupied: null, noShows: null, walkUps: null });
    expect(usageShares(sumUsage([]))).toEqual({ booked: null, occupied: null, noShows: null, walkUps: null });
  });

  it('group by building, then floor from the lowest up, the rooms without either last', () => {
    const groups = usageByPlace([annex, quay, loft, harbour], collator);
    expect(groups.map((group) => [group.building, group.floors.map((floor) => floor.floor)])).toEqual([
      ['North', [2, 3]],
      ['South', [2]],
      [null, [null]],
    ]);
    expect(groups[0]!.sums).toMatchObject({ rooms: 2, meetings: 50, bookedMinutes: 7560 });
    expect(groups[0]!.floors[1]!.sums).toMatchObject({ rooms: 1, meetings: 10, occupiedMinutes: null });
    expect(groups[1]!.sums).toMatchObject({ rooms: 1, occupiedMinutes: 2700, ghostMeetings: 0 });
  });

  it('order rooms busiest first by their booked share, as busy ones by name', () => {
    const small = roomUsage('nook', { bookedMinutes: 300, officeMinutes: 600 });
    const tied = roomUsage('attic', { bookedMinutes: 300, officeMinutes: 600 });
    expect(busiestFirst([loft, harbour, small, quay, tied], collator).map((room) => room.roomId)).toEqual(['harbour', 'attic', 'nook', 'quay', 'loft']);
  });
});
