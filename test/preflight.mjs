// Runs before the test suite: end-to-end tests need Debian's Chromium, which npm cannot install.
import { existsSync } from 'node:fs';

const missing = [['/usr/bin/chromium', 'chromium']].filter(([path]) => !existsSync(path));
if (missing.length > 0) {
  const packages = missing.map(([, pkg]) => pkg).join(' ');
  console.error(`The end-to-end tests need ${packages}, which is not installed.`);
  console.error(`Install it with: sudo apt-get install -y ${packages}   (or run: sudo bash .ci/run, which installs it and runs every test)`);
  process.exit(1);
}
