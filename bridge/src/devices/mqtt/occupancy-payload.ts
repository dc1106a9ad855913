import { z } from 'zod';

/** Zigbee2MQTT and the like send more than `occupancy` (battery, illuminance): the rest is not ours to judge. */
const OccupancyJson = z.object({ occupancy: z.boolean() });

/**
 * What an occupancy topic's payload says: `ON` or `OFF` (Home Assistant's
 * binary sensor payloads), or JSON with a boolean `occupancy`; undefined for
 * anything else, which says nothing about the room.
 * https://www.home-assistant.io/integrations/binary_sensor.mqtt/: payload_on "ON", payload_off "OFF" by default.
 */
export function occupancyOf(payload: Buffer): boolean | undefined {
  const text = payload.toString('utf8').trim();
  if (text === 'ON') return true;
  if (text === 'OFF') return false;
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed = OccupancyJson.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.occupancy : undefined;
  } catch {
    return undefined;
  }
}
