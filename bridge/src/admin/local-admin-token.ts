import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The bridge's own admin token, for installs without Microsoft 365: made at
 * first start, kept in the data dir readable by the bridge's user only, and
 * shown once (the caller prints it when `created`). Losing it is mended by
 * deleting the file and restarting.
 */
export function localAdminToken(dataDir: string): { token: string; file: string; created: boolean } {
  const file = join(dataDir, 'admin-token');
  try {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 32) {
      chmodSync(file, 0o600);
      return { token, file, created: false };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, file, created: true };
}
