import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { getJson, postJson } from '../support/http.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { freePort } from '../support/server-process.ts';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function bridge(dataDir: string, env: Record<string, string> = {}): Promise<BridgeProcess> {
  const running = await startBridgeProcess({ dataDir, env });
  cleanups.push(() => running.stop());
  return running;
}

function dataDir(): string {
  const data = tempDataDir();
  cleanups.push(() => data.remove());
  return data.dir;
}

describe('the bridge process', () => {
  it('seeds a demo room with meetings around the current time on first start', async () => {
    // Its meetings run from 2 h before to 5 h after now: where it is midday, all of them are on today's display whenever the test runs.
    const running = await bridge(dataDir(), { LINTEL_TIME_ZONE: zoneAtMidday(Date.now()) });
    const { body } = (await getJson(`${running.url}/api/rooms/demo/state`)) as { body: RoomState };
    expect(body.room.name).toBe('Harbour');
    expect(body.status).toBe('busy');
    expect(body.current?.subject).toBe('Design review: onboarding flow');
    expect(body.events.length + body.next.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps an acknowledged action through SIGKILL and answers its retry the same way', async () => {
    const dir = dataDir();
    const first = await bridge(dir, { LINTEL_DEMO_MEETINGS: 'false' });
    const booking = { id: crypto.randomUUID(), type: 'book-now', minutes: 30 };
    const acknowledged = await postJson(`${first.url}/api/rooms/demo/actions`, booking);
    expect(acknowledged.status).toBe(200);
    await first.stop('SIGKILL');

    const second = await bridge(dir, { LINTEL_DEMO_MEETINGS: 'false' });
    const { body } = (await getJson(`${second.url}/api/rooms/demo/state`)) as { body: RoomState };
    expect(body.status).toBe('busy');
    expect(body.current?.id).toBe(`walk-up-${booking.id}`);
    const retry = await postJson(`${second.url}/api/rooms/demo/actions`, booking);
    expect(retry).toEqual(acknowledged);
  });

  it('makes a local admin token at first start, shows it once, keeps it owner-only, and the admin API takes only it', async () => {
    const dir = dataDir();
    const first = await bridge(dir, { LINTEL_DEMO_MEETINGS: 'false' });
    const token = /local admin token[^:]*: (\S+)/.exec(first.startupOutput)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
    // Only on the console, once: the structured log never carries it.
    expect(first.startupOutput.split('\n').filter((line) => line.startsWith('{') && line.includes(token!))).toEqual([]);
    const status = (authorization?: string) =>
      fetch(`${first.url}/api/admin/status`, authorization ? { headers: { authorization } } : {}).then((response) => response.status);
    expect([await status(), await status('Bearer wrong-token'), await status(`Bearer ${token}`)]).toEqual([401, 401, 200]);
    await first.stop();

    const second = await bridge(dir, { LINTEL_DEMO_MEETINGS: 'false' });
    expect(second.startupOutput).not.toContain(token);
    expect(await fetch(`${second.url}/api/admin/status`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.status)).toBe(200);
    await second.stop();

    // Lost: the banner says how to get a new one, and doing so works.
    expect(first.startupOutput).toContain(`It is kept in ${join(dir, 'admin-token')}; it is not shown again. For a new one, delete that file and restart the bridge.`);
    rmSync(join(dir, 'admin-token'));
    const third = await bridge(dir, { LINTEL_DEMO_MEETINGS: 'false' });
    const renewed = /local admin token[^:]*: (\S+)/.exec(third.startupOutput)?.[1];
    expect(renewed).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(renewed).not.toBe(token);
    const statusWith = (value: string) => fetch(`${third.url}/api/admin/status`, { headers: { authorization: `Bearer ${value}` } }).then((response) => response.status);
    expect([await statusWith(token!), await statusWith(renewed!)]).toEqual([401, 200]);
  });

  it('prints a one-time sign-in link at each start (no QR code into a pipe): it signs in once, as the local admin token, before and after a restart', async () => {
    const dir = dataDir();
    const running = await bridge(dir, { LINTEL_DEMO_MEETINGS: 'false' });
    const token = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    const link = /once, within 10 minutes: (\S+)/.exec(running.startupOutput)?.[1];
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin\/#signin=[\w-]{32}$/);
    expect(running.startupOutput).not.toMatch(/[█▀▄]/);
    const code = new URL(link!).hash.replace('#signin=', '');
    const signIn = () => postJson(`${running.url}/api/admin/sign-in`, { code });
    expect(await signIn()).toEqual({ status: 200, body: { token } });
    expect(await signIn()).toMatchObject({ status: 409, body: { code: 'not-allowed', message: expect.stringContaining('used already') } });
    const status = (await getJson(`${running.url}/api/admin/status`, { authorization: `Bearer ${token}` })) as { body: { audit: { actor: string; event: unknown }[] } };
    expect(status.body.audit[0]).toEqual({ at: expect.any(String), actor: 'local admin token', event: { action: 'sign-in-link', address: expect.stringMatching(/127\.0\.0\.1/) } });
    await running.stop();

    const again = await bridge(dir, { LINTEL_DEMO_MEETINGS: 'false' });
    const next = /once, within 10 minutes: (\S+)/.exec(again.startupOutput)?.[1];
    expect(next).not.toBe(link);
    // Links are in the store: a restart neither ends a link nor makes a used one work again.
    expect(await postJson(`${again.url}/api/admin/sign-in`, { code })).toMatchObject({ status: 409, body: { code: 'not-allowed' } });
    expect(await postJson(`${again.url}/api/admin/sign-in`, { code: 'never-printed' })).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    expect(await postJson(`${again.url}/api/admin/sign-in`, { code: new URL(next!).hash.replace('#signin=', '') })).toEqual({ status: 200, body: { token } });
  });

  it('says in one plain sentence, besides its log line, that its port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const failed = await startBridgeProcess({ dataDir: dataDir(), env: { PORT: String(port) } }).catch((error: unknown) => error as Error);
      expect(failed).toBeInstanceOf(Error);
      // Written before the log line; here they come through two pipes, so only both are checked for.
      const lines = (failed as Error).message.split('\n');
      expect(lines).toContain(`Lintel cannot start: port ${port} is already in use: stop the other program or set PORT.`);
      expect(lines.some((line) => line.startsWith('{') && line.includes('"level":60') && line.includes('already in use'))).toBe(true);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('prints readable lines at a terminal (JSON lines to a pipe, as every other test reads them)', { timeout: 30_000 }, async () => {
    // `script` (util-linux) runs the bridge on a pseudo-terminal, as when a person starts it at a terminal.
    const child = spawn('script', ['-qfec', `${process.execPath} --import tsx bridge/src/main.ts`, '/dev/null'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, PORT: '0', LINTEL_HOST: '127.0.0.1', LINTEL_DATA_DIR: dataDir(), LINTEL_DEMO_MEETINGS: 'false', LINTEL_LOG_LEVEL: 'info' },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    cleanups.push(() => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    });
    let output = '';
    const running = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line in 25 s:\n${output}`)), 25_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Without its colours, as a reader sees it.
        const line = stripVTControlCharacters(output).split(/\r?\n/).find((each) => each.includes('Lintel is running'));
        if (line === undefined) return;
        clearTimeout(timer);
        resolve(line);
      });
    });
    expect(running).toMatch(/^\[\d{2}:\d{2}:\d{2}\] INFO: Lintel is running: open http:\/\/localhost:\d+$/);
    expect(output).not.toContain('{"level"');
  });

  it('gives QR codes an address it serves when it listens on loopback only, and says who can reach it', async () => {
    const running = await bridge(dataDir(), { LINTEL_DEMO_MEETINGS: 'false' });
    const { body } = (await getJson(`${running.url}/api/rooms/demo/state`)) as { body: RoomState };
    expect(body.bookingUrl).toBe(`${running.url}/rooms/demo?from=qr`);
    expect(await fetch(body.bookingUrl).then((response) => response.status)).toBe(200);
    expect(running.startupOutput).toContain('only this computer reaches the bridge (LINTEL_HOST is a loopback address)');
    expect(running.startupOutput).not.toContain('does not reach this bridge');
  });

  it('says at start, before it runs, when its public URL does not reach it from its own computer, and what to set', async () => {
    const nobody = await freePort();
    const unreachable = await bridge(dataDir(), { LINTEL_DEMO_MEETINGS: 'false', LINTEL_PUBLIC_URL: `http://127.0.0.1:${nobody}/` });
    const warning = unreachable.startupOutput.split('\n').find((line) => line.includes('does not reach this bridge'));
    expect(JSON.parse(warning ?? '{}')).toMatchObject({
      level: 40,
      msg: expect.stringMatching(
        new RegExp(`^The public URL http://127\\.0\\.0\\.1:${nobody}/ \\(LINTEL_PUBLIC_URL\\) does not reach this bridge from its own computer \\(ECONNREFUSED\\):.* Set LINTEL_PUBLIC_URL to the address they reach this bridge at, e\\.g\\. http://[^:]+:${unreachable.url.split(':').at(-1)}/$`),
      ),
    });

    const port = await freePort();
    const reachable = await bridge(dataDir(), { LINTEL_DEMO_MEETINGS: 'false', PORT: String(port), LINTEL_PUBLIC_URL: `http://127.0.0.1:${port}/` });
    expect(reachable.startupOutput).toContain('Lintel is running');
    expect(reachable.startupOutput).not.toContain('does not reach this bridge');
  });

  it('refuses to start with a bad configuration, naming every problem', async () => {
    await expect(startBridgeProcess({ dataDir: dataDir(), env: { PORT: 'eighty', LINTEL_TIME_ZONE: 'Atlantis/Capital' } })).rejects.toThrow(
      /PORT:[\s\S]*LINTEL_TIME_ZONE:/,
    );
  });
});

describe('the rooms file', () => {
  it('serves the rooms it lists, with their settings, and never their PIN', async () => {
    const dir = dataDir();
    const running = await bridge(dir, { LINTEL_CONFIG: 'kiosk-config/examples/local-only/rooms.json', LINTEL_PUBLIC_URL: 'http://lintel.example.org:8080' });
    const { body: rooms } = (await getJson(`${running.url}/api/rooms`)) as { body: { id: string }[] };
    expect(rooms.map((room) => room.id)).toEqual(['harbour', 'lobby', 'vorstand']);
    // A rooms file's rooms are paired: their meetings are for their displays, phones at the room and admins.
    expect(await getJson(`${running.url}/api/rooms/vorstand/state`)).toMatchObject({ status: 403, body: { code: 'room-not-open' } });
    const admin = { authorization: `Bearer ${readFileSync(join(dir, 'admin-token'), 'utf8').trim()}` };
    const { body } = (await getJson(`${running.url}/api/rooms/vorstand/state`, admin)) as { body: RoomState };
    expect(body.room.settings).toMatchObject({ language: 'de', privacy: 'organizer-only', pinRequired: true });
    expect(body.bookingUrl).toBe('http://lintel.example.org:8080/rooms/vorstand?from=qr');
    expect(JSON.stringify(body)).not.toContain('4711');
  });

  it('refuses to start with a broken rooms file, naming every problem with its path', async () => {
    const dir = dataDir();
    const file = join(dir, 'rooms.json');
    writeFileSync(file, JSON.stringify({ rooms: [{ id: 'a', name: 'A', timeZone: 'Nowhere', settings: { pin: 'abc' } }] }));
    await expect(startBridgeProcess({ dataDir: dir, env: { LINTEL_CONFIG: file } })).rejects.toThrow(/rooms\.0\.timeZone[\s\S]*rooms\.0\.settings\.pin/);
  });
});
