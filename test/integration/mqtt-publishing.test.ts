import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connectAsync } from 'mqtt';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS, toIso, type Clock } from '../../shared/clock.ts';
import { Room, RoomState, toPublicRoom, type Meeting, type TimedMeeting } from '../../shared/model.ts';
import { computeRoomStatus } from '../../shared/room-status.ts';
import type { MqttConfig } from '../../bridge/src/config.ts';
import { MqttLink } from '../../bridge/src/devices/mqtt/mqtt-link.ts';
import type { MqttRooms } from '../../bridge/src/devices/mqtt/mqtt-rooms.ts';
import { systemClock } from '../../bridge/src/system-clock.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { timed } from '../support/meetings.ts';
import { startMosquitto, type MosquittoServer } from '../support/mosquitto-server.ts';
import { until as waitUntil } from '../support/until.ts';

/** Generous: the bridge publishes within 1 s; this only keeps a broken test from hanging. */
const WAIT_MS = 5_000;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/**
 * The rooms as the composition root hands them over: states computed on
 * the clock from each room's meetings, with no privacy applied (the link
 * applies it itself), occupancy as its sensors last said.
 */
class TestRooms implements MqttRooms {
  readonly #rooms = new Map<string, { room: Room; meetings: Meeting[] }>();
  readonly #listeners = new Set<(roomId: string) => void>();
  readonly occupancy = new Map<string, boolean>();
  readonly sensors = new Set<string>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  put(room: Record<string, unknown> & { id: string }, meetings: Meeting[] = []): void {
    this.#rooms.set(room.id, { room: Room.parse({ name: room.id, timeZone: 'Europe/Amsterdam', ...room }), meetings });
    this.changed(room.id);
  }

  remove(roomId: string): void {
    this.#rooms.delete(roomId);
    this.changed(roomId);
  }

