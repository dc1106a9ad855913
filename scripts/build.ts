// `npm run build` (and `npm start`, with --if-changed): the web app (Vite) and
// the bridge (esbuild) into a new build folder, made live at once when both
// are whole (scripts/build-folders.ts).
//
// Usage: node --import tsx scripts/build.ts [--if-changed] [--dist FOLDER]
//   --if-changed    build only when the sources differ from the live build's
//   --dist FOLDER   where builds go (default: dist in the project's folder)
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bridgeBundleOptions } from './bridge-bundle.ts';
import { abandonBuild, finishBuild, liveFingerprint, startBuild } from './build-folders.ts';
import { sourceFingerprint } from './source-fingerprint.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { 'if-changed': { type: 'boolean', default: false }, dist: { type: 'string', default: resolve(root, 'dist') } } });
const dist = resolve(values.dist);
const fingerprint = sourceFingerprint(root, process.env.NODE_ENV);

if (values['if-changed'] && liveFingerprint(dist) === fingerprint) {
  console.log('Nothing changed since the last build: starting it as it is (npm run build builds anyway).');
  process.exit(0);
}

// Loaded only to build: Vite alone takes seconds to load.
const [{ build: viteBuild }, { build: bundle }] = await Promise.all([import('vite'), import('esbuild')]);
const building = startBuild(dist);
try {
  await viteBuild({ root: resolve(root, 'web'), configFile: resolve(root, 'vite.config.ts'), build: { outDir: building.web } });
  await bundle(bridgeBundleOptions(root, building.bridge));
  finishBuild(dist, building, fingerprint);
} catch (error) {
  abandonBuild(building);
  throw error;
}
