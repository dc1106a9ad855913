import { runCommandPrompt, type PromptCommands } from './command-prompt.ts';
import { parseArgs } from 'node:util';
import { runClickShareSimulator } from './clickshare-cli.ts';
import { runCecSimulator } from './display-control/cec-cli.ts';
import { runDisplaySimulator } from './display-control/display-cli.ts';
import { PtySimulator } from './pty-simulator.ts';

/**
 * `npm run simulator -- [--serial A1B2C3]`: a base unit on a pseudo-terminal,
 * driven by typed commands, for trying the bridge by hand.
 * `npm run simulator -- --protocol samsung-mdc [--tcp <port> | --pty]`: a
 * commercial display instead (display-control/display-cli.ts).
 * `npm run simulator -- --protocol clickshare [--tcp <port>]`: a Barco
 * ClickShare unit's REST API, the emulator of the contract tests
 * (clickshare-cli.ts).
 * `npm run simulator -- --protocol cec`: a TV on HDMI-CEC behind a stand-in
 * cec-client for the bridge's PATH (display-control/cec-cli.ts).
 */
const { values } = parseArgs({
  options: {
    serial: { type: 'string', default: 'SIM0001' },
    help: { type: 'boolean', default: false },
    protocol: { type: 'string' },
    tcp: { type: 'string' },
    pty: { type: 'boolean', default: false },
  },
});

if (values.protocol === 'clickshare') await runClickShareSimulator({ tcp: values.tcp, pty: values.pty, help: values.help });
if (values.protocol === 'cec') await runCecSimulator({ help: values.help });
if (values.protocol !== undefined) await runDisplaySimulator({ protocol: values.protocol, tcp: values.tcp, pty: values.pty, help: values.help });

const HELP = `Commands:
  share [clients]      someone starts sharing a screen     unshare            sharing stops
  people <n|unknown>   occupancy sensor reading            button wake|book   a button is pressed
  power on|standby     the monitor changed by the remote   fault <code> <text>  the unit reports a fault
  reboot               the unit restarts (! BOOT)          unplug / plug      cable out / back in (new device name)
  garbage              line noise                          long               an over-long line
  slow <ms>            replies take this long              silent on|off      stop / resume replying
  hold / release       hold replies, then send them reversed
  state                what the unit shows now             quit`;

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const pty = new PtySimulator(values.serial);
const path = await pty.plugIn();
console.log(`Base unit simulator ${pty.unit.model} serial ${pty.unit.serial} on ${path}`);
console.log(`Point the bridge at it:  LINTEL_SERIAL_PATH=${path} npm start`);
console.log(HELP);

const commands: PromptCommands = {
  share: ([clients]) => pty.unit.startSharing(Number(clients ?? 1)),
  unshare: () => pty.unit.stopSharing(),
  people: ([n]) => pty.unit.setPeople(n === 'unknown' || n === undefined ? null : Number(n)),
  button: ([name]) => pty.unit.pressButton(name?.toUpperCase() === 'BOOK' ? 'BOOK' : 'WAKE'),
  power: ([state]) => pty.unit.powerChangedLocally(state === 'standby' ? 'standby' : 'on'),
  fault: ([code, ...text]) => pty.unit.fault(Number(code ?? 500), text.join(' ') || 'internal'),
  reboot: () => pty.unit.reboot(),
  unplug: () => pty.unplug(),
  plug: async () => console.log(`plugged in again on ${await pty.plugIn()}`),
  garbage: () => pty.unit.garbage(new Uint8Array([0xff, 0x00, 0x1b, 0x41, 0x0d, 0x0a])),
  long: () => pty.unit.garbage(new TextEncoder().encode(`! ${'X'.repeat(300)}\r\n`)),
  slow: ([ms]) => void (pty.unit.faults.replyDelayMs = Number(ms ?? 0)),
  silent: ([on]) => void (pty.unit.faults.silent = on !== 'off'),
  hold: () => void (pty.unit.faults.holdReplies = true),
  release: () => {
    pty.unit.faults.holdReplies = false;
    pty.unit.releaseHeld();
  },
  state: () => console.log(pty.unit.state),
  quit: async () => {
    await pty.stop();
    process.exit(0);
  },
};

runCommandPrompt(commands, HELP);
