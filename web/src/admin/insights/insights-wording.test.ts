import { describe, expect, it } from 'vitest';
import { insightsAnswer, roomUsage } from '../../../../test/support/insights-answers.ts';
import { INSIGHTS_MESSAGES } from '../i18n/insights/index.ts';
import { heatmapGrid } from './heatmap-grid.ts';
import { createInsightsFormat } from './insights-format.ts';
import { floorName, heatmapCaption, peopleText, roomsCaption, shareLegend } from './insights-wording.ts';
import { busiestFirst } from './usage-sums.ts';

const en = INSIGHTS_MESSAGES.en;
const format = createInsightsFormat('en-GB');
// 10,800 office minutes each.
const harbour = roomUsage('harbour', { bookedMinutes: 6696, occupiedMinutes: 5400 });
const quay = roomUsage('quay', { bookedMinutes: 3240 });
const loft = roomUsage('loft', { bookedMinutes: 864 });

describe('the words that stand in for the charts', () => {
  it('name the busiest and the least used room with their booked shares', () => {
    const rooms = busiestFirst([loft, harbour, quay], format.collator);
    expect(roomsCaption(rooms, en, format)).toBe(`${en.roomsChart} Busiest: Harbour, 62% booked; least used: Loft, 8%.`);
    expect(roomsCaption([quay], en, format)).toBe(`${en.roomsChart} Quay: 30% booked.`);
  });

  it("name the week's most booked and most occupied hour, or say that nothing was", () => {
    const answer = insightsAnswer([harbour], [
      { weekday: 2, hour: 10, bookedMinutes: 180, occupiedMinutes: 60 },
      { weekday: 4, hour: 14, bookedMinutes: 60, occupiedMinutes: 120 },
    ]);
    expect(heatmapCaption(heatmapGrid(answer), en, format)).toBe(`${en.heatmapChart} Most booked: Tuesday at 10:00, 75%. Most occupied: Thursday at 14:00, 50%.`);
    expect(heatmapCaption(heatmapGrid(insightsAnswer([loft])), en, format)).toBe(`${en.heatmapChart} Nothing was booked. No sensor saw these rooms.`);
  });

  it("speak the admin's language, numbers and all", () => {
    const de = createInsightsFormat('de-DE');
    const rooms = busiestFirst([loft, harbour], de.collator);
    // German sets a no-break space before the percent sign.
    expect(roomsCaption(rooms, INSIGHTS_MESSAGES.de, de)).toContain('Am meisten genutzt: Harbour, 62\u00a0% gebucht; am wenigsten genutzt: Loft, 8\u00a0%.');
    expect(floorName(-1, INSIGHTS_MESSAGES.de, de)).toBe('Etage -1');
    expect(shareLegend(INSIGHTS_MESSAGES.de, de).map((words) => words.replaceAll('\u00a0', ' '))).toEqual(['unter 20 %', '20 % bis 40 %', '40 % bis 60 %', '60 % bis 80 %', '80 % oder mehr']);
  });

  it('set median people against the seats where a room has a known number', () => {
    expect(peopleText(3, 8, en, format)).toBe('3 of 8 seats');
    expect(peopleText(2.5, null, en, format)).toBe('2.5');
    expect(peopleText(null, 8, en, format)).toBe('Not counted');
  });
});
