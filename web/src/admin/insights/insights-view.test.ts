import { describe, expect, it } from 'vitest';
import type { InsightsAnswer, InsightsQuery } from '../../../../shared/insights.ts';
import { insightsAnswer, roomUsage } from '../../../../test/support/insights-answers.ts';
import { AdminApiError, type AdminApi } from '../admin-api.ts';
import { InsightsView } from './insights-view.svelte.ts';

const harbour = roomUsage('harbour', { building: 'North', floor: 2, meetings: 12, bookedMinutes: 600 });
const loft = roomUsage('loft', { building: 'North', floor: 3, meetings: 3, bookedMinutes: 90 });
const quay = roomUsage('quay', { building: 'South', floor: 2, meetings: 7, bookedMinutes: 300 });
const ALL = [harbour, loft, quay];

/** The bridge's side: answers for the rooms a query chooses, each held until the test lets it go when `held`. */
function bridge(options: { held?: boolean; answer?: (query: InsightsQuery) => unknown } = {}) {
  const asked: InsightsQuery[] = [];
  const pending: (() => void)[] = [];
  const chosen = (query: InsightsQuery) =>
    insightsAnswer(ALL.filter((room) => (query.roomId ? room.roomId === query.roomId : (!query.building || room.building === query.building) && (query.floor === undefined || room.floor === query.floor))));
  const api: Pick<AdminApi, 'insights' | 'insightsCsv'> = {
    insights: (query) => {
      asked.push(query);
      const answer = options.answer?.(query) ?? chosen(query);
      if (!options.held) return Promise.resolve(answer);
      return new Promise((resolve) => pending.push(() => resolve(answer)));
    },
    insightsCsv: (query) => Promise.resolve(new Blob([`roomId\r\n${chosen(query).rooms.map((room) => room.roomId).join('\r\n')}\r\n`], { type: 'text/csv' })),
  };
  return { api, asked, release: (index: number) => pending[index]!() };
}

const view = (api: Pick<AdminApi, 'insights' | 'insightsCsv'>, unauthorized: (error: AdminApiError) => void = () => {}) => new InsightsView({ api, today: () => '2026-11-29', unauthorized });
const roomIds = (answer: InsightsAnswer | null) => answer?.rooms.map((room) => room.roomId);

describe('the Insights section', () => {
  it('asks for the last 4 weeks of every room first, and learns where each room is from the answer', async () => {
    const { api, asked } = bridge();
    const insights = view(api);
    insights.knowRooms([{ id: 'harbour', name: 'Harbour' }, { id: 'annex', name: 'Annex' }]);
    await insights.load();
    expect(asked).toEqual([{ from: '2026-11-02', to: '2026-11-29' }]);
    expect(roomIds(insights.answer)).toEqual(['harbour', 'loft', 'quay']);
    expect(insights.places.map((place) => [place.roomId, place.building])).toEqual([
      ['harbour', 'North'],
      ['annex', null],
      ['loft', 'North'],
      ['quay', 'South'],
    ]);
    expect(insights.loading).toBe(false);
  });

  it('asks again on every change: a building and floor, or a room alone, and lets go of a room outside a new building', async () => {
    const { api, asked } = bridge();
    const insights = view(api);
    await insights.load();
    await insights.choosePlace({ building: 'North' });
    expect(roomIds(insights.answer)).toEqual(['harbour', 'loft']);
    await insights.choosePlace({ floor: 3 });
    await insights.choosePlace({ roomId: 'loft' });
    await insights.chooseRange('last-7-days');
    await insights.choosePlace({ building: 'South' });
    expect(asked.slice(1)).toEqual([
      { from: '2026-11-02', to: '2026-11-29', building: 'North' },
      { from: '2026-11-02', to: '2026-11-29', building: 'North', floor: 3 },
      { from: '2026-11-02', to: '2026-11-29', roomId: 'loft' },
      { from: '2026-11-23', to: '2026-11-29', roomId: 'loft' },
      // South has no third floor and Loft is not in it.
      { from: '2026-11-23', to: '2026-11-29', building: 'South' },
    ]);
    expect(roomIds(insights.answer)).toEqual(['quay']);
    // Back to every building: the second floor is in one of them, and stays chosen.
    await insights.choosePlace({ floor: 2 });
    await insights.choosePlace({ building: null });
    expect(asked.at(-1)).toEqual({ from: '2026-11-23', to: '2026-11-29', floor: 2 });
  });

  it("asks nothing for the admin's own dates until they are a range", async () => {
    const { api, asked } = bridge();
    const insights = view(api);
    await insights.chooseRange('custom', { from: '2026-12-01' });
    expect(insights.query).toBeNull();
    expect(asked).toEqual([]);
    await insights.chooseRange('custom', { to: '2026-12-24' });
    expect(asked).toEqual([{ from: '2026-12-01', to: '2026-12-24' }]);
  });

  it('shows the answer to the last question asked, whichever arrives last', async () => {
    const { api, release } = bridge({ held: true });
    const insights = view(api);
    insights.knowRooms([{ id: 'quay', name: 'Quay' }]);
    const first = insights.load();
    const second = insights.choosePlace({ roomId: 'quay' });
    release(1);
    await second;
    release(0);
    await first;
    expect(roomIds(insights.answer)).toEqual(['quay']);
    expect(insights.loading).toBe(false);
  });

  it("says an answer it cannot read is the bridge's, and sends a refused sign-in back to signing in", async () => {
    const insights = view(bridge({ answer: () => ({ rooms: 'none' }) }).api);
    await insights.load();
    expect(insights.problem?.code).toBe('internal');
    expect(insights.answer).toBeNull();

    const signedOut: AdminApiError[] = [];
    const refused = view(bridge({ answer: () => Promise.reject(new AdminApiError('unauthorized', 'Sign in again.', 401)) }).api, (error) => signedOut.push(error));
    await refused.load();
    expect(refused.problem?.code).toBe('unauthorized');
    expect(signedOut.map((error) => error.status)).toEqual([401]);
  });

  it('downloads the CSV of the filters shown, named by its dates', async () => {
    const insights = view(bridge().api);
    await insights.choosePlace({ building: 'North' });
    const csv = await insights.csv();
    expect(csv?.name).toBe('lintel-insights-2026-11-02-2026-11-29.csv');
    expect(await csv?.file.text()).toBe('roomId\r\nharbour\r\nloft\r\n');
    expect(insights.downloading).toBe(false);
  });
});
