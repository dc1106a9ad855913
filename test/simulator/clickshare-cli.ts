import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLICKSHARE_TIMING } from '../../bridge/src/devices/clickshare/clickshare-timing.ts';
import { ClickShareEmulator } from '../clickshare-emulator/clickshare-emulator.ts';
import { RESOURCES, type ResourceName } from '../clickshare-emulator/emulated-unit.ts';
import { runCommandPrompt, type PromptCommands } from './command-prompt.ts';

// Barco's REST API listens on 4003 (R5915531, 1.1), the port a room's "clickshare" assumes when given none.
const CLICKSHARE_API_PORT = 4003;
// Longer than the bridge waits for an answer, so "slow" shows what the bridge does with a unit that stops answering in time.
const SLOW_MS = CLICKSHARE_TIMING.requestTimeoutMs + 1000;

const HELP = `Commands:
  share                a source connects and shares (the unit wakes)     unshare        sharing stops, the source leaves
  button in|out        a Button plugged in without sharing, or out        standby / wake someone, or the unit's own timer
  name                 the meeting-room name the bridge set               status         power, sources, name, faults, subscriptions
  faults               the faults shown now                               faults off     every fault cleared
  faults 5xx on|off    every request answered 500
  faults slow on|off   answers take ${SLOW_MS / 1000} s, past the bridge's ${CLICKSHARE_TIMING.requestTimeoutMs / 1000} s wait
  drop                 every connection closes (a reboot, a network drop)
  certificate          a new self-signed certificate, as after replacing the unit
  quit`;

export interface ClickShareSimulatorArgs {
  /** The port to listen on ("0": any free one); 4003 when not given. */
  tcp: string | undefined;
  pty: boolean;
  help: boolean;
}

/**
 * `npm run simulator -- --protocol clickshare [--tcp <port>]`: the ClickShare
 * emulator of the contract tests on a port of 127.0.0.1, driven by typed
 * commands, for trying the bridge by hand. Resolves never: it runs until
 * `quit` ends the process.
 */
export async function runClickShareSimulator(args: ClickShareSimulatorArgs): Promise<never> {
  if (args.help) {
    console.log(HELP);
    process.exit(0);
  }
  if (args.pty) throw new Error('a ClickShare unit has no serial control: give --tcp <port> or nothing');
  const asked = args.tcp === undefined ? CLICKSHARE_API_PORT : Number(args.tcp);
  if (!Number.isInteger(asked) || asked < 0 || asked > 65_535) throw new Error(`--tcp ${args.tcp}: a port from 0 to 65535 is expected`);

  const emulator = new ClickShareEmulator({ port: (await canListen(asked)) ? asked : 0 });
  const port = await emulator.start();
  const dir = await mkdtemp(join(tmpdir(), 'lintel-clickshare-'));
  const passwordFile = join(dir, 'clickshare.password');
  await writeFile(passwordFile, `${emulator.password}\n`, { mode: 0o600 });

  if (asked !== 0 && port !== asked) console.log(`Port ${asked} is taken: listening on ${port} instead.`);
  console.log(`ClickShare emulator at https://127.0.0.1:${port}, certificate SHA-256 ${emulator.fingerprint}`);
  console.log(
    `Point a room at it:  "clickshare": { "host": "127.0.0.1", "port": ${port}, "username": "${emulator.username}", "passwordFile": "${passwordFile}" }`,
  );
  console.log(`The bridge pins this self-signed certificate on first contact (<data dir>/clickshare/<room>.pin); after "certificate", delete that file to trust the new one.`);
  console.log(HELP);

  const showFaults = () =>
    [emulator.faults.status !== null ? `5xx (${emulator.faults.status})` : '', emulator.faults.delayMs > 0 ? `slow (${emulator.faults.delayMs / 1000} s)` : '']
      .filter(Boolean)
      .join(', ') || 'none';
  const showSubscriptions = () => (Object.keys(RESOURCES) as ResourceName[]).map((resource) => `${resource} ${emulator.subscriptions(resource)}`).join(', ');
  const showLastRequest = () => {
    const last = emulator.requests.at(-1);
    return last ? `, last ${last.method} ${last.path}${last.authorized ? '' : ' (refused: wrong user or password)'}` : '';
  };
  const { unit } = emulator;
  let stopping: Promise<void> | null = null;
  const commands: PromptCommands = {
    share: () => unit.share(true),
    unshare: () => unit.share(false),
    button: ([where]) => unit.connectSource(where !== 'out'),
    standby: () => unit.setPower('Standby'),
    wake: () => unit.setPower('On'),
    name: () => console.log(`meeting-room name "${unit.meetingRoomName}"`),
    status: () =>
      console.log(
        `power ${unit.power}; source connected ${unit.inUse ? 'yes' : 'no'}, sharing ${unit.sharing ? 'yes' : 'no'}; meeting-room name "${unit.meetingRoomName}"; ` +
          `faults: ${showFaults()}; subscriptions: ${showSubscriptions()}; ${emulator.requests.length} request(s)${showLastRequest()}`,
      ),
    faults: ([name, onOff]) => {
      const on = onOff !== 'off';
      if (name === 'off') Object.assign(emulator.faults, { status: null, delayMs: 0 });
      else if (name === '5xx') emulator.faults.status = on ? 500 : null;
      else if (name === 'slow') emulator.faults.delayMs = on ? SLOW_MS : 0;
      else if (name !== undefined) return console.log(`no fault "${name}": 5xx, slow`);
      console.log(`faults: ${showFaults()}`);
    },
    drop: () => emulator.drop(),
    certificate: async () => {
      await emulator.rotateCertificate();
      console.log(`new certificate, SHA-256 ${emulator.fingerprint}: the bridge refuses it until the room's pin file is deleted`);
    },
    help: () => console.log(HELP),
    // Typed, or stdin closing, or Ctrl-C: whichever comes first stops the emulator, once; the password file goes with it.
    quit: async () => {
      stopping ??= emulator.close().then(() => rm(dir, { recursive: true, force: true }));
      await stopping;
      process.exit(0);
    },
  };

  runCommandPrompt(commands, HELP);
  return new Promise<never>(() => {});
}

/** Whether `port` of 127.0.0.1 is free now: the emulator's own listen has no error to fall back on. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
