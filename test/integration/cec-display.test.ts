import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDisplayControl } from '../../bridge/src/devices/display-control/create-display-control.ts';
import type { DeviceEvent, RoomDevice, RoomWish } from '../../bridge/src/devices/room-device.ts';
import { DisplayControlConfig } from '../../shared/display-control-config.ts';
import { installFakeCecTv, type TvState } from '../simulator/display-control/fake-cec-tv.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { pumpUntil as pumpClockUntil, until } from '../support/until.ts';

const ADAPTER = '/dev/ttyACM0';
const wish = (power: RoomWish['power']): RoomWish => ({ power, led: null, banner: null, roomName: 'Aurora' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A TV behind a fake cec-client, removed after the test. */
function tv(initial: Partial<TvState> = {}) {
  const installed = installFakeCecTv(ADAPTER, initial);
  cleanups.push(() => installed.remove());
  return installed;
}

function display(cecClient: string) {
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  const device: RoomDevice = createDisplayControl(DisplayControlConfig.parse({ protocol: 'cec', device: ADAPTER }), { clock, logger: pino({ level: 'silent' }), cecClient });
  cleanups.push(() => device.close());
  const events: DeviceEvent[] = [];
  device.onEvent((event) => events.push(event));
  return { clock, device, events };
}

/** Waits for real cec-client runs, without moving the fake clock. */
const settled = (check: () => boolean, what: string) => until(() => check() || undefined, 10_000, what);

/** The clock moves a second at a time: cec-client runs take real time between its steps. */
const pumpUntil = (clock: FakeClock, check: () => boolean, what: string) => pumpClockUntil(clock, check, what, { stepMs: 1000, everyMs: 20 });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('HDMI-CEC display control through cec-client', () => {
  it('switches the TV on and to standby with `on 0` and `standby 0`, reading the power back with `pow 0` after each', async () => {
    const fake = tv({ power: 'standby' });
    const { clock, device } = display(fake.program);
    expect(device.status()).toMatchObject({ kind: 'display', describe: `HDMI-CEC on ${ADAPTER} (cec-client)`, connected: false, power: null });
    device.want(wish('ON'));
    device.start();
    await settled(() => device.status().connected && device.status().power === 'on', 'on read back');
    expect(fake.read().received).toEqual(['on 0', 'pow 0']);
    expect(fake.read().power).toBe('on');
    expect(device.status()).toMatchObject({ connected: true, power: 'on', lastFault: null, lastContactAt: '2026-11-23T10:00:00.000Z' });

    device.want(wish('STANDBY'));
    await settled(() => device.status().power === 'standby', 'standby read back');
    expect(fake.read().received).toEqual(['on 0', 'pow 0', 'standby 0', 'pow 0']);
    expect(fake.read().power).toBe('standby');
    device.want(wish('STANDBY'));
    await sleep(200);
    expect(fake.read().received).toHaveLength(4);
    expect(clock.now()).toBe(Date.parse('2026-11-23T10:00:00Z'));
  });

  it('reads the power back every 60 s and leaves a TV someone switched off alone', async () => {
    const fake = tv({ power: 'on' });
    const { clock, device } = display(fake.program);
    device.want(wish('ON'));
    device.start();
    await settled(() => device.status().connected && fake.read().received.length === 2, 'on applied');
    fake.set({ power: 'standby' });
    clock.advance(59_000);
    await sleep(200);
    expect(fake.read().received).toEqual(['on 0', 'pow 0']);
    clock.advance(1000);
    await settled(() => device.status().power === 'standby', 'the poll');
    expect(fake.read().received).toEqual(['on 0', 'pow 0', 'pow 0']);
    expect(fake.read().power).toBe('standby');
  });

  it('calls a TV switched on by hand while standby is wanted a wake, once, and does not switch it off again', async () => {
    const fake = tv({ power: 'on' });
    const { clock, device, events } = display(fake.program);
    device.want(wish('STANDBY'));
    device.start();
    await settled(() => device.status().power === 'standby', 'standby read back');
    fake.set({ power: 'on' });
    clock.advance(60_000);
    await settled(() => events.length > 0, 'the wake');
    clock.advance(60_000);
    await settled(() => fake.read().received.length === 4, 'the next poll');
    device.want(wish('STANDBY'));
    await sleep(200);
    expect(events).toEqual([{ kind: 'wake' }]);
    expect(fake.read().received).toEqual(['standby 0', 'pow 0', 'pow 0', 'pow 0']);
    expect(fake.read().power).toBe('on');
    expect(device.status()).toMatchObject({ power: 'on', lastFault: null });
  });

  it('says so when the TV ignores standby, after a grace period, without sending it again or calling it a wake', async () => {
    const fake = tv({ power: 'on', ignoresStandby: true });
    const { clock, device, events } = display(fake.program);
    device.want(wish('ON'));
    device.start();
    await settled(() => device.status().power === 'on', 'on read back');
    device.want(wish('STANDBY'));
    await settled(() => fake.read().received.length === 4, 'standby sent and read back');
    await sleep(100);
    expect(device.status()).toMatchObject({ connected: true, power: 'on', lastFault: null });
    await pumpUntil(clock, () => device.status().lastFault !== null, 'the fault');
    expect(device.status().lastFault).toMatchObject({ code: 'ignores-standby' });
    expect(device.status().lastFault?.text).toMatch(/^the TV ignores HDMI-CEC standby: it is still on 20 s after the standby command/);
    expect(clock.now() - Date.parse('2026-11-23T10:00:00Z')).toBeGreaterThanOrEqual(20_000);
    expect(device.status().connected).toBe(true);
    clock.advance(60_000);
    await settled(() => fake.read().received.length === 6, 'the polls go on');
    expect(fake.read().received.filter((command) => command === 'standby 0')).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('says plainly when cec-client is not installed, and keeps trying without a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lintel-cec-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { clock, device } = display(join(dir, 'cec-client'));
    device.want(wish('ON'));
    device.start();
    await settled(() => device.status().lastFault !== null, 'the fault');
    expect(device.status()).toMatchObject({ connected: false, power: null, lastFault: { code: 'not-installed' } });
    expect(device.status().lastFault?.text).toMatch(/^cec-client is not installed: apt-get install cec-utils/);
    const firstAt = device.status().lastFault!.at;
    await pumpUntil(clock, () => device.status().lastFault!.at !== firstAt, 'a retry failing again');
  });

  it('turns an adapter that will not open into a fault, and applies the wish once it opens', async () => {
    const fake = tv({ power: 'standby', noAdapter: true });
    const { clock, device } = display(fake.program);
    device.want(wish('ON'));
    device.start();
    await settled(() => device.status().lastFault !== null, 'the fault');
    expect(device.status()).toMatchObject({ connected: false, lastFault: { code: 'unreachable' } });
    expect(device.status().lastFault?.text).toContain(`could not open the USB-CEC adapter on ${ADAPTER}`);
    expect(fake.read().power).toBe('standby');
    fake.set({ noAdapter: false });
    await pumpUntil(clock, () => device.status().connected && device.status().power === 'on', 'recovery');
    expect(fake.read().received).toEqual(['on 0', 'pow 0']);
    expect(device.status().lastFault?.code).toBe('unreachable');
  });

  it('stops a cec-client that hangs after 15 s, calls it no answer, and recovers', async () => {
    const fake = tv({ power: 'standby', hangs: true });
    const { clock, device } = display(fake.program);
    device.want(wish('ON'));
    device.start();
    await settled(() => fake.read().pids.length === 1, 'cec-client running');
    const [hung] = fake.read().pids;
    clock.advance(14_900);
    await sleep(200);
    expect(device.status().lastFault).toBeNull();
    expect(alive(hung!)).toBe(true);
    clock.advance(100);
    await settled(() => device.status().lastFault !== null, 'the timeout');
    expect(device.status()).toMatchObject({ connected: false, lastFault: { code: 'no-answer', text: 'cec-client did not finish "on 0" within 15 s and was stopped' } });
    await settled(() => !alive(hung!), 'the hung cec-client killed');
    fake.set({ hangs: false });
    await pumpUntil(clock, () => device.status().connected && device.status().power === 'on', 'recovery');
    expect(fake.read().received).toEqual(['on 0', 'pow 0']);
  });

  it('reports a TV that gives no power report, and kills a running cec-client on close', async () => {
    const fake = tv({ power: 'on', silent: true });
    const { device } = display(fake.program);
    device.start();
    await settled(() => device.status().lastFault !== null, 'the fault');
    expect(device.status()).toMatchObject({ connected: true, power: null, lastContactAt: null, lastFault: { code: 'power-unknown' } });
    fake.set({ hangs: true });
    device.want(wish('STANDBY'));
    await settled(() => fake.read().pids.length === 2, 'cec-client running');
    device.close();
    await settled(() => !alive(fake.read().pids[1]!), 'cec-client killed on close');
    expect(device.status().connected).toBe(false);
  });
});
