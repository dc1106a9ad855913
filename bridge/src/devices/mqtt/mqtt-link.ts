import { randomBytes } from 'node:crypto';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Clock } from '../../../../shared/clock.ts';
import type { MqttConfig } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { MQTT_LEASE, type SyncOwnership } from '../../cluster/sync-ownership.ts';
import { maskedUrl } from '../../masked-url.ts';
import type { MqttRooms } from './mqtt-rooms.ts';
import { MqttTopics } from './mqtt-topics.ts';
import { OccupancyTopics } from './occupancy-topics.ts';
import { RoomPublisher } from './room-publisher.ts';

/** A lost broker is tried again this often, for as long as the bridge runs. */
const RECONNECT_MS = 1_000;
/** How often a bridge process sharing a store checks whether it holds the MQTT lease (a lease lost is not announced). */
const ROLE_CHECK_MS = 5_000;

export interface MqttLinkDeps {
  clock: Clock;
  logger: Logger;
  rooms: MqttRooms;
  /** A reading of a room's `settings.occupancyTopic`: people seen (true) or none (false). */
  onOccupancy: (roomId: string, occupied: boolean) => void;
  /** Bridge processes sharing a store: only the holder of MQTT_LEASE publishes. Alone, this process does. */
  ownership?: SyncOwnership | undefined;
}

/**
 * The bridge on an MQTT broker (MQTT 3.1.1), for Home Assistant and building
 * systems: each room's state retained at `<prefix>/<roomId>/state`, Home
 * Assistant discovery configs for every room, the bridge's availability at
 * `<prefix>/status`, and the rooms' occupancy topics read.
 *
 * Its rules: it connects on `start` and keeps reconnecting until `stop`; on
 * every (re)connect it says `online` and publishes everything again (a
 * broker restarted without persistence has forgotten it all); a change of a
 * room is published at once; the broker publishes the bridge's last will,
 * `offline`, when the bridge is gone without saying goodbye, and `stop` says
 * `offline` itself (a clean disconnect discards the will). A broker that is
 * down is a log line and a retry, never a crash. Of bridge processes sharing
 * a store, one publishes (it holds MQTT_LEASE; another takes over within
 * 30 s of its death and publishes everything); every process reads the
 * occupancy topics, so each room's devices hear its sensor wherever they run.
 */
export class MqttLink {
  readonly #config: MqttConfig;
  readonly #deps: MqttLinkDeps;
  readonly #topics: MqttTopics;
  #connection: { client: MqttClient; publisher: RoomPublisher | undefined; occupancy: OccupancyTopics } | undefined;
  #stops: (() => void)[] = [];
  #faultLogged = false;

  constructor(config: MqttConfig, deps: MqttLinkDeps) {
    this.#config = config;
    this.#deps = deps;
    this.#topics = new MqttTopics(config.topicPrefix, config.discoveryPrefix);
  }

