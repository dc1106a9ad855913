// Runs before the test suite: the end-to-end tests need Debian's Chromium, the
// base-unit tests need socat for pseudo-terminals, the kiosk install tests
// need shellcheck and curl, the tests of bridges sharing displays need
// redis-server and PostgreSQL, the MQTT tests a mosquitto broker, and the
// CalDAV tests a Radicale server (Debian's package, never pip's); npm can
// install none of them. The PostgreSQL
// client module (an optional dependency) is built by npm install only where
// libpq-dev is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

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
  ['postgresql', existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`))],
  ['libpq-dev', onPath('pg_config')],
  ['mosquitto', existsSync('/usr/sbin/mosquitto')],
  ['radicale', existsSync('/usr/bin/radicale')],
].filter(([, present]) => !present);
if (missing.length > 0) {
  const packages = missing.map(([pkg]) => pkg).join(' ');
  console.error(`The tests need ${packages}, which is not installed.`);
  console.error(`Install it with: sudo apt-get install -y ${packages}   (or run: sudo bash .ci/run, which installs it and runs every test)`);
  process.exit(1);
}
try {
  createRequire(import.meta.url)('libpq');
} catch {
  console.error('The PostgreSQL client module (libpq) was not built: npm install builds it once libpq-dev is installed. Run npm install again.');
  process.exit(1);
}
