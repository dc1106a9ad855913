import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** End-to-end tests drive the real built app, built once per run exactly as `npm run build` does. */
export default async function buildWebOnce(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
