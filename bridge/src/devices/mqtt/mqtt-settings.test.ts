import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.ts';

describe('MQTT settings', () => {
  it('are off without a broker, and take the documented defaults with one', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, data: { mqtt: null } });
    expect(parseConfig({ LINTEL_MQTT_URL: 'mqtt://broker.example.org' })).toMatchObject({
      ok: true,
      data: { mqtt: { url: 'mqtt://broker.example.org', topicPrefix: 'lintel', discoveryPrefix: 'homeassistant' } },
    });
  });

  it('take TLS, a user and password in the URL, and other prefixes', () => {
    const env = { LINTEL_MQTT_URL: 'mqtts://lintel:p%40ss@broker.example.org:8883', LINTEL_MQTT_TOPIC_PREFIX: 'site-a/lintel', LINTEL_MQTT_DISCOVERY_PREFIX: 'ha' };
    expect(parseConfig(env)).toMatchObject({ ok: true, data: { mqtt: { url: 'mqtts://lintel:p%40ss@broker.example.org:8883', topicPrefix: 'site-a/lintel', discoveryPrefix: 'ha' } } });
  });

  it('list every problem at once, without repeating a password', () => {
    const result = parseConfig({ LINTEL_MQTT_URL: 'http://lintel:hunter2@broker.example.org', LINTEL_MQTT_TOPIC_PREFIX: 'lintel/#', LINTEL_MQTT_DISCOVERY_PREFIX: '$SYS' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('LINTEL_MQTT_URL: must be an mqtt:// or mqtts:// URL');
    expect(result.message).toContain('LINTEL_MQTT_TOPIC_PREFIX: must be a topic');
    expect(result.message).toContain('LINTEL_MQTT_DISCOVERY_PREFIX: must be a topic');
    expect(result.message).not.toContain('hunter2');
  });

  it('refuse a prefix with an empty level', () => {
    for (const prefix of ['/lintel', 'lintel/', 'a//b', 'a/+/b']) {
      expect(parseConfig({ LINTEL_MQTT_TOPIC_PREFIX: prefix }).ok, prefix).toBe(false);
    }
  });
});
