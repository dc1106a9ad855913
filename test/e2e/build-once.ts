import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** End-to-end tests drive the real build (web app and bridge), made once per run exactly as `npm run build` makes it. */
export default function buildOnce(): void {
  // Vitest sets NODE_ENV=test, which would build Svelte's development mode: test what ships.
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