  changed(roomId: string): void {
    for (const listener of this.#listeners) listener(roomId);
  }

  roomIds = () => [...this.#rooms.keys()];
  occupancyOf = (roomId: string) => this.occupancy.get(roomId) ?? null;
  hasOccupancySensor = (roomId: string) => this.sensors.has(roomId);

  onRoomChanged(listener: (roomId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stateOf(roomId: string): RoomState | undefined {
    const entry = this.#rooms.get(roomId);
    if (!entry) return undefined;
    const now = this.#clock.now();
    const view = computeRoomStatus(entry.meetings, now, entry.room);
    const iso = (ms: number | null) => (ms === null ? null : toIso(ms));
    return RoomState.parse({
      ...view,
      room: toPublicRoom(entry.room),
      freeUntil: iso(view.freeUntil),
      busyUntil: iso(view.busyUntil),
      events: entry.meetings,
      now: toIso(now),
      updatedAt: toIso(now),
      syncedAt: null,
      syncPeriodSeconds: 15,
      bookingUrl: `http://bridge.local:8080/rooms/${roomId}`,
      roomCount: this.#rooms.size,
    });
  }
}

interface Seen {
  topic: string;
  text: string;
  retain: boolean;
}

/** A separate client subscribed to `filter`, as Home Assistant or a building system would be. */
async function observe(url: string, filter = '#') {
  const client = await connectAsync(url, { reconnectPeriod: 0 });
  cleanup.push(() => client.endAsync(true));
  const seen: Seen[] = [];
  client.on('message', (topic, payload, packet) => seen.push({ topic, text: payload.toString(), retain: packet.retain }));
  await client.subscribeAsync(filter, { qos: 1 });
  const last = (topic: string) => seen.findLast((message) => message.topic === topic);
  return { client, seen, last };
}

/** What the broker keeps now: every retained message, read by a new subscriber up to a marker it sends itself after subscribing. */
async function retained(url: string): Promise<Map<string, string>> {
  const { client, seen } = await observe(url);
  await client.publishAsync('test/marker', 'end', { qos: 1 });
  await until(() => seen.some((message) => message.topic === 'test/marker'), 'the marker');
  return new Map(seen.filter((message) => message.retain).map((message) => [message.topic, message.text]));
}

const until = (condition: () => boolean, what: string) => waitUntil(() => condition() || undefined, WAIT_MS, what, 10);

async function broker(): Promise<MosquittoServer> {
  const server = await startMosquitto();
  cleanup.push(() => server.stop());
  return server;
}

function startLink(server: MosquittoServer, rooms: MqttRooms, clock: Clock = systemClock): MqttLink {
  const config: MqttConfig = { url: server.url, topicPrefix: 'lintel', discoveryPrefix: 'homeassistant' };
  const link = new MqttLink(config, { clock, logger: pino({ level: 'silent' }), rooms, onOccupancy: () => {} });
  link.start();
  cleanup.push(() => link.stop());
  return link;
}

const underWay = (subject: string, extra: Partial<TimedMeeting> = {}) =>
  timed(toIso(Date.now() - 10 * MINUTE_MS), toIso(Date.now() + 50 * MINUTE_MS), { subject, organizer: 'Grace Hopper', ...extra });
/** A JSON message; {} for none yet. */
const parsed = (text: string | undefined) => (text ? JSON.parse(text) : {}) as Record<string, unknown>;

describe('the bridge on an MQTT broker', () => {
  it("publishes each room's state retained, says it is online, and publishes a change at once", async () => {
    const server = await broker();
    const rooms = new TestRooms(systemClock);
    rooms.put({ id: 'harbour', name: 'Harbour' });
    rooms.put({ id: 'dock' }, [underWay('Planning')]);
    startLink(server, rooms);
    const live = await observe(server.url, 'lintel/#');
    await until(() => live.last('lintel/status')?.text === 'online' && live.last('lintel/dock/state') !== undefined, 'online and the states');

    const kept = await retained(server.url);
    expect(kept.get('lintel/status')).toBe('online');
    expect(parsed(kept.get('lintel/harbour/state'))).toMatchObject({ roomId: 'harbour', name: 'Harbour', status: 'available', busy: false, freeUntil: null, busyUntil: null, occupied: null, meeting: null });
    expect(parsed(kept.get('lintel/dock/state'))).toMatchObject({ status: 'busy', busy: true, meeting: { subject: 'Planning', organizer: 'Grace Hopper' } });

    rooms.put({ id: 'harbour', name: 'Harbour' }, [underWay('Walk-up')]);
    await until(() => parsed(live.last('lintel/harbour/state')?.text).status === 'busy', 'the change');
    rooms.occupancy.set('harbour', true);
    rooms.changed('harbour');
    await until(() => parsed(live.last('lintel/harbour/state')?.text).occupied === true, 'the occupancy');
  });

  it('publishes a status boundary on its clock, with no change announced: a meeting starts', async () => {
    const server = await broker();
    const clock = new FakeClock('2026-11-23T09:00:00+01:00');
    const rooms = new TestRooms(clock);
    rooms.put({ id: 'harbour' }, [timed('2026-11-23T09:30:00+01:00', '2026-11-23T10:00:00+01:00')]);
    startLink(server, rooms, clock);
    const live = await observe(server.url, 'lintel/harbour/state');
    const status = () => parsed(live.last('lintel/harbour/state')?.text).status;
    await until(() => status() === 'available', 'available');
    clock.advance(20 * MINUTE_MS);
    await until(() => status() === 'starting-soon', 'starting soon');
    clock.advance(10 * MINUTE_MS);
    await until(() => status() === 'busy', 'busy');
  });

  it("never puts a private meeting's subject or organizer on the wire, nor what the room's privacy hides", async () => {
    const server = await broker();
    const wire = await observe(server.url);
    const rooms = new TestRooms(systemClock);
    rooms.put({ id: 'board' }, [underWay('Acquisition of Contoso', { isPrivate: true })]);
    rooms.put({ id: 'hidden', settings: { privacy: 'hidden' } }, [underWay('Layoffs 2027')]);
    rooms.put({ id: 'reserved', settings: { privacy: 'organizer-only' } }, [underWay('Salary review', { organizer: 'Ada Lovelace' })]);
    startLink(server, rooms);
    await until(() => ['board', 'hidden', 'reserved'].every((id) => wire.last(`lintel/${id}/state`)), 'every state');
    const everything = wire.seen.map((message) => `${message.topic} ${message.text}`).join('\n');
    for (const secret of ['Contoso', 'Grace Hopper', 'Layoffs', 'Salary']) expect(everything).not.toContain(secret);
    expect(parsed(wire.last('lintel/board/state')?.text)).toMatchObject({ busy: true, meeting: { subject: '', organizer: null, isPrivate: true } });
    expect(parsed(wire.last('lintel/reserved/state')?.text)).toMatchObject({ meeting: { subject: '', organizer: 'Ada Lovelace' } });
  });

  it('makes every room a Home Assistant device, its entities reading its state topic, as the discovery documents say', async () => {
    const server = await broker();
    const rooms = new TestRooms(systemClock);
    rooms.put({ id: 'harbour', name: 'Harbour', settings: { occupancyTopic: 'sensors/harbour' } });
    rooms.put({ id: 'dock', name: 'Dock' });
    rooms.sensors.add('loft');
    rooms.put({ id: 'loft', name: 'Loft' });
    startLink(server, rooms);
    const live = await observe(server.url);
    await until(() => live.seen.filter((message) => message.topic.endsWith('/config')).length === 8, 'eight configs');

    const kept = await retained(server.url);
    const configs = [...kept].filter(([topic]) => topic.startsWith('homeassistant/'));
    expect(configs.map(([topic]) => topic).sort()).toEqual([
      'homeassistant/binary_sensor/lintel/dock_busy/config',
      'homeassistant/binary_sensor/lintel/harbour_busy/config',
      'homeassistant/binary_sensor/lintel/harbour_occupied/config',
      'homeassistant/binary_sensor/lintel/loft_busy/config',
      'homeassistant/binary_sensor/lintel/loft_occupied/config',
      'homeassistant/sensor/lintel/dock_status/config',
      'homeassistant/sensor/lintel/harbour_status/config',
      'homeassistant/sensor/lintel/loft_status/config',
    ]);
    const uniqueIds = new Set<unknown>();
    for (const [topic, text] of configs) {
      // https://www.home-assistant.io/integrations/mqtt/#discovery-topic
      expect(topic).toMatch(/^homeassistant\/(sensor|binary_sensor)\/[a-zA-Z0-9_-]+\/[a-zA-Z0-9_-]+\/config$/);
      const config = parsed(text);
      const roomId = topic.split('/')[3]!.split('_')[0]!;
      uniqueIds.add(config.unique_id);
      expect(config).toMatchObject({ state_topic: `lintel/${roomId}/state`, availability_topic: 'lintel/status', device: { identifiers: [`lintel_${roomId}`] } });
      // Each value template reads a field the state message has.
      const state = parsed(kept.get(`lintel/${roomId}/state`));
      for (const [, field] of String(config.value_template).matchAll(/value_json\.(\w+)/g)) expect(state).toHaveProperty(field!);
    }
    expect(uniqueIds.size).toBe(configs.length);
    expect(kept.get('lintel/status')).toBe('online');
  });

  it("takes a removed room's entities and state off the broker, and a removed sensor's entity", async () => {
    const server = await broker();
    const rooms = new TestRooms(systemClock);
    rooms.put({ id: 'harbour', settings: { occupancyTopic: 'sensors/harbour' } });
    rooms.put({ id: 'dock' });
    startLink(server, rooms);
    const live = await observe(server.url, 'lintel/dock/state');
    await until(() => live.seen.length > 0, 'the states');

    rooms.put({ id: 'harbour' });
    rooms.remove('dock');
    await until(() => live.last('lintel/dock/state')?.text === '', 'the empty state');
    const kept = await retained(server.url);
    expect([...kept.keys()].filter((topic) => topic.includes('dock') || topic.includes('occupied'))).toEqual([]);
    expect(kept.has('homeassistant/sensor/lintel/harbour_status/config')).toBe(true);
  });

  it('clears what it published of rooms that were removed while it was stopped', async () => {
    const server = await broker();
    const before = new TestRooms(systemClock);
    before.put({ id: 'harbour' });
    before.put({ id: 'dock' });
    const first = startLink(server, before);
    const live = await observe(server.url, 'lintel/status');
    await until(() => live.last('lintel/status')?.text === 'online', 'online');
    await first.stop();
    expect((await retained(server.url)).get('lintel/status')).toBe('offline');

    const wire = await observe(server.url);
    const after = new TestRooms(systemClock);
    after.put({ id: 'harbour' });
    startLink(server, after);
    const dock = ['homeassistant/sensor/lintel/dock_status/config', 'homeassistant/binary_sensor/lintel/dock_busy/config', 'lintel/dock/state'];
    await until(() => dock.every((topic) => wire.last(topic)?.text === ''), "the dock's configs and state cleared");
    const kept = await retained(server.url);
    expect([...kept.keys()].filter((topic) => topic.includes('dock'))).toEqual([]);
    expect(kept.has('lintel/harbour/state')).toBe(true);
  });

  it('publishes every state again after the broker restarts', async () => {
    const server = await broker();
    const rooms = new TestRooms(systemClock);
    for (const id of ['harbour', 'dock', 'loft']) rooms.put({ id });
    startLink(server, rooms);
    const live = await observe(server.url, 'lintel/status');
    await until(() => live.last('lintel/status')?.text === 'online', 'online');

    await server.restart();
    const again = await observe(server.url, 'lintel/#');
    await until(() => ['harbour', 'dock', 'loft'].every((id) => again.last(`lintel/${id}/state`)) && again.last('lintel/status')?.text === 'online', 'every state again');
    const kept = await retained(server.url);
    expect([...kept.keys()].filter((topic) => topic.endsWith('/config'))).toHaveLength(6);
  });

  it('leaves its last will, offline, when the bridge is gone without a goodbye', async () => {
    const server = await broker();
    const live = await observe(server.url, 'lintel/status');
    const script = `
      import { pino } from 'pino';
      import { MqttLink } from './bridge/src/devices/mqtt/mqtt-link.ts';
      import { systemClock } from './bridge/src/system-clock.ts';
      const rooms = { roomIds: () => [], stateOf: () => undefined, onRoomChanged: () => () => {}, occupancyOf: () => null, hasOccupancySensor: () => false };
      const config = { url: '${server.url}', topicPrefix: 'lintel', discoveryPrefix: 'homeassistant' };
      new MqttLink(config, { clock: systemClock, logger: pino({ level: 'silent' }), rooms, onOccupancy: () => {} }).start();`;
    const bridge = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: 'ignore' });
    cleanup.push(() => void (bridge.exitCode === null && bridge.signalCode === null && bridge.kill('SIGKILL')));
    await until(() => live.last('lintel/status')?.text === 'online', 'the bridge online');
    bridge.kill('SIGKILL');
    await until(() => live.last('lintel/status')?.text === 'offline', 'its last will');
    expect((await retained(server.url)).get('lintel/status')).toBe('offline');
  });
});
