import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/bridge-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

/**
 * A process that opens the store as a bridge does, at the agreed moment (so
 * the processes really collide), writes a row, and exits 0, or 1 with the error.
 */
const OPENER = `
import { openSqliteDatabase } from './bridge/src/store/sqlite-database.ts';
while (Date.now() < Number(process.argv[3]));
const db = openSqliteDatabase(process.argv[1]);
db.prepare("INSERT INTO displays (id, last_seen_at) VALUES (?, 0)").run(process.argv[2]);
console.log(db.prepare('PRAGMA journal_mode').get().journal_mode);
`;

function open(dataDir: string, name: string, at: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', OPENER, dataDir, name, String(at)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('one store, several bridge processes', () => {
  it('opens a new store from 6 processes at once: each waits its turn, none fails as busy', { timeout: 60_000 }, async () => {
    for (let round = 0; round < 3; round++) {
      const data = tempDataDir();
      cleanup.push(data.remove);
      // Late enough for every process to have loaded, on a machine running other tests too.
      const at = Date.now() + 4_000;
      const opened = await Promise.all(Array.from({ length: 6 }, (_, i) => open(data.dir, `display-${round}-${i}-aaaaaaaaaaaa`, at)));
      expect(opened.map(({ code, output }) => (code === 0 ? output.trim() : output))).toEqual(Array.from({ length: 6 }, () => 'wal'));
    }
  });
});
