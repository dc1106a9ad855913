import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
let dist: string;
let data: ReturnType<typeof tempDataDir>;
let bridge: BridgeProcess;
/** Where the running bridge's own code is: the build it started from. */
let bridgeBuild: string;

/** The build script, as `npm run build` (or `npm start`, with --if-changed) runs it, into this test's own folder. */
function build(nodeEnv: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--dist', dist, ...args], {
    cwd: repo,
    env: { ...process.env, NODE_ENV: nodeEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function get(path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${bridge.url}${path}`);
  return { status: response.status, body: await response.text() };
}

/** The hashed scripts and style sheets a page loads. */
function assetsOf(page: string): string[] {
  return [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
}

/** A page as a browser gets it: the page, then every asset it names. */
async function loadPage(): Promise<{ page: string; assets: Map<string, { status: number; body: string }> }> {
  const page = await get('/');
  expect(page.status).toBe(200);
  expect(page.body).toMatch(/<\/html>\s*$/);
  const assets = new Map(await Promise.all(assetsOf(page.body).map(async (path) => [path, await get(path)] as const)));
  return { page: page.body, assets };
}

beforeAll(async () => {
  // Under the project's folder, where the built bridge finds node_modules.
  mkdirSync(join(repo, 'test-results'), { recursive: true });
  dist = mkdtempSync(join(repo, 'test-results', 'rebuild-'));
  // A development build first: its assets are named otherwise than the production build's that follows.
  const first = await build('development');
  expect(first.code, first.output).toBe(0);
  data = tempDataDir();
  bridge = await startBridgeProcess({ dataDir: data.dir, build: true, dist, env: { LINTEL_WEB_DIR: join(dist, 'web') } });
  bridgeBuild = realpathSync(join(dist, 'bridge'));
});

afterAll(async () => {
  await bridge?.stop();
  data?.remove();
  rmSync(dist, { recursive: true, force: true });
});

describe('rebuilding under a running bridge', () => {
  it('serves whole pages while the build runs, then the new page, and the old page’s assets all along', async () => {
    const before = await loadPage();
    expect(before.assets.size).toBeGreaterThan(0);

    let finished: { code: number | null; output: string } | undefined;
    const rebuilding = build('production').then((result) => (finished = result));
    let looks = 0;
    while (!finished) {
      const now = await loadPage();
      for (const [path, asset] of now.assets) expect(asset.status, path).toBe(200);
      for (const [path, asset] of before.assets) expect(await get(path), path).toEqual(asset);
      looks++;
    }
    await rebuilding;
    expect(finished.code, finished.output).toBe(0);
    expect(looks).toBeGreaterThan(1);

    const after = await loadPage();
    expect(after.page).not.toBe(before.page);
    for (const [path, asset] of after.assets) expect(asset.status, path).toBe(200);
    for (const [path, asset] of before.assets) expect(await get(path), path).toEqual(asset);
    // The bridge goes on running its own build's code, lazily loaded chunks included.
    expect(existsSync(join(bridgeBuild, 'main.js'))).toBe(true);
  });

  it('is not done by npm start when nothing changed since the last build', async () => {
    const live = realpathSync(join(dist, 'current'));
    const result = await build('production', '--if-changed');
    expect(result).toEqual({ code: 0, output: 'Nothing changed since the last build: starting it as it is (npm run build builds anyway).\n' });
    expect(realpathSync(join(dist, 'current'))).toBe(live);
    expect(readdirSync(join(dist, 'builds'))).toHaveLength(2);
  });
});
