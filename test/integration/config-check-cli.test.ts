import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'lintel-config-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run config:check -- <files>`, as an admin runs it before deploying. */
function configCheck(...files: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bridge/src/config-check-cli.ts', ...files], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('npm run config:check', () => {
  it('says ok and exits 0 for good files', () => {
    const run = configCheck('kiosk-config/examples/building-hub/rooms.json', 'kiosk-config/examples/single-room/rooms.json');
    expect(run).toEqual({ status: 0, output: 'ok: kiosk-config/examples/building-hub/rooms.json\nok: kiosk-config/examples/single-room/rooms.json\n' });
  });

  it('lists every problem of every file, one per line with its path, and exits 1', () => {
    const env = join(dir, 'lintel.env');
    writeFileSync(env, 'PORT=99999\nLINTEL_LOG_LEVL=debug\n');
    const run = configCheck('kiosk-config/examples/local-only/rooms.json', env);
    expect(run.status).toBe(1);
    expect(run.output.split('\n')).toEqual([
      'ok: kiosk-config/examples/local-only/rooms.json',
      `${env}: 2 problems`,
      "  - LINTEL_LOG_LEVL: not a Lintel setting (see the README's Configuration)",
      expect.stringMatching(/^ {2}- PORT: Too big/),
      '',
    ]);
  });

  it('explains how to use it when given no file', () => {
    expect(configCheck()).toEqual({ status: 2, output: 'Usage: npm run config:check -- <rooms.json | lintel.env> [more files]\n' });
  });
});
