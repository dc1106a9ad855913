import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDisplayControl } from '../../bridge/src/devices/display-control/create-display-control.ts';
import type { RoomWish } from '../../bridge/src/devices/room-device.ts';
import { DisplayControlConfig } from '../../shared/display-control-config.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { until } from '../support/until.ts';

/** `npm run simulator -- --protocol cec`, without npm in between, so that the process spawned is the simulator itself. */
const SIMULATOR = [process.execPath, '--import', 'tsx', 'test/simulator/cli.ts', '--protocol', 'cec'] as const;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** The simulator started as someone trying the bridge by hand starts it, once its banner has said where its cec-client is. */
async function startSimulator() {
  const [node, ...args] = SIMULATOR;
  const child = spawn(node, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output += chunk.toString('utf8'));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const banner = { dir: '' };
  cleanups.push(() => {
    // A test that failed before `quit` leaves it running: SIGKILL runs no exit handler, so its directory goes here.
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
    if (banner.dir) rmSync(banner.dir, { recursive: true, force: true });
  });

  const { bin, adapter } = await until(
    () => {
      const bin = /PATH=(\S+):\$PATH/.exec(output)?.[1];
      const adapter = /"device": "([^"]+)"/.exec(output)?.[1];
      return bin && adapter ? { bin, adapter } : undefined;
    },
    15_000,
    `the banner (output so far: ${JSON.stringify(output)})`,
  );
  banner.dir = dirname(bin);
  return {
    program: join(bin, 'cec-client'),
    adapter,
    dir: banner.dir,
    exited,
    /** Types `line` at the prompt and resolves with what the simulator printed for it, once that matches `printed`. */
    type: (line: string, printed: RegExp) => {
      const from = output.length;
      child.stdin.write(`${line}\n`);
      return until(() => (printed.test(output.slice(from)) ? output.slice(from) : undefined), 5000, `the answer to "${line}"`);
    },
    quit: () => child.stdin.write('quit\n'),
  };
}

/** One command through the simulator's cec-client, as the bridge runs it (cec-client-run.ts): `echo 'pow 0' | cec-client -s -d 1 <adapter>`. */
function runCecClient(program: string, adapter: string, command: string) {
  const run = spawnSync(program, ['-s', '-d', '1', adapter], { input: `${command}\n`, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('npm run simulator -- --protocol cec', () => {
  it('installs a cec-client that answers as the real one, with a TV the typed commands change, and leaves nothing behind on quit', async () => {
    const sim = await startSimulator();
    expect(runCecClient(sim.program, sim.adapter, 'pow 0')).toEqual({ status: 0, output: 'opening a connection to the CEC adapter...\npower status: standby\n' });

    expect(await sim.type('power on', /\n/)).toMatch(/^power on; ignores standby: no, silent: no, adapter: in;/);
    expect(runCecClient(sim.program, sim.adapter, 'pow 0').output).toContain('power status: on\n');

    expect(await sim.type('adapter out', /\n/)).toMatch(/adapter: out;/);
    expect(runCecClient(sim.program, sim.adapter, 'pow 0')).toEqual({ status: 1, output: expect.stringContaining(`unable to open the device on port ${sim.adapter}`) as string });

    expect(await sim.type('status', /\n/)).toBe('power on; ignores standby: no, silent: no, adapter: out; cec-client ran 3 time(s), last command(s): pow 0, pow 0\n');
    expect(await sim.type('power maybe', /\n/)).toBe('power on|standby\n');

    sim.quit();
    expect(await sim.exited).toBe(0);
    expect(existsSync(sim.dir)).toBe(false);
  });

  it('is a TV the bridge switches on through its cec-client', async () => {
    const sim = await startSimulator();
    const display = createDisplayControl(DisplayControlConfig.parse({ protocol: 'cec', device: sim.adapter }), {
      // cec-client runs take real time; the driver's own timers (polls, retries) need not fire here.
      clock: new FakeClock('2026-11-23T10:00:00Z'),
      logger: pino({ level: 'silent' }),
      cecClient: sim.program,
    });
    cleanups.push(() => display.close());
    const wish: RoomWish = { power: 'ON', led: null, banner: null, roomName: 'Aurora' };
    display.want(wish);
    display.start();

    await until(() => display.status().power === 'on' || undefined, 10_000, 'on read back');
    expect(display.status()).toMatchObject({ connected: true, lastFault: null });
    expect(await sim.type('status', /\n/)).toBe('power on; ignores standby: no, silent: no, adapter: in; cec-client ran 2 time(s), last command(s): on 0, pow 0\n');
  });

  it('prints its commands for --help, and exits 0', () => {
    const [node, ...args] = SIMULATOR;
    const run = spawnSync(node, [...args, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Commands:\n {2}power on\|standby .*\n {2}ignore-standby on\|off .*\n {2}silent on\|off .*\n {2}adapter out\|in .*\n {2}quit\n$/);
  });
});
