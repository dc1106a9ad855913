import { systemClock } from '../../../bridge/src/system-clock.ts';
import { DisplayPty } from './display-pty.ts';
import type { DisplaySimulator, DisplaySimulatorFaults, DisplaySimulatorOptions } from './display-simulator.ts';
import { DisplayTcp } from './display-tcp.ts';
import { LgSimulator } from './lg-simulator.ts';
import { MdcSimulator } from './mdc-simulator.ts';
import { NecSimulator } from './nec-simulator.ts';
import { runCommandPrompt, type PromptCommands } from '../command-prompt.ts';

/** The displays `--protocol` names, as the rooms file does, with the TCP port each listens on (none: RS-232 only). */
const SIMULATORS: Record<string, { make: (options: DisplaySimulatorOptions) => DisplaySimulator; tcpPort: number | null; address: string }> = {
  'samsung-mdc': { make: (options) => new MdcSimulator(options), tcpPort: 1515, address: '"id": 1' },
  lg: { make: (options) => new LgSimulator({ ...options, clock: systemClock }), tcpPort: null, address: '"setId": 1' },
  nec: { make: (options) => new NecSimulator({ ...options, clock: systemClock }), tcpPort: 7142, address: '"monitorId": 1' },
};

const HELP = `Commands:
  power on|standby           someone uses the remote          status        power, faults, connections
  faults                     the faults shown now             faults off    every fault cleared
  faults silent on|off       commands get no answer           faults garbage on|off   answers turn to line noise
  faults refuse on|off       every command is refused         faults drop   the next command ends the connection
  drop                       the connection ends now (TCP: the bridge's sockets close; pty: the cable is out for 0.5 s)
  quit`;

export interface DisplaySimulatorArgs {
  protocol: string;
  /** The TCP port to listen on ("0": any free one); the protocol's own when neither this nor `pty` is given. */
  tcp: string | undefined;
  pty: boolean;
  help: boolean;
}

/**
 * `npm run simulator -- --protocol samsung-mdc [--tcp <port> | --pty]`: a
 * commercial display on a TCP port or a pseudo-terminal, driven by typed
 * commands, for trying the bridge by hand. Resolves never: it runs until
 * `quit` ends the process.
 */
export async function runDisplaySimulator(args: DisplaySimulatorArgs): Promise<never> {
  const simulator = SIMULATORS[args.protocol];
  // cli.ts runs the cec and clickshare simulators before asking here: they are choices too.
  if (!simulator) throw new Error(`no simulator for protocol "${args.protocol}": try ${[...Object.keys(SIMULATORS), 'cec', 'clickshare'].join(', ')}`);
  if (args.help) {
    console.log(HELP);
    process.exit(0);
  }
  const usePty = args.pty || simulator.tcpPort === null;
  if (usePty && args.tcp !== undefined) throw new Error(`give --tcp or --pty, not both${simulator.tcpPort === null ? ` (${args.protocol} has no LAN control)` : ''}`);

  let sim: DisplaySimulator;
  let dropNow: () => Promise<void>;
  let stop: () => Promise<void>;
  let status: () => string;
  if (usePty) {
    const pty = new DisplayPty(simulator.make);
    const path = await pty.plugIn();
    ({ sim } = pty);
    dropNow = async () => {
      await pty.unplug();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await pty.plugIn();
    };
    stop = () => pty.stop();
    status = () => `on ${path}`;
    console.log(`${args.protocol} display simulator on ${path}`);
    console.log(`Point a room at it:  "display": { "protocol": "${args.protocol}", "path": "${path}", ${simulator.address} }`);
  } else {
    const tcp = new DisplayTcp(simulator.make);
    const port = await tcp.listen(args.tcp === undefined ? (simulator.tcpPort ?? 0) : Number(args.tcp));
    ({ sim } = tcp);
    dropNow = async () => tcp.dropConnections();
    stop = () => tcp.close();
    status = () => `at 127.0.0.1:${port}, ${tcp.connections} connection(s)`;
    console.log(`${args.protocol} display simulator at 127.0.0.1:${port}`);
    console.log(`Point a room at it:  "display": { "protocol": "${args.protocol}", "host": "127.0.0.1", "port": ${port}, ${simulator.address} }`);
  }
  console.log(HELP);

  const faultNames = Object.keys(sim.faults) as (keyof DisplaySimulatorFaults)[];
  const showFaults = () => faultNames.filter((name) => sim.faults[name]).join(', ') || 'none';
  let stopping: Promise<void> | null = null;
  const commands: PromptCommands = {
    power: ([state]) => sim.setPowerByHand(state === 'standby' || state === 'off' ? 'standby' : 'on'),
    status: () => console.log(`power ${sim.power}; faults: ${showFaults()}; ${status()}`),
    faults: ([name, onOff]) => {
      if (name === 'off') for (const fault of faultNames) sim.faults[fault] = false;
      else if (name !== undefined && (faultNames as string[]).includes(name)) sim.faults[name as keyof DisplaySimulatorFaults] = onOff !== 'off';
      else if (name !== undefined) return console.log(`no fault "${name}": ${faultNames.join(', ')}`);
      console.log(`faults: ${showFaults()}`);
    },
    drop: () => dropNow(),
    help: () => console.log(HELP),
    // Typed, or stdin closing, or Ctrl-C: whichever comes first stops the simulator, once.
    quit: async () => {
      stopping ??= stop();
      await stopping;
      process.exit(0);
    },
  };

  runCommandPrompt(commands, HELP);
  return new Promise<never>(() => {});
}
