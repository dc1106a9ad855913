import { describe, expect, it } from 'vitest';
import { MqttTopics } from './mqtt-topics.ts';

const topics = new MqttTopics('building/lintel', 'homeassistant');

describe('the topics of the bridge', () => {
  it('publishes states and availability under its prefix', () => {
    expect(topics.state('harbour')).toBe('building/lintel/harbour/state');
    expect(topics.availability).toBe('building/lintel/status');
    expect(topics.allStates).toBe('building/lintel/+/state');
    expect(topics.ownDiscoveryConfigs).toBe('homeassistant/+/building_lintel/+/config');
  });

  it('knows its own state topics again, and no others', () => {
    expect(topics.roomOfState('building/lintel/harbour/state')).toBe('harbour');
    for (const other of ['building/lintel/status', 'building/lintel//state', 'building/lintel/a/b/state', 'lintel/harbour/state', 'building/lintel/harbour/state/x']) {
      expect(topics.roomOfState(other), other).toBeUndefined();
    }
  });

  it('knows its own discovery configs again, and no others', () => {
    expect(topics.isOwnDiscoveryConfig('homeassistant/sensor/building_lintel/harbour_status/config')).toBe(true);
    expect(topics.isOwnDiscoveryConfig('homeassistant/binary_sensor/building_lintel/harbour_busy/config')).toBe(true);
    for (const other of [
      'homeassistant/sensor/other_node/harbour_status/config',
      'homeassistant/light/building_lintel/harbour_status/config',
      'homeassistant/sensor/building_lintel/harbour_status/state',
      'homeassistant/sensor/harbour_status/config',
      'elsewhere/sensor/building_lintel/harbour_status/config',
    ]) {
      expect(topics.isOwnDiscoveryConfig(other), other).toBe(false);
    }
  });
});
