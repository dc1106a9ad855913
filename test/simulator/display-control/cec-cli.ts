import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommandPrompt, type PromptCommands } from '../command-prompt.ts';

/** The stand-in for libcec's cec-client that the integration tests run, with a TV behind it. */
const FAKE_CEC_CLIENT = fileURLToPath(new URL('./fake-cec-client.mjs', import.meta.url));
/** The fake opens only the port its state names: a made-up one, so that no real adapter of this machine is mistaken for it. */
const ADAPTER = '/dev/ttyACM-cec-sim';
/** How many of the last commands cec-client read `status` shows: a wish is two (`on 0`, `pow 0`), a poll one. */
const RECENT_COMMANDS = 6;

/** The fake's state file (fake-cec-client.mjs's header says what each field does). */
interface TvState {
  adapter: string;
  power: 'on' | 'standby' | 'to-on' | 'to-standby';
  ignoresStandby: boolean;
  silent: boolean;
  noAdapter: boolean;
  hangs: boolean;
  received: string[];
  pids: number[];
}

const POWER_WORDS: Record<TvState['power'], string> = { on: 'on', standby: 'standby', 'to-on': 'switching on', 'to-standby': 'switching to standby' };

const HELP = `Commands:
  power on|standby           someone uses the TV's remote     status           power, switches, cec-client's last commands
  ignore-standby on|off      the TV takes <Standby> and stays on
  silent on|off              the TV gives no power report ("power status: unknown")
  adapter out|in             the USB-CEC adapter is unplugged (cec-client cannot open it), or back in
  quit`;

/**
 * `npm run simulator -- --protocol cec`: a TV on HDMI-CEC behind a stand-in
 * `cec-client` (the fake of the integration tests) installed in a temporary
 * directory, for a bridge started with that directory first on its PATH;
 * typed commands change the TV. Resolves never: it runs until `quit` ends
 * the process.
 */
export async function runCecSimulator(args: { help: boolean }): Promise<never> {
  if (args.help) {
    console.log(HELP);
    process.exit(0);
  }
  const dir = mkdtempSync(join(tmpdir(), 'lintel-cec-'));
  // Synchronous, so that it also runs on process.exit and on an uncaught error: the program must not outlive the simulator.
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

  const statePath = join(dir, 'tv.json');
  const readState = () => JSON.parse(readFileSync(statePath, 'utf8')) as TvState;
  // Read, changed, written aside and renamed into place, as the fake itself writes: a cec-client run never reads half a
  // file, and what runs wrote meanwhile (power transitions, received, pids) is kept.
  const change = (update: Partial<TvState>) => {
    const aside = `${statePath}.${process.pid}`;
    writeFileSync(aside, JSON.stringify({ ...readState(), ...update }, null, 2));
    renameSync(aside, statePath);
  };
  const initial: TvState = { adapter: ADAPTER, power: 'standby', ignoresStandby: false, silent: false, noAdapter: false, hangs: false, received: [], pids: [] };
  writeFileSync(statePath, JSON.stringify(initial, null, 2));

  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const program = join(bin, 'cec-client');
  writeFileSync(program, `#!/bin/sh\nFAKE_CEC_CLIENT_STATE=${shellWord(statePath)} exec ${shellWord(process.execPath)} ${shellWord(FAKE_CEC_CLIENT)} "$@"\n`);
  chmodSync(program, 0o755);

  console.log(`HDMI-CEC TV simulator: a stand-in cec-client at ${program}, a TV in standby behind the USB-CEC adapter ${ADAPTER}`);
  console.log(`Point a room at it:  "display": { "protocol": "cec", "device": "${ADAPTER}" }`);
  // The bridge runs `cec-client` from its PATH: this one must come before any real one.
  console.log(`Start the bridge with it first on PATH:  PATH=${shellWord(bin)}:$PATH LINTEL_CONFIG=<your rooms file> npm start`);
  console.log(HELP);

  const yesNo = (on: boolean) => (on ? 'yes' : 'no');
  const showStatus = () => {
    const tv = readState();
    const recent = tv.received.slice(-RECENT_COMMANDS);
    const commandsRead = recent.length > 0 ? `last command(s): ${recent.join(', ')}` : 'no command read yet';
    console.log(
      `power ${POWER_WORDS[tv.power]}; ignores standby: ${yesNo(tv.ignoresStandby)}, silent: ${yesNo(tv.silent)}, adapter: ${tv.noAdapter ? 'out' : 'in'}; ` +
        `cec-client ran ${tv.pids.length} time(s), ${commandsRead}`,
    );
  };
  /** A command taking one of two words: the state changed accordingly and shown, or what it takes said. */
  const eitherOr =
    (name: string, first: string, second: string, update: (isFirst: boolean) => Partial<TvState>) =>
    ([word]: string[]) => {
      if (word !== first && word !== second) return console.log(`${name} ${first}|${second}`);
      change(update(word === first));
      showStatus();
    };

  const commands: PromptCommands = {
    power: eitherOr('power', 'on', 'standby', (on) => ({ power: on ? 'on' : 'standby' })),
    'ignore-standby': eitherOr('ignore-standby', 'on', 'off', (on) => ({ ignoresStandby: on })),
    silent: eitherOr('silent', 'on', 'off', (on) => ({ silent: on })),
    adapter: eitherOr('adapter', 'out', 'in', (out) => ({ noAdapter: out })),
    status: showStatus,
    help: () => console.log(HELP),
    // Typed, or stdin closing, or Ctrl-C: the exit handler removes the directory.
    quit: () => process.exit(0),
  };
  // `kill <pid>` ends the simulator as `quit` does, instead of leaving the directory behind.
  process.on('SIGTERM', () => void commands.quit());

  runCommandPrompt(commands, HELP);
  return new Promise<never>(() => {});
}

/** `text` as one word for sh: as it is when nothing in it is special, else in single quotes (a quote in it as '\''). */
function shellWord(text: string): string {
  return /^[\w./+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
