import { RoomStatus } from '../../../../shared/model.ts';
import type { DiscoveryComponent, MqttTopics } from './mqtt-topics.ts';

/** One retained discovery message: an entity of a room in Home Assistant. */
export interface DiscoveryConfig {
  topic: string;
  payload: Record<string, unknown>;
}

/** What discovery needs of a room. */
export interface DiscoveredRoom {
  id: string;
  name: string;
  /** An occupancy sensor (a base unit's, an MQTT topic's) says whether people are in it. */
  hasOccupancySensor: boolean;
}

/**
 * Home Assistant MQTT discovery for one room: one device per room, with a
 * "Status" sensor, a "Busy" binary sensor and, when the room has an
 * occupancy sensor, an "Occupied" one; each reads the room's retained state
 * topic with a value template and is unavailable while the bridge is gone.
 * Single component discovery payloads, retained:
 * https://www.home-assistant.io/integrations/mqtt/#single-component-discovery-payload
 */
export function discoveryConfigs(topics: MqttTopics, room: DiscoveredRoom): DiscoveryConfig[] {
  const entity = (component: DiscoveryComponent, key: string, options: Record<string, unknown>): DiscoveryConfig => ({
    topic: topics.discoveryConfig(component, room.id, key),
    payload: {
      ...options,
      // https://www.home-assistant.io/integrations/mqtt/#naming-of-mqtt-entities: unique_id makes it editable; the device groups a room's entities.
      unique_id: `${topics.nodeId}_${room.id}_${key}`,
      state_topic: topics.state(room.id),
      // https://www.home-assistant.io/integrations/mqtt/#using-availability-topics: payloads `online`/`offline` by default.
      availability_topic: topics.availability,
      // https://www.home-assistant.io/integrations/sensor.mqtt/ ("device"): identifiers tie the entities of one room to one device.
      device: { identifiers: [`${topics.nodeId}_${room.id}`], name: room.name, manufacturer: 'Lintel', model: 'Meeting room', suggested_area: room.name },
      // https://www.home-assistant.io/integrations/mqtt/#discovery-payload: "It is recommended to add information about the origin".
      origin: { name: 'Lintel' },
    },
  });
  const configs = [
    // https://www.home-assistant.io/integrations/sensor.mqtt/ ("options"): an `enum` sensor lists the states it may take.
    entity('sensor', 'status', { name: 'Status', device_class: 'enum', options: RoomStatus.options, icon: 'mdi:calendar-clock', value_template: '{{ value_json.status }}' }),
    // No device class: `occupancy` means people detected (https://www.home-assistant.io/integrations/binary_sensor/#device-class), and a booked room may be empty.
    entity('binary_sensor', 'busy', { name: 'Busy', icon: 'mdi:calendar-account', value_template: "{{ 'ON' if value_json.busy else 'OFF' }}" }),
  ];
  if (room.hasOccupancySensor) {
    configs.push(
      // https://www.home-assistant.io/integrations/binary_sensor.mqtt/: "matching payload_on, payload_off or None"; None (no reading yet) is `unknown`.
      entity('binary_sensor', 'occupied', {
        name: 'Occupied',
        device_class: 'occupancy',
        value_template: "{{ 'None' if value_json.occupied is none else ('ON' if value_json.occupied else 'OFF') }}",
      }),
    );
  }
  return configs;
}
