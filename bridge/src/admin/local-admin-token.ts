import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDatabase } from '../store/sql-database.ts';

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
  const token = newToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, file, created: true };
}

/**
 * The same token for bridge processes on several machines, kept in the
 * database they share (PostgreSQL): an admin page accepts it whichever
 * process serves it. The process that makes it shows it. Losing it is
 * mended by deleting the row and restarting.
 */
export function sharedAdminToken(db: SqlDatabase): { token: string; created: boolean } {
  return db.transaction(() => {
    const row = db.prepare('SELECT token FROM admin_token WHERE id = 1').get() as { token: string } | undefined;
    if (row) return { token: row.token, created: false };
    const token = newToken();
    db.prepare('INSERT INTO admin_token (id, token) VALUES (1, ?)').run(token);
    return { token, created: true };
  });
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}
