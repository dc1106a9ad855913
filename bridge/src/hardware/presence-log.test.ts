import { describe, expect, it } from 'vitest';
import { PresenceLog } from './presence-log.ts';

const AT = Date.parse('2026-11-23T09:00:00Z');

describe('PresenceLog', () => {
  it('has no occupancy for a room no sensor has read, and takes a lone sensor at its word', () => {
    const presence = new PresenceLog();
    expect(presence.occupied('harbour')).toBeNull();
    expect(presence.report('harbour', 'base-unit', false, AT)).toBe(true);
    expect(presence.occupied('harbour')).toBe(false);
    expect(presence.report('harbour', 'base-unit', false, AT)).toBe(false);
    expect(presence.report('harbour', 'base-unit', true, AT)).toBe(true);
    expect(presence.occupied('harbour')).toBe(true);
    expect(presence.occupied('aurora')).toBeNull();
  });

  it('calls a room occupied while any of its sensors sees people: one seeing nobody does not outvote another', () => {
    const presence = new PresenceLog();
    presence.report('harbour', 'base-unit', false, AT);
    expect(presence.report('harbour', 'clickshare', true, AT), 'a laptop connected').toBe(true);
    expect(presence.occupied('harbour')).toBe(true);
    expect(presence.report('harbour', 'base-unit', false, AT), 'the PIR still sees nobody').toBe(false);
    expect(presence.occupied('harbour')).toBe(true);
    expect(presence.report('harbour', 'clickshare', false, AT)).toBe(true);
    expect(presence.occupied('harbour')).toBe(false);
  });

  it('counts people seen for the no-show release, and tells listeners of readings and sightings made here only', () => {
    const presence = new PresenceLog();
    const readings: unknown[] = [];
    const sightings: unknown[] = [];
    presence.onReading((...reading) => readings.push(reading));
    presence.onSeen((...sighting) => sightings.push(sighting));
    presence.report('harbour', 'mqtt', false, AT);
    expect(presence.seenSince('harbour', AT)).toBe(false);
    presence.report('harbour', 'mqtt', true, AT + 60_000);
    expect(presence.seenSince('harbour', AT + 60_000)).toBe(true);
    presence.reportElsewhere('harbour', 'base-unit', true);
    presence.report('harbour', 'base-unit', true, AT + 120_000, 4);
    expect(readings).toEqual([
      ['harbour', 'mqtt', false, null],
      ['harbour', 'mqtt', true, null],
      ['harbour', 'base-unit', true, 4],
    ]);
    expect(sightings).toEqual([
      ['harbour', AT + 60_000],
      ['harbour', AT + 120_000],
    ]);
  });
});
