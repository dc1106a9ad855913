import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { filePinStore } from '../../bridge/src/devices/clickshare/certificate-pin.ts';
import { ClickShareDevice } from '../../bridge/src/devices/clickshare/clickshare-device.ts';
import type { DeviceEvent, RoomWish } from '../../bridge/src/devices/room-device.ts';
import { ClickShareConfig } from '../../shared/clickshare-config.ts';
import { ClickShareEmulator, type ClickShareEmulatorOptions } from '../clickshare-emulator/clickshare-emulator.ts';
import { certificateAuthority } from '../clickshare-emulator/emulator-certificates.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { pumpUntil, until } from '../support/until.ts';

const START = '2026-11-23T10:00:00Z';
const wish = (power: RoomWish['power'], roomName = 'Aurora'): RoomWish => ({ power, led: null, banner: null, roomName });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});


interface RigOptions {
  emulator?: ClickShareEmulatorOptions;
  /** A CA file for the driver, in PEM. */
  caPem?: string;
  /** Start the driver against a port nobody listens on. */
  deadPort?: number;
}

/** An emulated unit on a random free port, and the driver pointed at it with a password file and a pin file of its own. */
async function rig(options: RigOptions = {}) {
  const emulator = new ClickShareEmulator(options.emulator);
  await emulator.start();
  cleanups.push(() => emulator.close());
  const dir = await mkdtemp(join(tmpdir(), 'lintel-clickshare-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const passwordFile = join(dir, 'clickshare.password');
  await writeFile(passwordFile, `${emulator.password}\n`, { mode: 0o600 });
  const caFile = join(dir, 'ca.pem');
  if (options.caPem) await writeFile(caFile, options.caPem);
  const pinFile = join(dir, 'pins', 'harbour.pin');
  const clock = new FakeClock(START);
  const config = ClickShareConfig.parse({ host: '127.0.0.1', port: options.deadPort ?? emulator.port, username: emulator.username, passwordFile, ...(options.caPem ? { caFile } : {}) });
  const device = new ClickShareDevice({ config, pinStore: filePinStore(pinFile), clock, logger: pino({ level: 'silent' }) });
  cleanups.push(() => device.close());
  /** What it reported but occupancy, which is kept apart: the unit's readings of "inUse". */
  const events: DeviceEvent[] = [];
  const occupancy: boolean[] = [];
  device.onEvent((event) => (event.kind === 'occupancy' ? occupancy.push(event.occupied) : events.push(event)));
  const asked = () => emulator.requests.map(({ method, path }) => `${method} ${path.replace('/v2/', '')}`);
  return { emulator, device, clock, events, occupancy, passwordFile, pinFile, asked };
}

async function connected(power: RoomWish['power'], options: RigOptions = {}) {
  const parts = await rig(options);
  parts.device.want(wish(power));
  parts.device.start();
  await until(() => parts.device.status().connected || undefined, 10_000, 'the driver connected');
  return parts;
}

describe('ClickShare contract: the driver against the emulated unit', () => {
  it('wakes the unit and lets it sleep with the wish, reading the power back, without the clock moving', async () => {
    const { emulator, device, clock, asked } = await rig();
    emulator.unit.setPower('Standby');
    device.want(wish('ON'));
    device.start();
    await until(() => (device.status().power === 'on' && emulator.unit.power === 'On') || undefined, 10_000, 'the unit woken');
    expect(device.status()).toEqual({ kind: 'clickshare', describe: `Barco ClickShare at 127.0.0.1:${emulator.port}`, connected: true, lastContactAt: '2026-11-23T10:00:00.000Z', power: 'on', lastFault: null });
    expect(asked().slice(-2)).toEqual(['POST operations/wakeup', 'GET configuration/system/power-management']);
    device.want(wish('STANDBY'));
    await until(() => (device.status().power === 'standby' && emulator.unit.power === 'Standby') || undefined, 10_000, 'the unit in standby');
    expect(asked().slice(-2)).toEqual(['POST operations/standby', 'GET configuration/system/power-management']);
    device.want(wish('STANDBY'));
    await sleep(100);
    expect(asked().filter((request) => request.startsWith('POST'))).toHaveLength(2);
    expect(emulator.requests.every((request) => request.authorized)).toBe(true);
    expect(clock.now()).toBe(Date.parse(START));
  });

  it("sets the unit's meeting-room name when it shows another, and reads it back", async () => {
    const { emulator, device, asked } = await connected('ON');
    await until(() => (emulator.unit.meetingRoomName === 'Aurora' && asked().at(-1) === 'GET configuration/personalization') || undefined, 10_000, 'the name set and read back');
    expect(emulator.requests.find((request) => request.method === 'PATCH')?.body).toEqual({ meetingRoomName: 'Aurora' });
    device.want(wish('ON', 'Aurora North'));
    await until(() => (emulator.unit.meetingRoomName === 'Aurora North' ? true : undefined), 10_000, 'the new name set');
    const patches = () => asked().filter((request) => request === 'PATCH configuration/personalization').length;
    expect(patches()).toBe(2);
    device.want(wish('ON', 'Aurora North'));
    await sleep(100);
    expect(patches()).toBe(2);
  });

  it('reports sharing as it starts and stops, pushed by the subscription', async () => {
    const { emulator, events, clock, asked } = await connected('ON');
    await until(() => emulator.subscriptions('status') === 1 || undefined, 5000, 'the subscription');
    const reads = asked().length;
    emulator.unit.share(true);
    await until(() => events.length === 1 || undefined, 5000, 'sharing started');
    emulator.unit.share(false);
    await until(() => events.length === 2 || undefined, 5000, 'sharing stopped');
    expect(events).toEqual([
      { kind: 'sharing', sharing: true },
      { kind: 'sharing', sharing: false },
    ]);
    expect(asked()).toHaveLength(reads);
    expect(clock.now()).toBe(Date.parse(START));
  });

  it('holds standby while a source is connected, sharing or not, and sends it once nobody is', async () => {
    const { emulator, device, events, occupancy, asked } = await rig();
    emulator.unit.connectSource(true);
    device.want(wish('STANDBY'));
    device.start();
    await until(() => emulator.subscriptions('status') === 1 || undefined, 5000, 'the subscription');
    await sleep(200);
    expect(asked()).not.toContain('POST operations/standby');
    expect(emulator.unit.power).toBe('On');
    emulator.unit.connectSource(false);
    await until(() => (emulator.unit.power === 'Standby' && device.status().power === 'standby') || undefined, 5000, 'standby once nobody is connected');
    expect(events).toEqual([]);
    expect(occupancy, 'a connected source is people in the room').toEqual([true, false]);
  });

  it('reports the room occupied while a source is connected, once per change, read on connecting and pushed after', async () => {
    const { emulator, occupancy, asked } = await connected('ON');
    await until(() => emulator.subscriptions('status') === 1 || undefined, 5000, 'the subscription');
    expect(occupancy, 'the first reading says nobody is connected').toEqual([false]);
    const reads = asked().length;
    emulator.unit.connectSource(true);
    await until(() => occupancy.length === 2 || undefined, 5000, 'a source connected');
    emulator.unit.share(true);
    emulator.unit.share(false);
    emulator.unit.connectSource(false);
    await until(() => occupancy.length === 3 || undefined, 5000, 'nobody connected');
    await sleep(100);
    expect(occupancy).toEqual([false, true, false]);
    expect(asked(), 'pushed by the subscription, not polled').toHaveLength(reads);
  });

  it('tells a listener added after a reading what still holds: the bridge may listen after the unit connected', async () => {
    const { emulator, device, events, occupancy } = await connected('ON');
    emulator.unit.connectSource(true);
    emulator.unit.share(true);
    await until(() => (occupancy.length === 2 && events.some((event) => event.kind === 'sharing' && event.sharing)) || undefined, 5000, 'a source connected, sharing');
    const late: DeviceEvent[] = [];
    device.onEvent((event) => late.push(event));
    expect(late).toEqual([
      { kind: 'occupancy', occupied: true },
      { kind: 'sharing', sharing: true },
    ]);
  });

  it('pins the certificate on first contact, and refuses a changed one before sending the password', async () => {
    const { emulator, device, clock, pinFile } = await connected('ON');
    const first = emulator.fingerprint;
    expect((await readFile(pinFile, 'utf8')).trim().split('\n').at(-1)).toBe(first);
    await emulator.rotateCertificate();
    const before = emulator.requests.length;
    await pumpUntil(clock, () => device.status().lastFault?.code === 'certificate-changed', 'the changed certificate refused');
    expect(device.status()).toMatchObject({ connected: false, lastFault: { text: expect.stringContaining(`SHA-256 ${emulator.fingerprint}, not the one pinned in ${pinFile} (${first})`) } });
    clock.advance(60_000);
    await sleep(200);
    expect(emulator.requests.length).toBe(before);
    await rm(pinFile);
    await pumpUntil(clock, () => device.status().connected, 'the new certificate pinned');
    expect((await readFile(pinFile, 'utf8')).trim().split('\n').at(-1)).toBe(emulator.fingerprint);
  });

  it('with a CA file, trusts a unit whose certificate that CA signed, and no other', async () => {
    const contoso = await certificateAuthority('Contoso Rooms CA');
    const trusted = await connected('ON', { emulator: { ca: contoso }, caPem: contoso.cert });
    expect(trusted.device.status().lastFault).toBeNull();
    await expect(readFile(trusted.pinFile)).rejects.toMatchObject({ code: 'ENOENT' });
    const other = await rig({ emulator: { ca: await certificateAuthority('Someone Else CA') }, caPem: contoso.cert });
    const selfSigned = await rig({ caPem: contoso.cert });
    for (const { device, emulator } of [other, selfSigned]) {
      device.want(wish('ON'));
      device.start();
      await until(() => device.status().lastFault?.code === 'certificate-untrusted' || undefined, 10_000, 'the untrusted certificate refused');
      expect(device.status().connected).toBe(false);
      expect(emulator.requests).toEqual([]);
    }
  });

  it('a wrong password is a fault until the password file is right, then it recovers', async () => {
    const { emulator, device, clock, passwordFile } = await rig();
    emulator.password = 'changed on the unit';
    device.want(wish('ON'));
    device.start();
    await until(() => device.status().lastFault?.code === 'unauthorized' || undefined, 10_000, 'the 401');
    expect(device.status()).toMatchObject({ connected: false, lastFault: { text: expect.stringMatching(/check "username" and "passwordFile"/) } });
    await writeFile(passwordFile, 'changed on the unit\n');
    await pumpUntil(clock, () => device.status().connected, 'recovered with the new password');
    expect(device.status().lastFault?.code).toBe('unauthorized');
  });

  it('5xx, no answer and a dropped connection are faults; it recovers and applies the wish again', async () => {
    const { emulator, device, clock, events, asked } = await connected('ON');
    for (const [fault, code] of [
      [() => (emulator.faults.status = 503), 'server-error'],
      [() => (emulator.faults.delayMs = 1000), 'no-answer'],
      [() => {}, 'disconnected'],
    ] as const) {
      fault();
      emulator.unit.setPower('Standby');
      emulator.drop();
      await pumpUntil(clock, () => device.status().lastFault?.code === code, code);
      emulator.faults.status = null;
      emulator.faults.delayMs = 0;
      await pumpUntil(clock, () => device.status().connected && emulator.unit.power === 'On', `recovered from ${code}`);
    }
    expect(asked().filter((request) => request === 'POST operations/wakeup')).toHaveLength(3);
    emulator.unit.share(true);
    await until(() => events.length === 1 || undefined, 5000, 'sharing seen after the reconnects');
  });

  it("the unit's keep-alive every 90 s keeps the subscription open", async () => {
    const { emulator, device, clock, asked } = await connected('ON', { emulator: { keepAliveMs: 50 } });
    await until(() => emulator.subscriptions('status') === 1 || undefined, 5000, 'the subscription');
    // Here the unit keeps alive every 50 ms of real time: five minutes of the driver's clock pass between them, a few seconds at a time.
    for (let elapsed = 0; elapsed < 300_000; elapsed += 5000) {
      clock.advance(5000);
      await sleep(20);
    }
    expect(device.status()).toMatchObject({ connected: true, lastFault: null });
    expect(asked().filter((request) => request === 'GET configuration/system/status')).toHaveLength(2);
  });

  it('a subscription that falls silent is closed and opened again', async () => {
    const { emulator, device, clock } = await connected('ON');
    await until(() => emulator.subscriptions('status') === 1 || undefined, 5000, 'the subscription');
    // A few seconds at a time, so the power reads every 60 s are answered in between.
    for (let elapsed = 0; elapsed < 135_000; elapsed += 5000) {
      clock.advance(5000);
      await sleep(20);
    }
    expect(device.status().lastFault).toMatchObject({ code: 'disconnected', text: expect.stringMatching(/fell silent: nothing for 135 s/) });
    await pumpUntil(clock, () => device.status().connected, 'subscribed again');
    await until(() => emulator.subscriptions('status') === 1 || undefined, 5000, 'one subscription again');
  });

  it('a unit without an operation says so and stays connected for sharing', async () => {
    const { emulator, device, events } = await connected('ON');
    emulator.faults.missing = ['/v2/operations/standby'];
    device.want(wish('STANDBY'));
    await until(() => device.status().lastFault?.code === 'refused' || undefined, 5000, 'the refusal');
    expect(device.status()).toMatchObject({ connected: true, power: 'on', lastFault: { text: 'the unit refused POST /v2/operations/standby (404)' } });
    emulator.unit.share(true);
    await until(() => events.length === 1 || undefined, 5000, 'sharing still seen');
  });

  it('never crashes: an unreachable unit, a throwing listener, a close at any moment', async () => {
    const gone = new ClickShareEmulator();
    const deadPort = await gone.start();
    await gone.close();
    const unreachable = await rig({ deadPort });
    unreachable.device.start();
    await until(() => unreachable.device.status().lastFault?.code === 'unreachable' || undefined, 10_000, 'unreachable');
    await pumpUntil(unreachable.clock, () => unreachable.device.status().lastFault?.at !== '2026-11-23T10:00:00.000Z', 'a retry');
    const { emulator, device, events } = await connected('ON');
    device.onEvent(() => {
      throw new Error('a listener with a bug');
    });
    emulator.unit.share(true);
    await until(() => events.length === 1 || undefined, 5000, 'the event despite the throwing listener');
    emulator.faults.delayMs = 500;
    device.want(wish('STANDBY', 'Closing'));
    device.close();
    device.want(wish('ON'));
    device.start();
    await sleep(700);
    expect(device.status().connected).toBe(false);
  });
});
