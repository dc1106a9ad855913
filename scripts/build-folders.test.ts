import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { finishBuild, liveFingerprint, startBuild, type Building } from './build-folders.ts';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'lintel-dist-'));
  folders.push(dist);
  return dist;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A build as Vite and esbuild leave it: a page naming its hashed asset, and the bridge with a lazily loaded chunk. */
function made(dist: string, version: string): Building {
  const building = startBuild(dist);
  write(join(building.web, 'index.html'), `<script src="/assets/index-${version}.js"></script>`);
  write(join(building.web, 'assets', `index-${version}.js`), `app ${version}`);
  write(join(building.bridge, 'main.js'), `bridge ${version}`);
  write(join(building.bridge, `caldav-provider-${version}.js`), `caldav ${version}`);
  return building;
}

const read = (dist: string, path: string) => readFileSync(join(dist, path), 'utf8');
const builds = (dist: string) => readdirSync(join(dist, 'builds')).sort();

describe('finishBuild', () => {
  it('makes the build live at dist/web and dist/bridge, with its fingerprint', () => {
    const dist = newDist();
    finishBuild(dist, made(dist, 'v1'), 'sources-1');
    expect(read(dist, 'web/index.html')).toBe('<script src="/assets/index-v1.js"></script>');
    expect(read(dist, 'bridge/main.js')).toBe('bridge v1');
    expect(liveFingerprint(dist)).toBe('sources-1');
  });

  it("carries the live page's assets into the next build, keeps the build before for a bridge still running it, and removes older ones", () => {
    const dist = newDist();
    finishBuild(dist, made(dist, 'v1'), 'sources-1');
    const firstBridge = realpathSync(join(dist, 'bridge'));
    finishBuild(dist, made(dist, 'v2'), 'sources-2');

    expect(read(dist, 'web/index.html')).toBe('<script src="/assets/index-v2.js"></script>');
    expect(read(dist, 'web/assets/index-v2.js')).toBe('app v2');
    expect(read(dist, 'web/assets/index-v1.js')).toBe('app v1');
    expect(read(firstBridge, 'caldav-provider-v1.js')).toBe('caldav v1');
    expect(builds(dist)).toHaveLength(2);

    finishBuild(dist, made(dist, 'v3'), 'sources-3');
    expect(existsSync(firstBridge)).toBe(false);
    expect(builds(dist)).toHaveLength(2);
    // Only the page before's own assets come along: they never pile up.
    expect(readdirSync(join(dist, 'web/assets')).sort()).toEqual(['index-v2.js', 'index-v3.js']);
    expect(liveFingerprint(dist)).toBe('sources-3');
  });

  it('leaves a build still being made, and removes one whose process is gone', () => {
    const dist = newDist();
    const stillMaking = made(dist, 'other');
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const abandoned = join(dist, 'builds', `.building-${gone}-0000`);
    mkdirSync(abandoned);
    finishBuild(dist, made(dist, 'v1'), 'sources-1');
    expect(existsSync(stillMaking.dir)).toBe(true);
    expect(existsSync(abandoned)).toBe(false);
  });

  it('takes dist/web and dist/bridge made before builds were kept apart as the build before', () => {
    const dist = newDist();
    write(join(dist, 'web/index.html'), 'old page');
    write(join(dist, 'web/assets/index-old.js'), 'app old');
    write(join(dist, 'bridge/main.js'), 'bridge old');
    finishBuild(dist, made(dist, 'v1'), 'sources-1');
    expect(read(dist, 'web/index.html')).toBe('<script src="/assets/index-v1.js"></script>');
    expect(read(dist, 'web/assets/index-old.js')).toBe('app old');
    expect(builds(dist)).toHaveLength(2);
  });

  it('has no fingerprint to compare before the first build, or when the live build is not whole', () => {
    const dist = newDist();
    expect(liveFingerprint(dist)).toBeUndefined();
    finishBuild(dist, made(dist, 'v1'), 'sources-1');
    rmSync(realpathSync(join(dist, 'bridge/main.js')));
    expect(liveFingerprint(dist)).toBeUndefined();
  });
});
