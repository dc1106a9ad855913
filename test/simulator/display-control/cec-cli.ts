import { dirname } from 'node:path';
import { runCommandPrompt, type PromptCommands } from '../command-prompt.ts';
import { installFakeCecTv, shellWord, type TvState } from './fake-cec-tv.ts';

/** The fake opens only the port its state names: a made-up one, so that no real adapter of this machine is mistaken for it. */
const ADAPTER = '/dev/ttyACM-cec-sim';
/** How many of the last commands cec-client read `status` shows: a wish is two (`on 0`, `pow 0`), a poll one. */
const RECENT_COMMANDS = 6;

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
  const tv = installFakeCecTv(ADAPTER);
  // Synchronous, so that it also runs on process.exit and on an uncaught error: the program must not outlive the simulator.
  process.on('exit', () => tv.remove());
  const { program } = tv;
  const bin = dirname(program);

  console.log(`HDMI-CEC TV simulator: a stand-in cec-client at ${program}, a TV in standby behind the USB-CEC adapter ${ADAPTER}`);
  console.log(`Point a room at it:  "display": { "protocol": "cec", "device": "${ADAPTER}" }`);
  // The bridge runs `cec-client` from its PATH: this one must come before any real one.
  console.log(`Start the bridge with it first on PATH:  PATH=${shellWord(bin)}:$PATH LINTEL_CONFIG=<your rooms file> npm start`);
  console.log(HELP);

  const yesNo = (on: boolean) => (on ? 'yes' : 'no');
  const showStatus = () => {
    const state = tv.read();
    const recent = state.received.slice(-RECENT_COMMANDS);
    const commandsRead = recent.length > 0 ? `last command(s): ${recent.join(', ')}` : 'no command read yet';
    console.log(
      `power ${POWER_WORDS[state.power]}; ignores standby: ${yesNo(state.ignoresStandby)}, silent: ${yesNo(state.silent)}, adapter: ${state.noAdapter ? 'out' : 'in'}; ` +
        `cec-client ran ${state.pids.length} time(s), ${commandsRead}`,
    );
  };
  /** A command taking one of two words: the state changed accordingly and shown, or what it takes said. */
  const eitherOr =
    (name: string, first: string, second: string, update: (isFirst: boolean) => Partial<TvState>) =>
    ([word]: string[]) => {
      if (word !== first && word !== second) return console.log(`${name} ${first}|${second}`);
      tv.set(update(word === first));
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