  start(): void {
    const { rooms, ownership, clock } = this.#deps;
    this.#stops = [
      rooms.onRoomChanged((roomId) => {
        const state = rooms.stateOf(roomId);
        this.#connection?.occupancy.follow(roomId, state);
        this.#connection?.publisher?.refresh(roomId, state);
      }),
    ];
    if (ownership) {
      this.#stops.push(ownership.onGained((leases) => leases.includes(MQTT_LEASE) && this.#followRole()));
      const everyFewSeconds = () => {
        this.#followRole();
        cancel = clock.setTimer(everyFewSeconds, ROLE_CHECK_MS);
      };
      let cancel = clock.setTimer(everyFewSeconds, ROLE_CHECK_MS);
      this.#stops.push(() => cancel());
    }
    this.#connect(this.#publishesHere());
  }

  /** The one process holding the MQTT lease publishes; the others only read the occupancy topics. */
  #publishesHere(): boolean {
    return this.#deps.ownership?.owns(MQTT_LEASE) ?? true;
  }

  /** Reconnects in the role this process has now, when it changed: a will is set only at connecting (MQTT 3.1.1 section 3.1.2.5). */
  #followRole(): void {
    const publishes = this.#publishesHere();
    const connection = this.#connection;
    if (!connection || (connection.publisher !== undefined) === publishes) return;
    this.#deps.logger.info({ publishes }, publishes ? 'MQTT: this bridge process now publishes the rooms' : 'MQTT: another bridge process publishes the rooms now; this one only reads occupancy');
    this.#connection = undefined;
    connection.publisher?.stop();
    // A clean disconnect discards the will, so the rooms are not announced offline while the new publisher runs.
    void connection.client.endAsync().catch(() => undefined);
    this.#connect(publishes);
  }

  #connect(publishes: boolean): void {
    const { logger, rooms, clock } = this.#deps;
    const topics = this.#topics;
    const client = connect(withoutCredentials(this.#config.url), this.#clientOptions(publishes));
    const publisher = publishes ? new RoomPublisher(client, topics, rooms, clock, logger) : undefined;
    const occupancy = new OccupancyTopics(client, logger, this.#deps.onOccupancy);
    for (const roomId of rooms.roomIds()) occupancy.follow(roomId, rooms.stateOf(roomId));
    this.#connection = { client, publisher, occupancy };
    const broker = maskedUrl(this.#config.url);

    client.on('connect', () => {
      if (this.#connection?.client !== client) return;
      this.#faultLogged = false;
      occupancy.subscribeAll();
      if (!publisher) return logger.info({ broker }, 'MQTT: connected; reading occupancy (another bridge process publishes the rooms)');
      logger.info({ broker }, 'MQTT: connected; publishing every room');
      client.publish(topics.availability, 'online', { qos: 0, retain: true });
      publisher.publishAll();
      client.subscribe([topics.allStates, topics.ownDiscoveryConfigs], { qos: 0 });
    });
    client.on('message', (topic, payload, packet) => {
      if (occupancy.handle(topic, payload)) return;
      // Only what the broker kept from before: live messages on these topics are this bridge's own.
      const ours = topics.roomOfState(topic) !== undefined || topics.isOwnDiscoveryConfig(topic);
      if (ours && packet.retain && payload.length > 0) publisher?.retainedSeen(topic);
    });
    // Once per outage, whichever comes first: a refusal (with its reason) or the lost connection; not at every retry.
    const fault = (what: string, error?: Error) => {
      if (this.#faultLogged || this.#connection?.client !== client) return;
      this.#faultLogged = true;
      logger.warn({ broker, err: error }, `MQTT: ${what}; trying again every ${RECONNECT_MS / 1000} s`);
    };
    client.on('error', (error) => fault('the broker refused or failed the connection', error));
    client.on('close', () => fault('not connected to the broker'));
  }

  /** Says `offline` (retained) and disconnects; the rooms' last states stay on the broker. */
  async stop(): Promise<void> {
    for (const stop of this.#stops.splice(0)) stop();
    const connection = this.#connection;
    this.#connection = undefined;
    if (!connection) return;
    connection.publisher?.stop();
    const { client } = connection;
    if (connection.publisher && client.connected) await client.publishAsync(this.#topics.availability, 'offline', { qos: 0, retain: true }).catch(() => undefined);
    await client.endAsync();
  }

  #clientOptions(publishes: boolean): IClientOptions {
    const url = new URL(this.#config.url);
    return {
      protocolVersion: 4,
      clientId: `lintel-${randomBytes(6).toString('hex')}`,
      // Percent-encoded in the URL, as any URL's user and password: decoded here, not by the client library.
      username: url.username === '' ? undefined : decodeURIComponent(url.username),
      password: url.password === '' ? undefined : decodeURIComponent(url.password),
      // Every (re)connect publishes and subscribes everything afresh: nothing of an old session is wanted.
      clean: true,
      resubscribe: false,
      queueQoSZero: false,
      reconnectPeriod: RECONNECT_MS,
      // MQTT 3.1.1 section 3.1.2.5-3.1.2.7: the broker publishes the will, retained, when the connection ends without DISCONNECT.
      // Only the publishing process leaves one: a reader that dies must not announce the rooms offline.
      ...(publishes ? { will: { topic: this.#topics.availability, payload: Buffer.from('offline'), qos: 1, retain: true } } : {}),
    };
  }
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}
