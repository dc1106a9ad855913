import { resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * How the bridge is bundled (scripts/build.ts), into `outdir`: one ESM entry
 * and chunks it loads lazily (Microsoft 365's libraries among them), with
 * the packages left to node_modules.
 */
export function bridgeBundleOptions(root: string, outdir: string): BuildOptions {
  return {
    entryPoints: [resolve(root, 'bridge/src/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    splitting: true,
    sourcemap: true,
    outdir,
    logLevel: 'warning',
  };
}
