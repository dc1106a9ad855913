import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialUnitPort } from '../../bridge/src/devices/base-unit/serial-port.ts';
import { SimulatedPort } from '../../bridge/src/devices/base-unit/simulated-port.ts';
import type { SimulatedUnit } from '../../bridge/src/devices/base-unit/simulated-unit.ts';
import type { UnitEvent } from '../../bridge/src/devices/base-unit/unit-link.ts';
import { UnitSession, type UnitPort } from '../../bridge/src/devices/base-unit/unit-session.ts';
import { systemClock } from '../../bridge/src/system-clock.ts';
import { PtySimulator } from '../simulator/pty-simulator.ts';

interface Rig {
  port: UnitPort;
  sim: SimulatedUnit;
  unplug(): Promise<void>;
  plugIn(): Promise<void>;
  cleanup(): Promise<void>;
}

const RIGS: { name: string; make: () => Promise<Rig> }[] = [
  {
    name: 'the in-process simulated unit',
    make: async () => {
      const port = new SimulatedPort(systemClock);
      return { port, sim: port.unit, unplug: async () => port.unplug(), plugIn: async () => port.plugIn(), cleanup: async () => {} };
    },
  },
  {
    name: 'the simulator on a real pseudo-terminal, through serialport',
    make: async () => {
      const pty = new PtySimulator();
      const firstPath = await pty.plugIn();
      const port = new SerialUnitPort({ path: firstPath, usbSerialNumber: pty.unit.serial, byIdDir: pty.byIdDir });
      return {
        port,
        sim: pty.unit,
        unplug: () => pty.unplug(),
        plugIn: async () => {
          pty.unit.powerCycle();
          await pty.plugIn();
        },
        cleanup: () => pty.stop(),
      };
    },
  },
];

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connected(make: () => Promise<Rig>) {
  const rig = await make();
  cleanups.push(() => rig.cleanup());
  const session = new UnitSession(rig.port, systemClock, pino({ level: 'silent' }));
  cleanups.push(() => session.close());
  const events: UnitEvent[] = [];
  session.onEvent((event) => events.push(event));
  session.want({ power: 'ON', led: { color: 'RED', mode: 'SOLID' }, banner: 'Meeting ends in 5 min' });
  session.start();
  await until(() => session.status().connected && rig.sim.state.led === 'RED/SOLID', 'the handshake');
  return { rig, session, events };
}

describe.each(RIGS)('base unit contract: $name', ({ make }) => {
  it('says HELLO and applies power, LED, banner and clock', async () => {
    const { rig, session } = await connected(make);
    expect(rig.sim.state).toMatchObject({ power: 'on', led: 'RED/SOLID', banner: 'Meeting ends in 5 min' });
    expect(Math.abs((rig.sim.state.clock ?? 0) - Date.now() / 1000)).toBeLessThan(5);
    expect(session.status()).toMatchObject({ model: 'BU-200', firmware: '2.4.1', power: 'on' });
  });

  it('applies everything again after a reboot', async () => {
    const { rig } = await connected(make);
    rig.sim.reboot();
    await until(() => rig.sim.state.led === 'RED/SOLID' && rig.sim.state.banner !== null, 'the state to be applied again');
  });

  it('passes events on and keeps its status', async () => {
    const { rig, session, events } = await connected(make);
    rig.sim.startSharing(1);
    rig.sim.setPeople(3);
    rig.sim.pressButton('WAKE');
    await until(() => events.length >= 3, 'three events');
    expect(session.status()).toMatchObject({ sharing: true, people: 3 });
  });

  it('shrugs off garbage, over-long lines and slow or out-of-order replies', async () => {
    const { rig, session } = await connected(make);
    rig.sim.garbage(new Uint8Array([0xff, 0x00, 0x41, 0x0a, 0x0d]));
    rig.sim.garbage(new Uint8Array(600).fill(0x42));
    rig.sim.garbage(new Uint8Array([0x0a]));
    rig.sim.faults.replyDelayMs = 300;
    session.want({ led: { color: 'GREEN', mode: 'SOLID' } });
    await until(() => rig.sim.state.led === 'GREEN/SOLID', 'a slow reply');
    rig.sim.faults.replyDelayMs = 0;
    rig.sim.faults.holdReplies = true;
    session.want({ led: { color: 'AMBER', mode: 'PULSE' }, power: 'STANDBY' });
    await until(() => rig.sim.state.led === 'AMBER/PULSE', 'the held request to arrive');
    rig.sim.faults.holdReplies = false;
    rig.sim.releaseHeld();
    await until(() => session.status().power === 'standby', 'the out-of-order replies');
    expect(session.status().connected).toBe(true);
  });

  it('finds the unit again after it is unplugged and plugged in, and applies the state again', async () => {
    const { rig, session } = await connected(make);
    await rig.unplug();
    await until(() => !session.status().connected, 'the session to notice');
    await rig.plugIn();
    await until(() => session.status().connected && rig.sim.state.led === 'RED/SOLID', 'the replugged unit to be set up', 20_000);
  }, 30_000);

  it('calls a unit that stops answering lost, and takes it back when it answers', async () => {
    const { rig, session } = await connected(make);
    rig.sim.faults.silent = true;
    await until(() => !session.status().connected, 'the unit to be called lost', 20_000);
    rig.sim.faults.silent = false;
    await until(() => session.status().connected, 'the unit to be taken back', 20_000);
  }, 45_000);
});
