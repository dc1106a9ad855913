import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDisplayControl } from '../../bridge/src/devices/display-control/create-display-control.ts';
import type { DeviceEvent, RoomDevice, RoomWish } from '../../bridge/src/devices/room-device.ts';
import type { Clock } from '../../shared/clock.ts';
import { DisplayControlConfig } from '../../shared/display-control-config.ts';
import { DisplayPty } from '../simulator/display-control/display-pty.ts';
import type { DisplaySimulator, DisplaySimulatorFaults, DisplaySimulatorOptions } from '../simulator/display-control/display-simulator.ts';
import { DisplayTcp } from '../simulator/display-control/display-tcp.ts';
import { LgSimulator } from '../simulator/display-control/lg-simulator.ts';
import { MdcSimulator } from '../simulator/display-control/mdc-simulator.ts';
import { NecSimulator } from '../simulator/display-control/nec-simulator.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { pumpUntil, until } from '../support/until.ts';

/** What a display was asked, read from its simulator's log. */
type Asked = 'on' | 'standby' | 'query' | 'other';
type Where = { path: string } | { host: string; port: number };

/** A simulated display on a real TCP port or pseudo-terminal, as the driver reaches a real one. */
interface Rig {
  sim: DisplaySimulator;
  where: Where;
  asked(): Asked[];
  /** Commands answered busy, and commands sent sooner than the vendor's document allows (0 for a display that has no such rules). */
  pacing(): { busyAnswers: number; tooSoon: number };
  /** The display goes away: the TCP port closes, or the serial cable is pulled. */
  goAway(): Promise<void>;
  /** And comes back where it was. */
  comeBack(): Promise<void>;
  cleanup(): Promise<void>;
}

async function rigOn<S extends DisplaySimulator>(
  transport: 'tcp' | 'pty',
  make: (options: DisplaySimulatorOptions) => S,
  asked: (sim: S) => Asked[],
  pacing: (sim: S) => { busyAnswers: number; tooSoon: number } = () => ({ busyAnswers: 0, tooSoon: 0 }),
): Promise<Rig> {
  if (transport === 'tcp') {
    const tcp = new DisplayTcp(make);
    const port = await tcp.listen();
    return {
      sim: tcp.sim,
      where: { host: '127.0.0.1', port },
      asked: () => asked(tcp.sim),
      pacing: () => pacing(tcp.sim),
      goAway: () => tcp.close(),
      comeBack: async () => void (await tcp.listen(port)),
      cleanup: () => tcp.close(),
    };
  }
  const pty = new DisplayPty(make);
  const path = await pty.plugIn();
  return { sim: pty.sim, where: { path }, asked: () => asked(pty.sim), pacing: () => pacing(pty.sim), goAway: () => pty.unplug(), comeBack: async () => void (await pty.plugIn()), cleanup: () => pty.stop() };
}

/**
 * One row per protocol: its simulator (on the test's clock where the
 * vendor's timing matters), the room's "display" for it, the ways it is
 * reached, and whether it says busy while a power change runs.
 */
const PROTOCOLS: { name: string; transports: readonly ('tcp' | 'pty')[]; saysBusy: boolean; rig: (transport: 'tcp' | 'pty', clock: Clock) => Promise<Rig>; config: (where: Where) => unknown }[] = [
  {
    name: 'Samsung MDC',
    transports: ['tcp', 'pty'],
    saysBusy: false,
    rig: (transport) => rigOn(transport, (options) => new MdcSimulator({ ...options, displayId: 3 }), (sim) => sim.received.map(mdcAsked)),
    config: (where) => ({ protocol: 'samsung-mdc', ...where, id: 3 }),
  },
  {
    name: 'LG',
    transports: ['pty'],
    saysBusy: false,
    rig: (transport, clock) =>
      rigOn(
        transport,
        (options) => new LgSimulator({ ...options, clock, setId: 10 }),
        (sim) => sim.received.map((line) => LG_ASKED[line] ?? 'other'),
        (sim) => ({ busyAnswers: sim.busyAnswers, tooSoon: 0 }),
      ),
    config: (where) => ({ protocol: 'lg', ...where, setId: 10 }),
  },
  {
    name: 'NEC',
    transports: ['tcp', 'pty'],
    saysBusy: true,
    rig: (transport, clock) =>
      rigOn(
        transport,
        (options) => new NecSimulator({ ...options, clock, monitorId: 2 }),
        (sim) => sim.received.map((message) => NEC_ASKED[message] ?? 'other'),
        (sim) => ({ busyAnswers: sim.busyAnswers, tooSoon: sim.packetsTooSoon }),
      ),
    config: (where) => ({ protocol: 'nec', ...where, monitorId: 'B' }),
  },
];

