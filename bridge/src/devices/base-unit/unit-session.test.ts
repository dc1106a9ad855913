import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../test/support/fake-clock.ts';
import { SimulatedPort } from './simulated-port.ts';
import { UnitSession } from './unit-session.ts';
import type { UnitEvent } from './unit-link.ts';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

async function session() {
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  const port = new SimulatedPort(clock);
  const unit = new UnitSession(port, clock, pino({ level: 'silent' }));
  const events: UnitEvent[] = [];
  unit.onEvent((event) => events.push(event));
  return { clock, port, sim: port.unit, unit, events };
}

describe('base unit session (in-process simulated unit)', () => {
  it('says HELLO, reads STATUS and applies what the room wants', async () => {
    const { sim, unit } = await session();
    unit.want({ power: 'ON', led: { color: 'RED', mode: 'SOLID' }, banner: 'Meeting ends in 5 min' });
    unit.start();
    await settle();
    expect(sim.received.slice(0, 2).map((line) => line.split(' ')[1])).toEqual(['HELLO', 'STATUS']);
    expect(sim.state).toMatchObject({ power: 'on', led: 'RED/SOLID', banner: 'Meeting ends in 5 min', clock: Date.parse('2026-11-23T10:00:00Z') / 1000 });
    expect(unit.status()).toMatchObject({ connected: true, model: 'BU-200', serial: 'SIM0001', firmware: '2.4.1', power: 'on' });
  });

  it('applies a change at once while connected', async () => {
    const { sim, unit } = await session();
    unit.start();
    await settle();
    unit.want({ led: { color: 'GREEN', mode: 'SOLID' } });
    await settle();
    expect(sim.state.led).toBe('GREEN/SOLID');
  });

  it('applies everything again after the unit reboots', async () => {
    const { sim, unit } = await session();
    unit.want({ power: 'ON', led: { color: 'AMBER', mode: 'PULSE' }, banner: 'Hi' });
    unit.start();
    await settle();
    sim.reboot();
    expect(sim.state.led).toBe('OFF/SOLID');
    await settle();
    expect(sim.state).toMatchObject({ power: 'on', led: 'AMBER/PULSE', banner: 'Hi' });
  });

  it('finds the unit again after it was unplugged, backing off from 0.5 s to 8 s, and re-applies the state', async () => {
    const { clock, port, sim, unit } = await session();
    unit.want({ led: { color: 'BLUE', mode: 'BLINK' } });
    unit.start();
    await settle();
    port.unplug();
    await settle();
    expect(unit.status().connected).toBe(false);
    const attempts: number[] = [];
    const open = port.open.bind(port);
    port.open = () => (attempts.push(clock.now()), open());
    for (let i = 0; i < 60; i++) {
      clock.advance(500);
      await settle();
    }
    const gaps = attempts.map((at, i) => at - (attempts[i - 1] ?? Date.parse('2026-11-23T10:00:00Z')));
    expect(gaps).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    port.plugIn();
    clock.advance(8000);
    await settle();
    expect(unit.status().connected).toBe(true);
    expect(sim.state.led).toBe('BLUE/BLINK');
  });

  it('calls a unit that stops answering lost, and reconnects when it answers again', async () => {
    const { clock, sim, unit } = await session();
    unit.start();
    await settle();
    sim.faults.silent = true;
    clock.advance(5000);
    for (let i = 0; i < 3; i++) {
      await settle();
      clock.advance(1000);
    }
    await settle();
    expect(unit.status().connected).toBe(false);
    sim.faults.silent = false;
    clock.advance(500);
    await settle();
    expect(unit.status().connected).toBe(true);
  });

  it('reports sharing, people, power and faults, and passes every event on', async () => {
    const { sim, unit, events } = await session();
    unit.start();
    await settle();
    sim.startSharing(2);
    sim.setPeople(4);
    sim.powerChangedLocally('on');
    sim.fault(17, 'fan stalled');
    sim.pressButton('BOOK');
    await settle();
    expect(unit.status()).toMatchObject({ sharing: true, clients: 2, people: 4, power: 'on', lastFault: { code: '17', text: 'fan stalled' } });
    expect(events.map((e) => e.name)).toEqual(['SHARING', 'PEOPLE', 'POWER', 'FAULT', 'BUTTON']);
  });

  it('stays connected through garbage and over-long lines, and records a refused command', async () => {
    const { sim, unit } = await session();
    sim.faults.monitorUnplugged = true;
    unit.want({ power: 'ON' });
    unit.start();
    await settle();
    sim.garbage(new Uint8Array([0, 255, 13, 10, 65, 66, 10]));
    sim.garbage(new Uint8Array(1000).fill(0x41));
    sim.garbage(new Uint8Array([10]));
    await settle();
    expect(unit.status()).toMatchObject({ connected: true, lastFault: { code: '409', text: 'monitor unplugged' } });
  });

  it('copes with replies out of order', async () => {
    const { sim, unit } = await session();
    unit.start();
    await settle();
    sim.faults.holdReplies = true;
    unit.want({ power: 'ON', led: { color: 'RED', mode: 'SOLID' } });
    await settle();
    sim.releaseHeld();
    await settle();
    expect(unit.status()).toMatchObject({ connected: true, power: 'on' });
  });
});
