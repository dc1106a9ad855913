import type { MqttClient } from 'mqtt';
import type { Clock } from '../../../../shared/clock.ts';
import type { RoomState } from '../../../../shared/model.ts';
import { nextStatusChange } from '../../../../shared/status-boundary.ts';
import type { Logger } from '../../logger.ts';
import { discoveryConfigs } from './discovery-configs.ts';
import type { MqttRooms } from './mqtt-rooms.ts';
import type { MqttTopics } from './mqtt-topics.ts';
import { roomStateMessage } from './room-state-message.ts';

/**
 * Keeps each room's retained state and Home Assistant discovery configs on
 * the broker current: on every change of the room, at each of its status
 * boundaries (a meeting starts: Busy, with no change announced), and all of
 * them again on every (re)connect, since a restarted broker without
 * persistence has forgotten them.
 *
 * Everything is sent at QoS 0, and nothing while disconnected: a message
 * from before a reconnect must never arrive after the fresh ones (QoS 1
 * would redeliver it then). Each topic's last message on this connection is
 * kept, so an unchanged state is not sent again.
 */
export class RoomPublisher {
  readonly #client: MqttClient;
  readonly #topics: MqttTopics;
  readonly #rooms: MqttRooms;
  readonly #clock: Clock;
  readonly #logger: Logger;
  /** Topic → the payload last sent on it on this connection. */
  readonly #sent = new Map<string, string>();
  /** Room → its discovery config topics sent on this connection. */
  readonly #configTopics = new Map<string, Set<string>>();
  readonly #boundaryTimers = new Map<string, () => void>();

  constructor(client: MqttClient, topics: MqttTopics, rooms: MqttRooms, clock: Clock, logger: Logger) {
    this.#client = client;
    this.#topics = topics;
    this.#rooms = rooms;
    this.#clock = clock;
    this.#logger = logger;
  }

  /** After a (re)connect: the broker may have kept nothing, so every room is sent in full. */
  publishAll(): void {
    this.#sent.clear();
    this.#configTopics.clear();
    for (const roomId of this.#rooms.roomIds()) this.refresh(roomId, this.#rooms.stateOf(roomId));
  }

  /** Sends what changed of the room, and plans its next status boundary; a room no longer served is taken out of Home Assistant. */
  refresh(roomId: string, state: RoomState | undefined): void {
    this.#boundaryTimers.get(roomId)?.();
    this.#boundaryTimers.delete(roomId);
    if (!state) return this.#remove(roomId);
    const occupancyTopic = state.room.settings.occupancyTopic;
    const configs = discoveryConfigs(this.#topics, {
      id: roomId,
      name: state.room.name,
      hasOccupancySensor: occupancyTopic !== null || this.#rooms.hasOccupancySensor(roomId),
    });
    const wanted = new Set(configs.map((config) => config.topic));
    for (const gone of this.#configTopics.get(roomId) ?? []) if (!wanted.has(gone)) this.#send(gone, '');
    this.#configTopics.set(roomId, wanted);
    for (const config of configs) this.#send(config.topic, JSON.stringify(config.payload));
    this.#send(this.#topics.state(roomId), JSON.stringify(roomStateMessage(state, this.#rooms.occupancyOf(roomId))));
    const boundary = nextStatusChange(state.events, Date.parse(state.now), state.room);
    if (boundary !== null) {
      this.#boundaryTimers.set(roomId, this.#clock.setTimer(() => this.refresh(roomId, this.#rooms.stateOf(roomId)), boundary - this.#clock.now()));
    }
  }

  /**
   * A retained state or discovery config of this bridge that the broker kept from before, read back
   * on connect: cleared unless it belongs to a room (and sensor) served now, so what was removed
   * while the bridge was down leaves the broker and Home Assistant too.
   */
  retainedSeen(topic: string): void {
    const stateOf = this.#topics.roomOfState(topic);
    if (stateOf !== undefined ? this.#configTopics.has(stateOf) : [...this.#configTopics.values()].some((topics) => topics.has(topic))) return;
    this.#logger.info({ topic }, 'MQTT: clearing what the broker kept of a room or sensor this bridge no longer has');
    this.#send(topic, '');
  }

  stop(): void {
    for (const cancel of this.#boundaryTimers.values()) cancel();
    this.#boundaryTimers.clear();
  }

  /** Its entities leave Home Assistant and its state leaves the broker. */
  #remove(roomId: string): void {
    const configTopics = this.#configTopics.get(roomId);
    if (!configTopics) return;
    this.#configTopics.delete(roomId);
    for (const topic of configTopics) this.#send(topic, '');
    this.#send(this.#topics.state(roomId), '');
  }

  /**
   * Retained, so Home Assistant and any later subscriber read the current value at once. An empty
   * payload removes the retained message (MQTT 3.1.1 section 3.3.1.3, [MQTT-3.3.1-10]) and, on a
   * discovery topic, the entity: https://www.home-assistant.io/integrations/mqtt/#discovery-payload.
   */
  #send(topic: string, payload: string): void {
    if (!this.#client.connected || this.#sent.get(topic) === payload) return;
    if (payload === '') this.#sent.delete(topic);
    else this.#sent.set(topic, payload);
    this.#client.publish(topic, payload, { qos: 0, retain: true }, (error) => {
      if (error) this.#logger.warn({ err: error, topic }, 'MQTT: a publish failed; it is sent again on reconnect');
    });
  }
}
