import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../support/bridge-process.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `lintel-${prefix}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The installer copies the checkout it lives in, and others edit this one
 * while the tests run: each test installs from a still copy of it (without
 * node_modules, .git and build output, so it is small).
 */
let checkout: string;
beforeAll(() => {
  checkout = mkdtempSync(join(tmpdir(), 'lintel-checkout-'));
  const skipped = new Set(['node_modules', '.git', '.lintel-data']);
  cpSync(repo, checkout, {
    recursive: true,
    filter: (source) => {
      const parts = relative(repo, source).split(sep);
      return !parts.some((part) => skipped.has(part)) && !['dist', 'test-results'].includes(parts[0]!);
    },
  });
});
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function install(args: string[], env: Record<string, string> = {}): Run {
  const run = spawnSync(join(checkout, 'kiosk-config/install.sh'), args, { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function installOk(args: string[]): string {
  const run = install(args);
  expect(run, run.stderr).toMatchObject({ status: 0, stderr: '' });
  return run.stdout;
}

/** Every file under dir: its content and modification time. */
function snapshot(dir: string): Map<string, { content: Buffer; mtimeMs: number; mode: number }> {
  const files = new Map<string, { content: Buffer; mtimeMs: number; mode: number }>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        files.set(relative(dir, path), { content: readFileSync(path), mtimeMs: stat.mtimeMs, mode: stat.mode & 0o777 });
      }
    }
  };
  walk(dir);
  return files;
}

/** A unit file as section -> key -> values (a key may repeat). */
function parseUnit(path: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current: Record<string, string[]> | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) {
      current = sections[section[1]!] = {};
      continue;
    }
    const setting = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!setting || !current) throw new Error(`${path}: not a unit file line: ${line}`);
    (current[setting[1]!] ??= []).push(setting[2]!);
  }
  return sections;
}

describe('the kiosk scripts', () => {
  it('pass shellcheck, every one of them', () => {
    const scripts = readdirSync(join(repo, 'kiosk-config'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.sh'))
      .map((file) => join('kiosk-config', file));
    expect(scripts).toEqual(
      expect.arrayContaining(['kiosk-config/install.sh', 'kiosk-config/kiosk/lintel-kiosk.sh', 'kiosk-config/systemd/lintel-watchdog.sh']),
    );
    const check = spawnSync('shellcheck', ['-x', '-S', 'style', ...scripts], { cwd: repo, encoding: 'utf8' });
    expect({ status: check.status, output: check.stdout + check.stderr }).toEqual({ status: 0, output: '' });
  });
});

describe('install.sh', () => {
  it('installs the units, the configuration, the scripts and the app under --root, and prints the live-system commands instead of running them', () => {
    const root = tempDir('root');
    const out = installOk(['--root', root, '--role', 'both']);

    for (const unit of ['lintel-bridge.service', 'lintel-watchdog.service', 'lintel-watchdog.timer', 'lintel-kiosk.service']) {
      expect(readFileSync(join(root, 'etc/systemd/system', unit), 'utf8')).toBe(readFileSync(join(repo, 'kiosk-config/systemd', unit), 'utf8'));
      expect(out).toContain(`wrote: ${root}/etc/systemd/system/${unit}`);
    }
    const envFile = join(root, 'etc/lintel/lintel.env');
    expect(readFileSync(envFile, 'utf8')).toBe(readFileSync(join(repo, 'kiosk-config/lintel.env.example'), 'utf8'));
    expect(statSync(envFile).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(root, 'etc/lintel/kiosk.env'), 'utf8')).toContain('\nLINTEL_DISPLAY_URL=http://127.0.0.1:8080/\n');
    // A display on this computer reaches the bridge on localhost: a secure context already.
    expect(existsSync(join(root, 'etc/chromium/policies/managed/lintel.json'))).toBe(false);

    const app = join(root, 'opt/lintel');
    for (const file of ['package.json', 'package-lock.json', 'bridge/src/main.ts', 'kiosk-config/ADMIN-GUIDE.md']) {
      expect(readFileSync(join(app, file))).toEqual(readFileSync(join(checkout, file)));
    }
    for (const script of ['kiosk-config/kiosk/lintel-kiosk.sh', 'kiosk-config/systemd/lintel-watchdog.sh', 'kiosk-config/install.sh']) {
      expect(statSync(join(app, script)).mode & 0o777, script).toBe(0o755);
    }
    expect(['node_modules', '.git', 'dist', 'test-results'].filter((folder) => existsSync(join(app, folder)))).toEqual([]);

    const wouldRun = out.split('\n').filter((line) => line.startsWith('would run: '));
    expect(wouldRun).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^would run: env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm curl .*chromium cage/),
        expect.stringMatching(/^would run: useradd --system .* lintel$/),
        expect.stringMatching(/^would run: useradd --system .* lintel-kiosk$/),
        'would run: chown root:lintel /etc/lintel/lintel.env',
        'would run: (cd /opt/lintel && npm ci --no-audit --no-fund)',
        'would run: (cd /opt/lintel && npm run build)',
        'would run: (cd /opt/lintel && npm prune --omit=dev --no-audit --no-fund)',
        'would run: systemctl daemon-reload',
        'would run: systemctl enable --now lintel-bridge.service',
        'would run: systemctl enable --now lintel-watchdog.timer',
        'would run: systemctl enable --now lintel-kiosk.service',
      ]),
    );
    expect(out).not.toMatch(/^run: /m);
  });

  // Two whole installs, each about 9 s on a busy CI machine: more than the 20 s an integration test gets by default.
  it('changes nothing on a second run: every file reported unchanged, byte for byte and with its modification time', { timeout: 60_000 }, () => {
    const root = tempDir('root');
    installOk(['--root', root, '--role', 'both']);
    const before = snapshot(root);
    expect(before.size).toBeGreaterThan(100);

    const out = installOk(['--root', root, '--role', 'both']);
    expect(out).not.toMatch(/^(wrote|removed|chmod)/m);
    expect(out).toContain(`unchanged: ${root}/opt/lintel/ (`);
    for (const unit of ['lintel-bridge.service', 'lintel-watchdog.service', 'lintel-watchdog.timer', 'lintel-kiosk.service']) {
      expect(out).toContain(`unchanged: ${root}/etc/systemd/system/${unit}\n`);
    }
    expect(out).not.toContain('systemctl daemon-reload');
    expect(out).toContain('Nothing changed: every file was already up to date.');
    expect(snapshot(root)).toEqual(before);
  });

  it('brings a changed or stale app file back in line, and only that one', () => {
    const root = tempDir('root');
    installOk(['--root', root, '--role', 'bridge']);
    const app = join(root, 'opt/lintel');
    writeFileSync(join(app, 'README.md'), 'edited by hand\n');
    writeFileSync(join(app, 'bridge/src/gone.ts'), 'export {};\n');
    mkdirSync(join(app, 'node_modules/kept'), { recursive: true });
    writeFileSync(join(app, 'node_modules/kept/index.js'), '');

    const out = installOk(['--root', root, '--role', 'bridge']);
    expect(out.split('\n').filter((line) => /^(wrote|removed): /.test(line))).toEqual([
      `wrote: ${app}/README.md`,
      `removed: ${app}/bridge/src/gone.ts`,
    ]);
    expect(readFileSync(join(app, 'README.md'))).toEqual(readFileSync(join(checkout, 'README.md')));
    expect(existsSync(join(app, 'node_modules/kept/index.js'))).toBe(true);
  });

  it('never overwrites an existing /etc/lintel/lintel.env', () => {
    const root = tempDir('root');
    const envFile = join(root, 'etc/lintel/lintel.env');
    mkdirSync(join(root, 'etc/lintel'), { recursive: true });
    writeFileSync(envFile, 'LINTEL_M365_TENANT_ID=contoso\n', { mode: 0o600 });

    const first = installOk(['--root', root, '--role', 'bridge']);
    expect(first).toContain(`unchanged: ${envFile} (exists: an admin's configuration is never overwritten)`);
    expect(first).not.toContain('chown root:lintel /etc/lintel/lintel.env');
    writeFileSync(envFile, 'LINTEL_M365_TENANT_ID=fabrikam\n');
    installOk(['--root', root, '--role', 'bridge']);
    expect(readFileSync(envFile, 'utf8')).toBe('LINTEL_M365_TENANT_ID=fabrikam\n');
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
  });

  it('writes nothing at all with --dry-run, and says what it would do', () => {
    const root = tempDir('root');
    const out = installOk(['--root', root, '--dry-run']);
    expect(readdirSync(root)).toEqual([]);
    expect(out).toContain(`would write: ${root}/etc/systemd/system/lintel-bridge.service`);
    expect(out).toContain(`would write: ${root}/etc/lintel/lintel.env`);
    expect(out).toContain(`would write: ${root}/opt/lintel/package.json`);
    expect(out).toContain('would run: systemctl enable --now lintel-kiosk.service');
    expect(out).toMatch(/^Dry run: \d+ file\(s\) would change; nothing was changed\.$/m);
  });

  it('installs a display-only computer: the launcher, its unit and URL, and Chromium treating the bridge over http as secure', () => {
    const root = tempDir('root');
    const out = installOk(['--root', root, '--role', 'kiosk', '--display-url', 'http://lintel.contoso.com:8080/rooms/harbour']);
    expect(readdirSync(join(root, 'etc/systemd/system'))).toEqual(['lintel-kiosk.service']);
    expect(existsSync(join(root, 'etc/lintel/lintel.env'))).toBe(false);
    expect(readdirSync(join(root, 'opt/lintel'))).toEqual(['kiosk-config']);
    expect(readFileSync(join(root, 'etc/lintel/kiosk.env'), 'utf8')).toContain('\nLINTEL_DISPLAY_URL=http://lintel.contoso.com:8080/rooms/harbour\n');
    expect(JSON.parse(readFileSync(join(root, 'etc/chromium/policies/managed/lintel.json'), 'utf8'))).toEqual({
      OverrideSecurityRestrictionsOnInsecureOrigin: ['http://lintel.contoso.com:8080'],
    });
    expect(out).toMatch(/^would run: env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium cage curl/m);
    expect(out).not.toContain('nodejs');
    expect(out).not.toContain('npm');

    // Run again without the URL: the one written is kept.
    const again = installOk(['--root', root, '--role', 'kiosk']);
    expect(again).toContain('Nothing changed');
    expect(again).toContain('LINTEL_DISPLAY_URL=http://lintel.contoso.com:8080/rooms/harbour');
  });

  it('refuses what it cannot install, before changing anything', () => {
    const root = tempDir('root');
    const oldNode = tempDir('bin');
    writeFileSync(join(oldNode, 'node'), '#!/bin/sh\necho v20.18.3\n', { mode: 0o755 });
    const refusals = [
      install(['--root', root], { PATH: `${oldNode}:${process.env.PATH}` }),
      install(['--root', root, '--role', 'kiosk']),
      install(['--root', root, '--role', 'both', '--display-url', 'http://bridge/"quoted"']),
      install(['--root', root, '--role', 'everything']),
    ];
    expect(refusals.map((run) => run.status)).toEqual([1, 1, 1, 1]);
    expect(refusals.map((run) => run.stderr)).toEqual([
      expect.stringMatching(/Node\.js 20\.18\.3 .* is too old: Lintel needs Node\.js 20\.19 or newer/),
      expect.stringMatching(/a display-only computer needs --display-url/),
      expect.stringMatching(/--display-url must be an http\(s\) URL/),
      expect.stringMatching(/--role must be bridge, kiosk or both/),
    ]);
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('the systemd units', () => {
  it('keep the bridge and the display running, with ExecStart naming what the installed tree holds', () => {
    const root = tempDir('root');
    installOk(['--root', root, '--role', 'both']);
    const unit = (name: string) => parseUnit(join(root, 'etc/systemd/system', name));

    const bridge = unit('lintel-bridge.service');
    expect(bridge.Service).toMatchObject({
      User: ['lintel'],
      WorkingDirectory: ['/opt/lintel'],
      EnvironmentFile: ['-/etc/lintel/lintel.env'],
      Restart: ['always'],
      RestartSec: ['2'],
      StateDirectory: ['lintel'],
      NoNewPrivileges: ['yes'],
      ProtectSystem: ['strict'],
      ReadWritePaths: ['/var/lib/lintel'],
      PrivateTmp: ['yes'],
      ProtectHome: ['yes'],
      SupplementaryGroups: ['dialout'],
      // With the flags `npm start` uses.
      ExecStart: [['/usr/bin/node', ...NODE_FLAGS, '/opt/lintel/dist/bridge/main.js'].join(' ')],
    });
    expect(bridge.Service!.Environment).toEqual(expect.arrayContaining(['LINTEL_DATA_DIR=/var/lib/lintel', 'MALLOC_ARENA_MAX=2']));
    expect(bridge.Unit).toMatchObject({ StartLimitIntervalSec: ['300'], StartLimitBurst: ['10'] });
    // dist/bridge/main.js is what the build script (run by the installer in /opt/lintel) makes: test/e2e/rebuild.test.ts runs it.
    const scripts = (JSON.parse(readFileSync(join(root, 'opt/lintel/package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toBe('node --import tsx scripts/build.ts');

    const watchdog = unit('lintel-watchdog.service');
    expect(watchdog.Service).toMatchObject({ Type: ['oneshot'], RuntimeDirectory: ['lintel-watchdog'], RuntimeDirectoryPreserve: ['yes'] });
    expect(unit('lintel-watchdog.timer').Timer).toMatchObject({ OnUnitActiveSec: ['30'] });

    const kiosk = unit('lintel-kiosk.service');
    expect(kiosk.Service).toMatchObject({ User: ['lintel-kiosk'], PAMName: ['login'], TTYPath: ['/dev/tty1'], Restart: ['always'], RestartSec: ['2'] });
    expect(kiosk.Service!.ExecStart).toEqual(['/usr/bin/cage -- /opt/lintel/kiosk-config/kiosk/lintel-kiosk.sh']);
    expect(kiosk.Unit!.After!.join(' ')).toMatch(/network-online\.target.*lintel-bridge\.service/);

    for (const script of [watchdog.Service!.ExecStart![0]!, kiosk.Service!.ExecStart![0]!.split(' ').at(-1)!]) {
      expect(statSync(join(root, script)).mode & 0o111, script).toBe(0o111);
    }
  });
});

describe('lintel-kiosk.sh --print', () => {
  it('lists the kiosk flags, the profile and the URL from LINTEL_DISPLAY_URL, one per line', () => {
    const launcher = spawnSync(join(repo, 'kiosk-config/kiosk/lintel-kiosk.sh'), ['--print'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: '/var/lib/lintel-kiosk', LINTEL_DISPLAY_URL: 'http://lintel.contoso.com:8080/rooms/harbour?lang=de' },
    });
    expect(launcher).toMatchObject({ status: 0, stderr: '' });
    const lines = launcher.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('/usr/bin/chromium');
    expect(lines.at(-1)).toBe('http://lintel.contoso.com:8080/rooms/harbour?lang=de');
    expect(lines).toEqual(
      expect.arrayContaining([
        '--kiosk',
        '--noerrdialogs',
        '--disable-infobars',
        '--disable-session-crashed-bubble',
        '--disable-pinch',
        '--overscroll-history-navigation=0',
        '--disable-features=Translate,TranslateUI',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
        '--check-for-update-interval=31536000',
        '--disable-component-update',
        '--password-store=basic',
        '--user-data-dir=/var/lib/lintel-kiosk/.config/lintel-kiosk',
      ]),
    );
  });

  it('takes another browser and profile, and defaults to the bridge on this computer', () => {
    const launcher = spawnSync(join(repo, 'kiosk-config/kiosk/lintel-kiosk.sh'), ['--print'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: '/home/x', LINTEL_CHROMIUM: '/opt/chromium/chrome', LINTEL_KIOSK_PROFILE: '/srv/kiosk' },
    });
    const lines = launcher.stdout.trimEnd().split('\n');
    expect([lines[0], lines.at(-1)]).toEqual(['/opt/chromium/chrome', 'http://127.0.0.1:8080/']);
    expect(lines).toContain('--user-data-dir=/srv/kiosk');
  });
});

describe('lintel-watchdog.sh', () => {
  const execFileAsync = promisify(execFile);

  async function watchdogSetup() {
    const dir = tempDir('watchdog');
    let healthy = true;
    const server = createServer((_request, response) => {
      response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify(healthy ? { status: 'ok', problems: [] } : { status: 'unhealthy', problems: [{ code: 'sync-stuck', roomId: 'harbour' }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const stopServer = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    cleanups.push(stopServer);
    const calls = join(dir, 'systemctl-calls');
    const systemctl = join(dir, 'systemctl');
    writeFileSync(systemctl, `#!/bin/sh\necho "$*" >>'${calls}'\n[ "$1" != is-active ] || echo active\n`, { mode: 0o755 });
    const env = {
      ...process.env,
      LINTEL_HEALTH_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`,
      LINTEL_WATCHDOG_STATE_DIR: join(dir, 'state'),
      LINTEL_SYSTEMCTL: systemctl,
    };
    return {
      stopServer,
      setHealthy: (value: boolean) => (healthy = value),
      check: async () => (await execFileAsync(join(repo, 'kiosk-config/systemd/lintel-watchdog.sh'), { env, encoding: 'utf8' })).stdout,
      restarts: () => (existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter((call) => call && !call.startsWith('is-active')) : []),
    };
  }

  it('restarts the bridge after 3 failed health checks in a row, saying why, and not before', async () => {
    const watchdog = await watchdogSetup();
    expect(await watchdog.check()).toBe('');
    watchdog.setHealthy(false);
    expect(await watchdog.check()).toMatch(/^<4>lintel-watchdog: health check 1 of 3 failed/);
    expect(await watchdog.check()).toMatch(/^<4>lintel-watchdog: health check 2 of 3 failed/);
    expect(watchdog.restarts()).toEqual([]);
    // Why, in the bridge's own words.
    expect(await watchdog.check()).toMatch(/^<3>lintel-watchdog: health check failed 3 times in a row .*answered 503: .*"code":"sync-stuck","roomId":"harbour".*; restarting lintel-bridge\.service$/m);
    expect(watchdog.restarts()).toEqual(['reset-failed lintel-bridge.service', 'restart lintel-bridge.service']);
    // The count starts again after a restart.
    expect(await watchdog.check()).toMatch(/health check 1 of 3 failed/);
  });

  it('says what curl says when nothing answers', async () => {
    const watchdog = await watchdogSetup();
    await watchdog.stopServer();
    expect(await watchdog.check()).toMatch(/^<4>lintel-watchdog: health check 1 of 3 failed .*: curl: \(7\) .*$/m);
  });

  it('forgets earlier failures once the bridge answers again', async () => {
    const watchdog = await watchdogSetup();
    watchdog.setHealthy(false);
    await watchdog.check();
    await watchdog.check();
    watchdog.setHealthy(true);
    expect(await watchdog.check()).toMatch(/^<6>lintel-watchdog: .* answers again/);
    watchdog.setHealthy(false);
    await watchdog.check();
    await watchdog.check();
    expect(watchdog.restarts()).toEqual([]);
  });
});
