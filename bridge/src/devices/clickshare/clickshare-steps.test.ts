import { describe, expect, it } from 'vitest';
import { plan, type Pending, type UnitReading } from './clickshare-steps.ts';

const both: Pending = { power: true, roomName: true };
const unit = (reading: Partial<UnitReading>): UnitReading => ({ power: 'on', inUse: false, roomName: 'Aurora', ...reading });

describe('what the ClickShare driver sends next', () => {
  it('renames first, then wakes a unit in standby when ON is wanted', () => {
    const first = plan({ power: 'ON', roomName: 'Harbour' }, unit({ power: 'standby', roomName: 'ClickShare' }), both);
    expect(first).toEqual({ step: { kind: 'rename', name: 'Harbour' }, pending: { power: true, roomName: false }, standbyHeld: false });
    expect(plan({ power: 'ON', roomName: 'Harbour' }, unit({ power: 'standby', roomName: 'Harbour' }), first.pending)).toEqual({
      step: { kind: 'wakeup' },
      pending: { power: false, roomName: false },
      standbyHeld: false,
    });
  });

  it('sends nothing to a unit that already follows the wish, and nothing twice', () => {
    expect(plan({ power: 'ON', roomName: 'Aurora' }, unit({}), both)).toEqual({ step: null, pending: { power: false, roomName: false }, standbyHeld: false });
    expect(plan({ power: 'STANDBY', roomName: 'Aurora' }, unit({ power: 'standby' }), both).step).toBeNull();
    expect(plan({ power: 'STANDBY', roomName: 'Harbour' }, unit({ roomName: 'ClickShare' }), { power: false, roomName: false }).step).toBeNull();
  });

  it('sends standby only to a unit nobody is connected to, and holds it otherwise', () => {
    expect(plan({ power: 'STANDBY', roomName: 'Aurora' }, unit({ inUse: false }), both).step).toEqual({ kind: 'standby' });
    const held = plan({ power: 'STANDBY', roomName: 'Aurora' }, unit({ inUse: true }), both);
    expect(held).toEqual({ step: null, pending: { power: true, roomName: false }, standbyHeld: true });
    expect(plan({ power: 'STANDBY', roomName: 'Aurora' }, unit({ inUse: null }), both).standbyHeld).toBe(true);
  });

  it('waits for a reading before deciding, and leaves an unlisted power or no wish alone', () => {
    expect(plan({ power: 'ON', roomName: 'Aurora' }, unit({ power: null, roomName: null }), both)).toEqual({ step: null, pending: both, standbyHeld: false });
    expect(plan({ power: null, roomName: 'Aurora' }, unit({ power: 'standby' }), both)).toEqual({ step: null, pending: { power: false, roomName: false }, standbyHeld: false });
    expect(plan({ power: 'ON', roomName: '' }, unit({ power: 'on', roomName: 'Aurora' }), both).step).toBeNull();
  });
});
