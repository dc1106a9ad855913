import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/bridge-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Microsoft 365's libraries: a bridge without Microsoft 365 should never load them (their memory is a third of its budget). */
const MICROSOFT_LIBRARIES = ['@azure/msal-node', '@microsoft/microsoft-graph-client'];

let out: ReturnType<typeof tempDataDir>;
let metafile: Metafile;

/** The bridge bundled exactly as package.json's build:bridge does, into a folder of the test's own, with esbuild's account of each chunk's imports. */
beforeAll(() => {
  out = tempDataDir();
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build:bridge']!;
  const [command, ...args] = script.split(' ').map((arg) => (arg.startsWith('--outdir=') ? `--outdir=${out.dir}` : arg));
  expect(command).toBe('esbuild');
  execFileSync(join(root, 'node_modules/.bin/esbuild'), [...args, `--metafile=${join(out.dir, 'meta.json')}`], { cwd: root });
  metafile = JSON.parse(readFileSync(join(out.dir, 'meta.json'), 'utf8')) as Metafile;
});

afterAll(() => out.remove());

/** The chunks a chunk loads before it runs: its static imports, and theirs. */
function loadedWith(entry: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (chunk: string) => {
    if (loaded.has(chunk)) return;
    loaded.add(chunk);
    for (const imported of metafile.outputs[chunk]?.imports ?? []) if (!imported.external && imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return loaded;
}

const librariesOf = (chunk: string) => (metafile.outputs[chunk]?.imports ?? []).filter((imported) => imported.external && MICROSOFT_LIBRARIES.includes(imported.path)).map((imported) => imported.path);

describe("the bridge's bundle", () => {
  it('loads MSAL and the Graph client only through a dynamic import, taken when Microsoft 365 is configured', () => {
    const entry = Object.keys(metafile.outputs).find((chunk) => metafile.outputs[chunk]!.entryPoint === 'bridge/src/main.ts')!;
    expect(entry).toBeDefined();
    const atStart = loadedWith(entry);
    expect([...atStart].flatMap(librariesOf)).toEqual([]);
    // They are in the bundle, in a chunk main.ts imports dynamically (startMicrosoft365).
    const microsoft = Object.keys(metafile.outputs).filter((chunk) => librariesOf(chunk).length > 0);
    expect(new Set(microsoft.flatMap(librariesOf))).toEqual(new Set(MICROSOFT_LIBRARIES));
    const dynamicFromStart = [...atStart].flatMap((chunk) => (metafile.outputs[chunk]?.imports ?? []).filter((imported) => imported.kind === 'dynamic-import').map((imported) => imported.path));
    expect(microsoft.every((chunk) => [...new Set(dynamicFromStart)].some((dynamic) => loadedWith(dynamic).has(chunk)))).toBe(true);
  });
});
