import type { MqttClient } from 'mqtt';
import type { RoomState } from '../../../../shared/model.ts';
import type { Logger } from '../../logger.ts';
import { occupancyOf } from './occupancy-payload.ts';

/** The longest part of a payload a warning quotes: enough to recognise it, too little to flood the log. */
const QUOTED_CHARS = 80;

/**
 * The rooms' `settings.occupancyTopic` subscriptions: follows each room's
 * setting, subscribes on every (re)connect, and turns each reading into
 * `(roomId, occupied)` for the room (or rooms) that named the topic. A topic
 * whose payload says nothing about occupancy is warned about once and
 * otherwise ignored.
 *
 * A retained reading arrives on subscribing: it is the sensor's current
 * state (a sensor that still sees people keeps saying ON), so it counts.
 */
export class OccupancyTopics {
  readonly #client: MqttClient;
  readonly #logger: Logger;
  readonly #deliver: (roomId: string, occupied: boolean) => void;
  readonly #topicOfRoom = new Map<string, string>();
  readonly #warned = new Set<string>();

  constructor(client: MqttClient, logger: Logger, deliver: (roomId: string, occupied: boolean) => void) {
    this.#client = client;
    this.#logger = logger;
    this.#deliver = deliver;
  }

  /** Follows the room's setting; a room no longer served (no state) has no topic. */
  follow(roomId: string, state: RoomState | undefined): void {
    const before = this.#topicOfRoom.get(roomId);
    const topic = state?.room.settings.occupancyTopic ?? undefined;
    if (topic === before) return;
    if (topic === undefined) this.#topicOfRoom.delete(roomId);
    else this.#topicOfRoom.set(roomId, topic);
    if (!this.#client.connected) return;
    if (before !== undefined && !this.#roomsOf(before).length) this.#client.unsubscribe(before);
    if (topic !== undefined) this.#subscribe([topic]);
  }

  /** After a (re)connect: a clean session starts with no subscriptions. */
  subscribeAll(): void {
    const topics = [...new Set(this.#topicOfRoom.values())];
    if (topics.length > 0) this.#subscribe(topics);
  }

  /** A message on an occupancy topic, delivered to its rooms; false for a topic that is none. */
  handle(topic: string, payload: Buffer): boolean {
    const rooms = this.#roomsOf(topic);
    if (rooms.length === 0) return false;
    const occupied = occupancyOf(payload);
    if (occupied === undefined) {
      if (!this.#warned.has(topic)) {
        this.#warned.add(topic);
        const quoted = payload.toString('utf8').slice(0, QUOTED_CHARS);
        this.#logger.warn({ topic, payload: quoted, rooms }, 'MQTT: an occupancy topic sent something other than ON, OFF or {"occupancy": true|false}; ignored (said once per topic)');
      }
      return true;
    }
    for (const roomId of rooms) {
      try {
        this.#deliver(roomId, occupied);
      } catch (error) {
        this.#logger.error({ err: error, roomId }, 'MQTT: handling an occupancy reading failed');
      }
    }
    return true;
  }

  #roomsOf(topic: string): string[] {
    return [...this.#topicOfRoom].filter(([, roomTopic]) => roomTopic === topic).map(([roomId]) => roomId);
  }

  /** QoS 1: a reading published while the bridge is connected reaches it. */
  #subscribe(topics: string[]): void {
    this.#client.subscribe(topics, { qos: 1 }, (error) => {
      if (error) this.#logger.warn({ err: error, topics }, 'MQTT: subscribing to occupancy topics failed; tried again on reconnect');
    });
  }
}
