// Runs before the test suite, so that `npm install && npm test` needs nothing
// done by hand on Debian: test/install-test-tools.sh installs what the tests
// need and npm cannot (Chromium, the servers they start, libpq-dev...), then
// the PostgreSQL client module (an optional dependency, which npm install
// leaves out where libpq-dev was missing) is installed or built again.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args) => spawnSync(command, args, { cwd: repo, stdio: 'inherit' }).status === 0;
const libpqLoads = () => {
  try {
    createRequire(import.meta.url)('libpq');
    return true;
  } catch {
    return false;
  }
};

if (!run('bash', ['test/install-test-tools.sh'])) process.exit(1);
if (!libpqLoads()) {
  console.log('Building the PostgreSQL client module (libpq) against libpq-dev.');
  const rebuilt = existsSync(`${repo}/node_modules/libpq/package.json`)
    ? run('npm', ['rebuild', 'libpq'])
    : run('npm', ['install', '--no-audit', '--no-fund']);
  if (!rebuilt || !libpqLoads()) {
    console.error('The PostgreSQL client module (libpq) did not build: see npm\'s lines above, then run npm install again.');
    process.exit(1);
  }
}
