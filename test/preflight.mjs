// Runs before the test suite: the end-to-end tests need Debian's Chromium, the
// base-unit tests need socat for pseudo-terminals, the kiosk install tests
// need shellcheck and curl, and the tests of bridges sharing displays need
// redis-server; npm can install none of them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const onPath = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const missing = [
  ['chromium', existsSync('/usr/bin/chromium')],
  ['socat', onPath('socat')],
  ['shellcheck', onPath('shellcheck')],
  ['curl', onPath('curl')],
  ['redis-server', onPath('redis-server')],
].filter(([, present]) => !present);
if (missing.length > 0) {
  const packages = missing.map(([pkg]) => pkg).join(' ');
  console.error(`The tests need ${packages}, which is not installed.`);
  console.error(`Install it with: sudo apt-get install -y ${packages}   (or run: sudo bash .ci/run, which installs it and runs every test)`);
  process.exit(1);
}
