import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  optionalDependencies?: Record<string, string>;
  os?: string[];
}
interface Lock {
  packages: Record<string, LockEntry>;
}

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as Lock;

/** The entry a package at `from` finds `name` in, looking up the node_modules folders as Node does. */
function resolveIn(packages: Lock['packages'], from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

/**
 * Every optional dependency the lock names but does not hold, as "package -> dependency".
 * npm writes a lock from the node_modules it finds, so a lock written where
 * node_modules already existed holds only that machine's native packages
 * (esbuild's, rolldown's...): `npm ci` on a Mac or Windows then lacks its build tools.
 */
function missingOptionalPackages({ packages }: Lock): string[] {
  return Object.entries(packages).flatMap(([path, entry]) =>
    Object.keys(entry.optionalDependencies ?? {})
      .filter((name) => resolveIn(packages, path, name) === undefined)
      .map((name) => `${path} -> ${name}`),
  );
}

describe('package-lock.json', () => {
  it("holds every platform's optional native packages, so npm ci installs the build tools on macOS, Windows and musl Linux too", () => {
    expect(missingOptionalPackages(lock)).toEqual([]);
    const platforms = Object.values(lock.packages).flatMap((entry) => entry.os ?? []);
    expect(platforms).toEqual(expect.arrayContaining(['darwin', 'win32', 'linux']));
    expect(lock.packages['node_modules/@esbuild/darwin-arm64']).toBeDefined();
    expect(lock.packages['node_modules/@rolldown/binding-win32-x64-msvc']).toBeDefined();
  });

  it('is found lacking when one platform package is missing', () => {
    const packages = { ...lock.packages };
    delete packages['node_modules/@esbuild/darwin-arm64'];
    expect(missingOptionalPackages({ packages })).toEqual(['node_modules/esbuild -> @esbuild/darwin-arm64']);
  });
});
