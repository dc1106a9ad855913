/** The components this bridge configures in Home Assistant. */
export type DiscoveryComponent = 'sensor' | 'binary_sensor';

/**
 * Where this bridge publishes on the broker, from its two prefixes:
 * `<prefix>/<roomId>/state` for each room, `<prefix>/status` for the bridge's
 * availability, and Home Assistant discovery configs under
 * `<discoveryPrefix>/<component>/<nodeId>/<objectId>/config`.
 */
export class MqttTopics {
  readonly prefix: string;
  readonly discoveryPrefix: string;
  /**
   * This bridge's node in discovery topics: the prefix in the characters a node id may have.
   * https://www.home-assistant.io/integrations/mqtt/#discovery-topic: node_id and object_id only of [a-zA-Z0-9_-].
   */
  readonly nodeId: string;

  constructor(prefix: string, discoveryPrefix: string) {
    this.prefix = prefix;
    this.discoveryPrefix = discoveryPrefix;
    this.nodeId = prefix.replace(/[^a-zA-Z0-9_-]/g, '_');
  }

  state(roomId: string): string {
    return `${this.prefix}/${roomId}/state`;
  }

  /** Every room's state topic: the retained ones a broker keeps from an earlier run are read back to clear those of rooms gone since. */
  get allStates(): string {
    return `${this.prefix}/+/state`;
  }

  /** The room whose state topic `topic` is; undefined for any other topic. */
  roomOfState(topic: string): string | undefined {
    if (!topic.startsWith(`${this.prefix}/`) || !topic.endsWith('/state')) return undefined;
    const roomId = topic.slice(this.prefix.length + 1, -'/state'.length);
    return roomId === '' || roomId.includes('/') ? undefined : roomId;
  }

  /** `online` while the bridge is connected, `offline` (its last will) once it is gone. */
  get availability(): string {
    return `${this.prefix}/status`;
  }

  /** Room ids are lowercase letters, digits and dashes (shared/model.ts RoomId), never `_`: `<roomId>_<entity>` names one entity of one room. */
  discoveryConfig(component: DiscoveryComponent, roomId: string, entity: string): string {
    return `${this.discoveryPrefix}/${component}/${this.nodeId}/${roomId}_${entity}/config`;
  }

  /**
   * Every discovery config of this bridge's node, whatever the room and entity, read back like `allStates`.
   * https://www.home-assistant.io/integrations/mqtt/#discovery-topic: the node_id level lets a client subscribe to its own topics with one wildcard.
   */
  get ownDiscoveryConfigs(): string {
    return `${this.discoveryPrefix}/+/${this.nodeId}/+/config`;
  }

  /** Is `topic` a discovery config of this node (whichever room and entity)? */
  isOwnDiscoveryConfig(topic: string): boolean {
    if (!topic.startsWith(`${this.discoveryPrefix}/`)) return false;
    const [component, node, objectId, last, ...more] = topic.slice(this.discoveryPrefix.length + 1).split('/');
    return more.length === 0 && last === 'config' && node === this.nodeId && objectId !== undefined && (component === 'sensor' || component === 'binary_sensor');
  }
}
