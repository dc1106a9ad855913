import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Where builds go, so that building never breaks a running bridge:
 *
 *   dist/builds/<id>/web, bridge   one whole build each, never changed once made
 *   dist/builds/<id>/build.json     its sources' fingerprint, and the web files it made
 *   dist/current -> builds/<id>     the live build, replaced in one rename(2)
 *   dist/web -> current/web, dist/bridge -> current/bridge   the paths the bridge and `npm run serve` use
 *
 * A bridge serves dist/web and so follows `current` at every request: a
 * page is the old build's or the new one's, never half of each. Each build
 * also carries the files the live build made that it lacks (its hashed
 * assets), so a display that loaded the old page still gets the old assets
 * it asks for. A bridge loads its own code from the build it started in
 * (Node resolves dist/bridge/main.js to it), and loads some of it lazily: the
 * build before the live one is kept whole for a bridge still running it;
 * older builds, and folders of builds that stopped half way, are removed.
 */

interface BuildRecord {
  fingerprint: string;
  /** The web files this build made, relative to its web folder: what the next build carries. */
  webFiles: string[];
}

export interface Building {
  dir: string;
  web: string;
  bridge: string;
}

const IN_PROGRESS = '.building-';

/** The live build's record, if there is one. */
function liveRecord(dist: string): BuildRecord | undefined {
  const record = join(dist, 'current', 'build.json');
  return existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')) as BuildRecord) : undefined;
}

/** The fingerprint of the sources the live build was made from, if it is whole. */
export function liveFingerprint(dist: string): string | undefined {
  return existsSync(join(dist, 'bridge', 'main.js')) && existsSync(join(dist, 'web', 'index.html')) ? liveRecord(dist)?.fingerprint : undefined;
}

/** A new, empty build folder, out of sight of the bridge until it is finished. */
export function startBuild(dist: string): Building {
  const dir = join(dist, 'builds', `${IN_PROGRESS}${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return { dir, web: join(dir, 'web'), bridge: join(dir, 'bridge') };
}

/** Makes the finished build the live one, keeps the one before it, and removes the others. */
export function finishBuild(dist: string, building: Building, fingerprint: string): void {
  const record: BuildRecord = { fingerprint, webFiles: filesIn(building.web) };
  writeFileSync(join(building.dir, 'build.json'), `${JSON.stringify(record, null, 2)}\n`);
  const id = randomBytes(6).toString('hex');
  const dir = join(dist, 'builds', id);
  renameSync(building.dir, dir);

  adoptUnversionedBuild(dist);
  const previous = existsSync(join(dist, 'current')) ? basename(readlinkSync(join(dist, 'current'))) : undefined;
  if (previous !== undefined) carryWebFiles(join(dist, 'builds', previous), join(dir, 'web'));
  replaceLink(join(dist, 'current'), join('builds', id));
  for (const part of ['web', 'bridge']) {
    if (!existsSync(join(dist, part))) replaceLink(join(dist, part), join('current', part));
  }
  removeOldBuilds(dist, new Set([id, previous]));
}

/** Every file under `dir`, relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(join(dir, file)).isFile());
}

/** Points `link` at `target` in one rename(2), so that anyone looking finds the old target or the new one, never nothing. */
function replaceLink(link: string, target: string): void {
  const next = `${link}.next-${process.pid}`;
  rmSync(next, { force: true });
  symlinkSync(target, next);
  renameSync(next, link);
}

/** Copies the web files the live build made and the new one lacks: the old page's hashed assets. */
function carryWebFiles(from: string, toWeb: string): void {
  const record = join(from, 'build.json');
  if (!existsSync(record)) return;
  for (const file of (JSON.parse(readFileSync(record, 'utf8')) as BuildRecord).webFiles) {
    const source = join(from, 'web', file);
    const target = join(toWeb, file);
    if (existsSync(target) || !existsSync(source)) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
}

/**
 * dist/web and dist/bridge as folders (a build made before builds were kept
 * apart) become a build like the others, the live one, so that the first
 * new build carries its assets and keeps it for a bridge still running it.
 */
function adoptUnversionedBuild(dist: string): void {
  const parts = ['web', 'bridge'].filter((part) => existsSync(join(dist, part)) && !lstatSync(join(dist, part)).isSymbolicLink());
  if (parts.length === 0) return;
  const id = `unversioned-${randomBytes(4).toString('hex')}`;
  const dir = join(dist, 'builds', id);
  mkdirSync(dir);
  for (const part of parts) renameSync(join(dist, part), join(dir, part));
  const webFiles = existsSync(join(dir, 'web')) ? filesIn(join(dir, 'web')) : [];
  writeFileSync(join(dir, 'build.json'), `${JSON.stringify({ fingerprint: '', webFiles } satisfies BuildRecord, null, 2)}\n`);
  replaceLink(join(dist, 'current'), join('builds', id));
  for (const part of parts) replaceLink(join(dist, part), join('current', part));
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes every build but `keep`, and the folders of builds whose process is gone; builds still being made stay. */
function removeOldBuilds(dist: string, keep: Set<string | undefined>): void {
  for (const name of readdirSync(join(dist, 'builds'))) {
    if (keep.has(name)) continue;
    if (name.startsWith(IN_PROGRESS) && processRuns(Number(name.slice(IN_PROGRESS.length).split('-')[0]))) continue;
    rmSync(join(dist, 'builds', name), { recursive: true, force: true });
  }
}

/** A build that failed leaves nothing behind. */
export function abandonBuild(building: Building): void {
  rmSync(building.dir, { recursive: true, force: true });
}
