import { describe, expect, it } from 'vitest';
import { buildingChoices, floorChoices, roomChoices, withPlaces, type RoomPlace } from './place-choices.ts';

const collator = new Intl.Collator('en', { numeric: true });
const place = (roomId: string, building: string | null, floor: number | null): RoomPlace => ({ roomId, roomName: roomId[0]!.toUpperCase() + roomId.slice(1), building, floor });

// What the admin's status names (no place), then what an answer said of two of them.
const known = withPlaces([place('harbour', null, null), place('loft', null, null), place('annex', null, null)], [place('harbour', 'North', 2), place('loft', 'North', 10), place('quay', 'South', -1)]);

describe('the filters to choose rooms by', () => {
  it("learn each room's place from the answers, keeping the rooms none has mentioned", () => {
    expect(known.map((each) => [each.roomId, each.building, each.floor])).toEqual([
      ['harbour', 'North', 2],
      ['loft', 'North', 10],
      ['annex', null, null],
      ['quay', 'South', -1],
    ]);
  });

  it('offer the buildings by name and their floors from the lowest up', () => {
    expect(buildingChoices(known, collator)).toEqual(['North', 'South']);
    expect(floorChoices(known, 'North')).toEqual([2, 10]);
    expect(floorChoices(known, null)).toEqual([-1, 2, 10]);
  });

  it('offer the rooms on the chosen building and floor, by name', () => {
    expect(roomChoices(known, null, null, collator).map((each) => each.roomId)).toEqual(['annex', 'harbour', 'loft', 'quay']);
    expect(roomChoices(known, 'North', null, collator).map((each) => each.roomId)).toEqual(['harbour', 'loft']);
    expect(roomChoices(known, 'North', 10, collator).map((each) => each.roomId)).toEqual(['loft']);
  });
});
