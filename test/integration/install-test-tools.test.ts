import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const script = join(repo, 'test/install-test-tools.sh');
const everything = ['chromium', 'fonts-noto-core', 'fonts-noto-cjk', 'mosquitto', 'radicale', 'postgresql', 'libpq-dev', 'socat', 'shellcheck', 'curl', 'redis-server', 'python3', 'make', 'g++'];
/** Where Debian puts the programs the script looks for off the PATH. */
const offPath: Record<string, string> = {
  chromium: 'usr/bin/chromium',
  'fonts-noto-core': 'usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  'fonts-noto-cjk': 'usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  mosquitto: 'usr/sbin/mosquitto',
  radicale: 'usr/bin/radicale',
  postgresql: 'usr/lib/postgresql/17/bin/initdb',
};
/** The program on the PATH each package gives. */
const onPath: Record<string, string> = { 'libpq-dev': 'pg_config' };

const machines: string[] = [];
afterEach(() => {
  for (const dir of machines.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function executable(path: string, body = 'exit 0'): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

interface Machine {
  root: string;
  bin: string;
  /** What the fake apt-get was asked, one call a line, with DEBIAN_FRONTEND and whether sudo ran it. */
  aptCalls(): string[];
}

/**
 * A machine that has `installed` (Debian's package names), a user id, and
 * apt-get or sudo or neither: each a fake program that records what it was
 * asked, so no test installs anything.
 */
function machine(installed: string[], options: { uid: number; apt: boolean; sudo: boolean }): Machine {
  const root = mkdtempSync(join(tmpdir(), 'lintel-machine-'));
  machines.push(root);
  const bin = join(root, 'bin');
  const calls = join(root, 'apt-calls');
  for (const name of installed) executable(offPath[name] ? join(root, offPath[name]) : join(bin, onPath[name] ?? name));
  executable(join(bin, 'id'), `echo ${options.uid}`);
  symlinkSync('/usr/bin/env', join(bin, 'env'));
  if (options.apt) executable(join(bin, 'apt-get'), `echo "\${SUDO_RAN:-as-is} DEBIAN_FRONTEND=\${DEBIAN_FRONTEND:-} $*" >> ${calls}`);
  if (options.sudo) executable(join(bin, 'sudo'), 'SUDO_RAN=sudo exec "$@"');
  return { root, bin, aptCalls: () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []) };
}

function run(on: Machine, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('/bin/bash', [script, '--root', on.root, ...args], { encoding: 'utf8', env: { PATH: on.bin } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const asRoot = { uid: 0, apt: true, sudo: false };

describe('test/install-test-tools.sh', () => {
  it('passes shellcheck, and so does .ci/run, which installs through it', () => {
    const check = spawnSync('shellcheck', ['-x', '-S', 'style', 'test/install-test-tools.sh', '.ci/run'], { cwd: repo, encoding: 'utf8' });
    expect({ status: check.status, output: check.stdout + check.stderr }).toEqual({ status: 0, output: '' });
    expect(readFileSync(join(repo, '.ci/run'), 'utf8')).toContain('\ntest/install-test-tools.sh\n');
  });

  it('would install everything on a bare Debian machine', () => {
    expect(run(machine([], asRoot), ['--list'])).toEqual({ status: 0, stdout: `${everything.join('\n')}\n`, stderr: '' });
  });

  it('would install only what is missing, whether a program lives on the PATH or where Debian puts it off it', () => {
    const on = machine(['chromium', 'fonts-noto-core', 'postgresql', 'socat', 'curl', 'libpq-dev', 'python3', 'make', 'g++'], asRoot);
    expect(run(on, ['--list']).stdout.split('\n')).toEqual(['fonts-noto-cjk', 'mosquitto', 'radicale', 'shellcheck', 'redis-server', '']);
  });

  it('does nothing where everything is installed', () => {
    const on = machine(everything, asRoot);
    expect(run(on)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(on.aptCalls()).toEqual([]);
  });

  it('installs what is missing with apt-get as root, without a question', () => {
    const on = machine(everything.filter((name) => !['radicale', 'libpq-dev'].includes(name)), asRoot);
    expect(run(on)).toMatchObject({ status: 0, stdout: 'Installing from Debian what the tests need: radicale libpq-dev\n' });
    expect(on.aptCalls()).toEqual(['as-is DEBIAN_FRONTEND= update -qq', 'as-is DEBIAN_FRONTEND=noninteractive install -y -qq radicale libpq-dev']);
  });

  it('installs through sudo when not root', () => {
    const on = machine(everything.filter((name) => name !== 'socat'), { uid: 1000, apt: true, sudo: true });
    expect(run(on).status).toBe(0);
    expect(on.aptCalls()).toEqual(['sudo DEBIAN_FRONTEND= update -qq', 'sudo DEBIAN_FRONTEND=noninteractive install -y -qq socat']);
  });

  it('says what to run when neither root nor sudo can install', () => {
    const on = machine(everything.filter((name) => name !== 'socat'), { uid: 1000, apt: true, sudo: false });
    expect(run(on)).toEqual({
      status: 1,
      stdout: '',
      stderr: `The tests need socat, and only root can install them, without sudo here: run "su -c 'apt-get install -y socat'", then the tests again.\n`,
    });
    expect(on.aptCalls()).toEqual([]);
  });

  it('says what is missing where there is no apt-get (macOS)', () => {
    const on = machine(everything.filter((name) => name !== 'chromium'), { uid: 501, apt: false, sudo: true });
    expect(run(on)).toMatchObject({ status: 1, stderr: expect.stringMatching(/^The tests need chromium \(Debian's names\), and this machine has no apt-get/) });
  });
});
