import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Lintel's package.json, found from this module whether it
 * runs from source (bridge/src) or from the build (dist/bridge).
 */
export function projectRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'lintel') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Lintel folder (package.json named "lintel") above the bridge');
    dir = parent;
  }
}

export function projectVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
