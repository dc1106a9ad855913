import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The stand-in for libcec's cec-client, with a TV behind it (its header says what each state field does). */
const FAKE_CEC_CLIENT = fileURLToPath(new URL('./fake-cec-client.mjs', import.meta.url));

/** The fake's state file. */
export interface TvState {
  adapter: string;
  power: 'on' | 'standby' | 'to-on' | 'to-standby';
  ignoresStandby: boolean;
  silent: boolean;
  noAdapter: boolean;
  hangs: boolean;
  received: string[];
  pids: number[];
}

export interface FakeCecTv {
  /** The installed `cec-client` program, alone in its directory so that directory can go first on a PATH. */
  program: string;
  read(): TvState;
  /** Read, changed and written back, so what cec-client runs wrote meanwhile (transitions, received, pids) is kept. */
  set(change: Partial<TvState>): void;
  remove(): void;
}

/**
 * A TV behind the fake cec-client, installed as a `cec-client` program of its
 * own in a temporary directory: for the CEC tests and the simulator CLI.
 */
export function installFakeCecTv(adapter: string, initial: Partial<TvState> = {}): FakeCecTv {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-cec-'));
  const statePath = join(dir, 'tv.json');
  // Written aside and renamed into place, as the fake itself writes: a cec-client run never reads half a file.
  const write = (state: TvState) => {
    writeFileSync(`${statePath}.${process.pid}`, JSON.stringify(state, null, 2));
    renameSync(`${statePath}.${process.pid}`, statePath);
  };
  const read = () => JSON.parse(readFileSync(statePath, 'utf8')) as TvState;
  write({ adapter, power: 'standby', ignoresStandby: false, silent: false, noAdapter: false, hangs: false, received: [], pids: [], ...initial });
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const program = join(bin, 'cec-client');
  writeFileSync(program, `#!/bin/sh\nFAKE_CEC_CLIENT_STATE=${shellWord(statePath)} exec ${shellWord(process.execPath)} ${shellWord(FAKE_CEC_CLIENT)} "$@"\n`);
  chmodSync(program, 0o755);
  return { program, read, set: (change) => write({ ...read(), ...change }), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `text` as one word for sh: as it is when nothing in it is special, else in single quotes (a quote in it as '\''). */
export function shellWord(text: string): string {
  return /^[\w./+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
