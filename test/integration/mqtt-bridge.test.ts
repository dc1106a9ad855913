import { connectAsync } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson } from '../support/http.ts';
import { startTestBridge, TEST_ADMIN_TOKEN } from '../support/in-process-bridge.ts';
import { startMosquitto } from '../support/mosquitto-server.ts';
import { until } from '../support/until.ts';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('a bridge on an MQTT broker', () => {
  it("takes a room's occupancy topic as its sensor: the room's state says occupied, on the API and on the broker", async () => {
    const broker = await startMosquitto();
    cleanup.push(() => broker.stop());
    // Saturday evening: outside office hours, so people seen also wake the screen.
    const clock = new FakeClock('2026-11-21T20:00:00+01:00');
    const bridge = await startTestBridge({
      clock,
      rooms: [{ id: 'harbour', name: 'Harbour', access: 'paired', settings: { occupancyTopic: 'building/2/harbour/occupancy' } }],
      mqtt: { url: broker.url, topicPrefix: 'lintel', discoveryPrefix: 'homeassistant' },
    });
    cleanup.push(() => bridge.close());
    const sensor = await connectAsync(broker.url);
    cleanup.push(() => sensor.endAsync(true));
    const published: Record<string, unknown>[] = [];
    sensor.on('message', (topic, payload) => topic === 'lintel/harbour/state' && payload.length > 0 && published.push(JSON.parse(payload.toString()) as Record<string, unknown>));
    await sensor.subscribeAsync('lintel/harbour/state');
    const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const occupied = async () => ((await getJson(`${bridge.url}/api/rooms/harbour/state`, admin)).body as RoomState).occupied;

    await until(() => published.at(-1), 5_000, 'the room state on the broker');
    expect(published.at(-1)).toMatchObject({ status: 'available', occupied: null });
    expect(await occupied()).toBeNull();

    await sensor.publishAsync('building/2/harbour/occupancy', 'ON');
    await until(async () => ((await occupied()) === true ? true : undefined), 5_000, 'occupied on the API');
    await until(() => (published.at(-1)?.occupied === true ? true : undefined), 5_000, 'occupied on the broker');

    await sensor.publishAsync('building/2/harbour/occupancy', JSON.stringify({ occupancy: false }));
    await until(async () => ((await occupied()) === false ? true : undefined), 5_000, 'not occupied on the API');
    expect(published.map((state) => state.occupied)).toEqual([null, true, false]);
  });
});