const LG_ASKED: Record<string, Asked> = { 'ka 0a 01': 'on', 'ka 0a 00': 'standby', 'ka 0a ff': 'query' };
const NEC_ASKED: Record<string, Asked> = { C203D60001: 'on', C203D60004: 'standby', '01D6': 'query' };

function mdcAsked(frame: string): Asked {
  const [, command, , length, data] = frame.split(' ');
  if (command !== '11') return 'other';
  if (length === '00') return 'query';
  return data === '01' ? 'on' : data === '00' ? 'standby' : 'other';
}

const ROWS = PROTOCOLS.flatMap((row) => row.transports.map((transport) => ({ ...row, transport, title: `${row.name} over ${transport === 'tcp' ? 'TCP' : 'a pseudo-terminal'}` })));

const wish = (power: RoomWish['power']): RoomWish => ({ power, led: null, banner: null, roomName: 'Aurora' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(ROWS)('display control contract: $title', ({ rig: makeRig, transport, config, saysBusy }) => {
  /** Connected with `power` applied and read back; `sentAt`: when the display had the command, by the clock. */
  async function connected(power: 'ON' | 'STANDBY') {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const rig = await makeRig(transport, clock);
    cleanups.push(() => rig.cleanup());
    const session: RoomDevice = createDisplayControl(DisplayControlConfig.parse(config(rig.where)), { clock, logger: pino({ level: 'silent' }) });
    cleanups.push(() => session.close());
    const events: DeviceEvent[] = [];
    session.onEvent((event) => events.push(event));
    session.want(wish(power));
    session.start();
    const expected = power === 'ON' ? 'on' : 'standby';
    // The command goes out at once; reading it back may take the vendor's pacing and the display's busy time.
    await until(() => rig.asked().includes(expected) || undefined, 10_000, 'the wish sent');
    const sentAt = clock.now();
    await pumpUntil(clock, () => session.status().connected && session.status().power === expected && rig.sim.power === expected, 'the wish applied and read back');
    return { rig, session, clock, events, sentAt };
  }

  const queries = (rig: Rig) => rig.asked().filter((asked) => asked === 'query').length;
  /** What the display was asked from `since` on is `command`, then one or more power queries. */
  const commandThenQueries = (rig: Rig, since: number, command: Asked) => {
    const [first, ...rest] = rig.asked().slice(since);
    return first === command && rest.length > 0 && rest.every((asked) => asked === 'query');
  };

  it('switches the display on and to standby at once, within 5 s, and reads the power back', async () => {
    const { rig, session, clock, sentAt } = await connected('ON');
    expect(sentAt).toBe(Date.parse('2026-11-23T10:00:00Z'));
    expect(commandThenQueries(rig, 0, 'on')).toBe(true);
    expect(session.status()).toMatchObject({ kind: 'display', connected: true, power: 'on', lastFault: null });
    expect(session.status().lastContactAt).not.toBeNull();
    expect(session.status().describe).toContain('path' in rig.where ? `on ${rig.where.path}` : `at 127.0.0.1:${rig.where.port}`);
    const since = rig.asked().length;
    const wantedAt = clock.now();
    session.want(wish('STANDBY'));
    await pumpUntil(clock, () => rig.asked().length > since, 'standby sent');
    expect(clock.now() - wantedAt).toBeLessThanOrEqual(5000);
    await pumpUntil(clock, () => session.status().power === 'standby' && rig.sim.power === 'standby', 'standby read back');
    expect(commandThenQueries(rig, since, 'standby')).toBe(true);
    expect(rig.pacing().tooSoon).toBe(0);
  });

  it('waits out a display busy with a power change: the read-back comes once it answers, with no fault and no reconnect', async () => {
    const { rig, session, clock } = await connected('STANDBY');
    const since = rig.asked().length;
    const busyBefore = rig.pacing().busyAnswers;
    let stayedConnected = true;
    session.want(wish('ON'));
    await pumpUntil(
      clock,
      () => {
        stayedConnected &&= session.status().connected;
        return session.status().power === 'on';
      },
      'on read back',
    );
    expect(stayedConnected).toBe(true);
    expect(session.status()).toMatchObject({ connected: true, power: 'on', lastFault: null });
    expect(rig.sim.power).toBe('on');
    expect(commandThenQueries(rig, since, 'on')).toBe(true);
    expect(rig.pacing().tooSoon).toBe(0);
    if (saysBusy) expect(rig.pacing().busyAnswers).toBeGreaterThan(busyBefore);
  });

  it('reads the power back every 60 s, and leaves a screen someone switched off alone', async () => {
    const { rig, session, clock } = await connected('ON');
    const before = queries(rig);
    rig.sim.setPowerByHand('standby');
    clock.advance(59_000);
    await sleep(100);
    expect(queries(rig)).toBe(before);
    clock.advance(1000);
    await until(() => (session.status().power === 'standby' && queries(rig) === before + 1) || undefined, 10_000, 'the poll');
    session.want(wish('ON'));
    await sleep(100);
    expect(rig.sim.power).toBe('standby');
    expect(rig.asked().filter((asked) => asked === 'on')).toHaveLength(1);
  });

  it('applies the wish again after the display goes away and comes back', async () => {
    const { rig, session, clock } = await connected('ON');
    await rig.goAway();
    await pumpUntil(clock, () => !session.status().connected, 'the session to notice');
    rig.sim.setPowerByHand('standby');
    await rig.comeBack();
    await pumpUntil(clock, () => session.status().connected && rig.sim.power === 'on', 'the wish applied again');
    expect(['disconnected', 'no-answer', 'unreachable']).toContain(session.status().lastFault?.code);
  });

  it.each([
    { fault: 'silent', codes: ['no-answer'] },
    { fault: 'refuse', codes: ['refused'] },
    { fault: 'garbage', codes: ['garbage'] },
    { fault: 'drop', codes: ['disconnected', 'no-answer', 'unreachable'] },
  ] satisfies { fault: keyof DisplaySimulatorFaults; codes: string[] }[])(
    'turns a display that shows the fault $fault into a lastFault and retries, and recovers when it clears',
    async ({ fault, codes }) => {
      const { rig, session, clock } = await connected('ON');
      rig.sim.faults[fault] = true;
      session.want(wish('STANDBY'));
      await pumpUntil(clock, () => !session.status().connected && codes.includes(session.status().lastFault?.code ?? ''), `the fault ${codes.join(' or ')}`);
      const firstAt = session.status().lastFault!.at;
      if (fault !== 'drop') await pumpUntil(clock, () => session.status().lastFault!.at !== firstAt, 'a retry failing again');
      expect(rig.sim.power).toBe(fault === 'garbage' ? 'standby' : 'on');
      rig.sim.faults[fault] = false;
      await pumpUntil(clock, () => session.status().connected && session.status().power === 'standby' && rig.sim.power === 'standby', 'recovery');
      expect(codes).toContain(session.status().lastFault?.code);
    },
  );

  it('calls a screen switched on by hand while standby is wanted a wake, once, and does not switch it off again', async () => {
    const { rig, session, clock, events } = await connected('STANDBY');
    const before = queries(rig);
    rig.sim.setPowerByHand('on');
    clock.advance(60_000);
    await until(() => (events.length > 0 && queries(rig) === before + 1) || undefined, 10_000, 'the wake');
    clock.advance(60_000);
    await until(() => (queries(rig) === before + 2) || undefined, 10_000, 'the next poll');
    session.want(wish('STANDBY'));
    await sleep(100);
    expect(events).toEqual([{ kind: 'wake' }]);
    expect(rig.sim.power).toBe('on');
    expect(session.status().power).toBe('on');
    expect(rig.asked().filter((asked) => asked === 'standby')).toHaveLength(1);
  });
});
