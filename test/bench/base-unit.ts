import pino from 'pino';
import { SerialUnitPort } from '../../bridge/src/devices/base-unit/serial-port.ts';
import { UnitLink } from '../../bridge/src/devices/base-unit/unit-link.ts';
import { UnitSession } from '../../bridge/src/devices/base-unit/unit-session.ts';
import { systemClock } from '../../bridge/src/system-clock.ts';
import { PtySimulator } from '../simulator/pty-simulator.ts';
import { percentile, type BenchRow } from './table.ts';

const REQUESTS = 1000;
const logger = pino({ level: 'silent' });

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** BUCP/1 over a real pseudo-terminal: request round trips, and a replug until the room's state is back on the unit. */
export async function baseUnitBench(): Promise<BenchRow[]> {
  const pty = new PtySimulator('BENCH01');
  try {
    const path = await pty.plugIn();
    const port = new SerialUnitPort({ path, usbSerialNumber: pty.unit.serial, byIdDir: pty.byIdDir });
    const transport = await port.open();
    const link = new UnitLink({ transport, clock: systemClock, logger, onEvent: () => {}, onLost: () => {} });
    const trips: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const reply = await link.request({ name: 'PING' });
      if (!reply.ok) throw new Error(`PING failed: ${reply.text}`);
      trips.push(performance.now() - started);
    }
    link.close();

    const session = new UnitSession(port, systemClock, logger);
    session.want({ power: 'ON', led: { color: 'RED', mode: 'SOLID' }, banner: null });
    session.start();
    await until(() => pty.unit.state.led === 'RED/SOLID', 10_000);
    const replugs: number[] = [];
    for (const awayMs of [1_000, 10_000]) {
      await pty.unplug();
      await until(() => !session.status().connected, 10_000);
      await new Promise((resolve) => setTimeout(resolve, awayMs));
      pty.unit.powerCycle();
      const pluggedAt = performance.now();
      await pty.plugIn();
      await until(() => pty.unit.state.led === 'RED/SOLID' && pty.unit.state.power === 'on', 20_000);
      replugs.push(performance.now() - pluggedAt);
    }
    session.close();
    return [
      {
        what: `BUCP/1 request round trip over a pty (p50 / p99 of ${REQUESTS})`,
        value: `${percentile(trips, 50).toFixed(2)} / ${percentile(trips, 99).toFixed(2)} ms`,
        budget: 'p99 <= 20 ms',
        ok: percentile(trips, 99) <= 20,
      },
      {
        what: 'replug (new device name) to state re-applied, after 1 s / 10 s away',
        value: replugs.map((ms) => `${ms.toFixed(0)} ms`).join(' / '),
        budget: '<= 3 s',
        ok: replugs.every((ms) => ms <= 3000),
      },
    ];
  } finally {
    await pty.stop();
  }
}
