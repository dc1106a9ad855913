import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeBundleOptions } from '../../scripts/bridge-bundle.ts';
import { tempDataDir } from '../support/bridge-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Microsoft 365's libraries: a bridge without Microsoft 365 should never load them (their memory is a third of its budget). */
const MICROSOFT_LIBRARIES = ['@azure/msal-node', '@microsoft/microsoft-graph-client'];

let out: ReturnType<typeof tempDataDir>;
let metafile: Metafile;

/** The bridge bundled exactly as `npm run build` bundles it, into a folder of the test's own, with esbuild's account of each chunk's imports. */
beforeAll(async () => {
  out = tempDataDir();
  const result = await build({ ...bridgeBundleOptions(root, out.dir), absWorkingDir: root, sourcemap: false, metafile: true });
  metafile = result.metafile;
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
