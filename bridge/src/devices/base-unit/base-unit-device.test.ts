import { describe, expect, it } from 'vitest';
import { ScriptedBaseUnit } from '../../../../test/support/scripted-base-unit.ts';
import type { DeviceEvent } from '../room-device.ts';
import { BaseUnitDevice, deviceEventOf } from './base-unit-device.ts';

describe('what a BUCP/1 event means for the room', () => {
  it('reads sharing, people and the buttons, and nothing else', () => {
    expect(deviceEventOf({ name: 'SHARING', fields: { state: '1', clients: '2' } })).toEqual({ kind: 'sharing', sharing: true });
    expect(deviceEventOf({ name: 'SHARING', fields: { state: '0', clients: '0' } })).toEqual({ kind: 'sharing', sharing: false });
    expect(deviceEventOf({ name: 'PEOPLE', fields: { n: '3' } })).toEqual({ kind: 'occupancy', occupied: true, people: 3 });
    expect(deviceEventOf({ name: 'PEOPLE', fields: { n: '0' } })).toEqual({ kind: 'occupancy', occupied: false, people: 0 });
    expect(deviceEventOf({ name: 'PEOPLE', fields: { n: 'unknown' } })).toBeNull();
    expect(deviceEventOf({ name: 'BUTTON', fields: { name: 'WAKE' } })).toEqual({ kind: 'wake' });
    expect(deviceEventOf({ name: 'BUTTON', fields: { name: 'BOOK' } })).toEqual({ kind: 'book' });
    expect(deviceEventOf({ name: 'BUTTON', fields: { name: 'HELP' } })).toBeNull();
    expect(deviceEventOf({ name: 'POWER', fields: { state: 'ON' } })).toBeNull();
  });
});

describe('the base unit as a room device', () => {
  it('tells a listener added after the unit counted people what it counted, then what it counts next', () => {
    const unit = new ScriptedBaseUnit();
    const device = new BaseUnitDevice(unit);
    const early: DeviceEvent[] = [];
    device.onEvent((event) => early.push(event));
    expect(early).toEqual([]);
    unit.setPeople(3);
    const late: DeviceEvent[] = [];
    device.onEvent((event) => late.push(event));
    unit.setPeople(0);
    expect(late).toEqual([
      { kind: 'occupancy', occupied: true, people: 3 },
      { kind: 'occupancy', occupied: false, people: 0 },
    ]);
    expect(early).toEqual([
      { kind: 'occupancy', occupied: true, people: 3 },
      { kind: 'occupancy', occupied: false, people: 0 },
    ]);
  });
});
