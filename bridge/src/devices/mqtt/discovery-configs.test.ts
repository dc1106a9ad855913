import { describe, expect, it } from 'vitest';
import { discoveryConfigs } from './discovery-configs.ts';
import { MqttTopics } from './mqtt-topics.ts';

const topics = new MqttTopics('lintel', 'homeassistant');
const harbour = { id: 'harbour-2', name: 'Harbour 2', hasOccupancySensor: true };

describe('Home Assistant discovery for a room', () => {
  it('makes a status sensor and a busy binary sensor, each at <prefix>/<component>/<node>/<object>/config', () => {
    const configs = discoveryConfigs(topics, { ...harbour, hasOccupancySensor: false });
    expect(configs.map((config) => config.topic)).toEqual([
      'homeassistant/sensor/lintel/harbour-2_status/config',
      'homeassistant/binary_sensor/lintel/harbour-2_busy/config',
    ]);
    expect(configs[0]!.payload).toMatchObject({ name: 'Status', device_class: 'enum', options: ['available', 'busy', 'starting-soon', 'awaiting-check-in'], value_template: '{{ value_json.status }}' });
    expect(configs[1]!.payload).toMatchObject({ name: 'Busy', value_template: "{{ 'ON' if value_json.busy else 'OFF' }}" });
    expect(configs[1]!.payload).not.toHaveProperty('device_class');
  });

  it('adds an occupancy binary sensor when the room has a sensor, unknown until it said', () => {
    const occupied = discoveryConfigs(topics, harbour)[2]!;
    expect(occupied.topic).toBe('homeassistant/binary_sensor/lintel/harbour-2_occupied/config');
    expect(occupied.payload).toMatchObject({
      name: 'Occupied',
      device_class: 'occupancy',
      value_template: "{{ 'None' if value_json.occupied is none else ('ON' if value_json.occupied else 'OFF') }}",
    });
  });

  it("reads the room's state topic, is unavailable with the bridge, and groups the room's entities as one device", () => {
    const configs = discoveryConfigs(topics, harbour);
    for (const { payload } of configs) {
      expect(payload).toMatchObject({
        state_topic: 'lintel/harbour-2/state',
        availability_topic: 'lintel/status',
        device: { identifiers: ['lintel_harbour-2'], name: 'Harbour 2' },
        origin: { name: 'Lintel' },
      });
    }
    const uniqueIds = configs.map(({ payload }) => payload.unique_id);
    expect(uniqueIds).toEqual(['lintel_harbour-2_status', 'lintel_harbour-2_busy', 'lintel_harbour-2_occupied']);
  });

  it('keeps node and object ids to the characters Home Assistant allows, whatever the prefix', () => {
    const configs = discoveryConfigs(new MqttTopics('site a/lintel', 'ha'), harbour);
    for (const { topic, payload } of configs) {
      const [, , node, object] = topic.split('/');
      expect(node).toMatch(/^[a-zA-Z0-9_-]+$/);
      expect(object).toMatch(/^[a-zA-Z0-9_-]+$/);
      expect(payload).toMatchObject({ state_topic: 'site a/lintel/harbour-2/state', availability_topic: 'site a/lintel/status' });
    }
    expect(configs[0]!.topic).toBe('ha/sensor/site_a_lintel/harbour-2_status/config');
  });
});
