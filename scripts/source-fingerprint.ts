import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What a build is made of, relative to the project's folder: a change to any of them makes `npm start` build again. */
export const BUILD_INPUTS = ['web', 'bridge/src', 'shared', 'scripts', 'package.json', 'package-lock.json', 'vite.config.ts', 'svelte.config.js', 'tsconfig.json'];

/** Tests are no part of what is built. */
const TEST_FILE = /\.test\.[^.]+$/;

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .map((file) => join(full, file))
    .filter((file) => !TEST_FILE.test(file) && !file.split(sep).includes('node_modules') && statSync(file).isFile())
    .map((file) => relative(root, file));
}

/**
 * One hash of every build input's path and content, and of NODE_ENV (which
 * picks Svelte's development or production build; unset, Vite builds for
 * production): equal fingerprints, the same build. Contents, not times: a checkout or a copy changes every file's
 * time and none of what is built.
 */
export function sourceFingerprint(root: string, nodeEnv: string | undefined): string {
  const hash = createHash('sha256').update(`NODE_ENV=${nodeEnv ?? 'production'}\0`);
  const files = BUILD_INPUTS.flatMap((input) => filesUnder(root, input)).sort();
  for (const file of files) hash.update(`${file.split(sep).join('/')}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}
