import { connectAsync } from 'mqtt';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Room, RoomState, toPublicRoom } from '../../shared/model.ts';
import type { MqttConfig } from '../../bridge/src/config.ts';
import { MqttLink } from '../../bridge/src/devices/mqtt/mqtt-link.ts';
import type { MqttRooms } from '../../bridge/src/devices/mqtt/mqtt-rooms.ts';
import { systemClock } from '../../bridge/src/system-clock.ts';
import { startMosquitto } from '../support/mosquitto-server.ts';
import { until as waitUntil } from '../support/until.ts';

/** Generous: a reading reaches the room within 2 s; this only keeps a broken test from hanging. */
const WAIT_MS = 5_000;
const until = (condition: () => boolean, what: string) => waitUntil(() => condition() || undefined, WAIT_MS, what, 10);

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Free rooms, each with its occupancy topic; `setTopic` changes one as an admin would. */
function roomsWith(topics: Record<string, string>) {
  const listeners = new Set<(roomId: string) => void>();
  const stateOf = (roomId: string) =>
    topics[roomId] === undefined
      ? undefined
      : RoomState.parse({
          room: toPublicRoom(Room.parse({ id: roomId, name: roomId, timeZone: 'Europe/Amsterdam', settings: { occupancyTopic: topics[roomId] } })),
          ...{ status: 'available', current: null, next: [], events: [], freeUntil: null, busyUntil: null, syncedAt: null, syncPeriodSeconds: 15, roomCount: 1 },
          ...{ now: new Date().toISOString(), updatedAt: new Date().toISOString(), bookingUrl: `http://bridge.local:8080/rooms/${roomId}` },
        });
  const rooms: MqttRooms = {
    roomIds: () => Object.keys(topics),
    stateOf,
    onRoomChanged: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    occupancyOf: () => null,
    hasOccupancySensor: () => false,
  };
  const setTopic = (roomId: string, topic: string) => {
    topics[roomId] = topic;
    for (const listener of listeners) listener(roomId);
  };
  return { rooms, setTopic };
}

async function start(topics: Record<string, string>, retainedBefore: [string, string][] = []) {
  const server = await startMosquitto();
  cleanup.push(() => server.stop());
  const sensor = await connectAsync(server.url);
  cleanup.push(() => sensor.endAsync(true));
  for (const [topic, payload] of retainedBefore) await sensor.publishAsync(topic, payload, { qos: 1, retain: true });
  const { rooms, setTopic } = roomsWith(topics);
  const logged: { level: number; msg: string; topic?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });
  const readings: [string, boolean][] = [];
  const config: MqttConfig = { url: server.url, topicPrefix: 'lintel', discoveryPrefix: 'homeassistant' };
  const link = new MqttLink(config, { clock: systemClock, logger, rooms, onOccupancy: (roomId, occupied) => readings.push([roomId, occupied]) });
  link.start();
  cleanup.push(() => link.stop());
  // A sensor already said something, retained: once that reading is in, the bridge is subscribed.
  await until(() => readings.length > 0, 'the retained reading');
  const send = (topic: string, payload: string) => sensor.publishAsync(topic, payload, { qos: 1 });
  return { readings, logged, send, setTopic };
}

describe("a room's occupancy topic", () => {
  it("counts the sensor's retained reading on connecting, then delivers ON, OFF and {\"occupancy\": …} to the room", async () => {
    const topic = 'zigbee2mqtt/harbour-sensor';
    const { readings, send } = await start({ harbour: topic }, [[topic, 'OFF']]);
    for (const payload of ['ON', 'OFF', '{"occupancy": true, "battery": 97}', '{"occupancy": false}']) await send(topic, payload);
    await until(() => readings.length === 5, 'four more readings');
    expect(readings).toEqual([['harbour', false], ['harbour', true], ['harbour', false], ['harbour', true], ['harbour', false]]);
  });

  it('delivers one topic to every room that names it', async () => {
    const topic = 'sensors/divisible-room';
    const { readings } = await start({ left: topic, right: topic }, [[topic, '{"occupancy": true}']]);
    expect(readings.sort()).toEqual([['left', true], ['right', true]]);
  });

  it('ignores anything else, warning once per topic', async () => {
    const topic = 'zigbee2mqtt/harbour-sensor';
    const { readings, logged, send } = await start({ harbour: topic }, [[topic, 'OFF']]);
    for (const payload of ['maybe', '{"occupancy": "yes"}', '', 'ON']) await send(topic, payload);
    await until(() => readings.length === 2, 'the one valid reading');
    expect(readings).toEqual([['harbour', false], ['harbour', true]]);
    const warnings = logged.filter((line) => line.level === 40 && line.topic === topic);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ payload: 'maybe' });
  });

  it('follows a change of the setting: the new topic counts, the old one no longer', async () => {
    const { readings, send, setTopic } = await start({ harbour: 'sensors/old' }, [['sensors/old', 'OFF'], ['sensors/new', 'ON']]);
    expect(readings).toEqual([['harbour', false]]);
    setTopic('harbour', 'sensors/new');
    await until(() => readings.length === 2, "the new topic's retained reading");
    await send('sensors/old', 'ON');
    await send('sensors/new', 'OFF');
    await until(() => readings.length === 3, 'the new topic again');
    expect(readings).toEqual([['harbour', false], ['harbour', true], ['harbour', false]]);
  });
});
