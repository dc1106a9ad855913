#!/usr/bin/env node
/*
 * A stand-in for libcec's cec-client in single-command mode, with a TV on
 * the HDMI bus, written from libcec's own documents, not from the bridge's
 * parser: the help text (https://github.com/Pulse-Eight/libcec/blob/master/debian/cec-client.1),
 * the program (https://github.com/Pulse-Eight/libcec/blob/master/src/cec-client/cec-client.cpp,
 * cited as "cec-client") and its power status words
 * (https://github.com/Pulse-Eight/libcec/blob/master/src/libcec/CECTypeUtils.h, cited as "CECTypeUtils").
 *
 * Usage as cec-client's: fake-cec-client.mjs -s [-d level] <port>, one command on standard input.
 * The TV and the test's switches live in the JSON file named by FAKE_CEC_CLIENT_STATE:
 *   adapter          the port an adapter is plugged into (another port cannot be opened)
 *   power            the TV: "on", "standby", or on its way ("to-on", "to-standby", reported once, then done)
 *   ignoresStandby   the TV takes <Standby> and stays on, as many do
 *   silent           the TV gives no power report ("power status: unknown")
 *   noAdapter        no adapter can be opened at all
 *   hangs            the program stops after opening the adapter and never exits
 *   received         every command line read, appended by each run; pids: every run's process id
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const statePath = process.env.FAKE_CEC_CLIENT_STATE;
if (!statePath) {
  console.error('fake-cec-client: FAKE_CEC_CLIENT_STATE names no state file');
  process.exit(2);
}

const readState = () => JSON.parse(readFileSync(statePath, 'utf8'));
// Written aside and renamed into place, so that the test never reads half a file.
const save = (change) => {
  writeFileSync(`${statePath}.${process.pid}`, JSON.stringify({ ...readState(), ...change }, null, 2));
  renameSync(`${statePath}.${process.pid}`, statePath);
};
// cec-client, PrintToStdOut: each message is a line on standard output.
const say = (line) => process.stdout.write(`${line}\n`);

// cec-client, ProcessCommandLineArguments: "-s"/"--single-command", "-d"/"--log-level" {level}; any other word is the port.
let single = false;
let port = '';
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-s' || args[i] === '--single-command') single = true;
  else if (args[i] === '-d' || args[i] === '--log-level') i++;
  else port = args[i];
}
if (!single) {
  // The interactive client powers devices on at start and off at exit: the bridge must never run it.
  console.error('fake-cec-client: only single-command mode (-s) is simulated');
  process.exit(2);
}

save({ pids: [...(readState().pids ?? []), process.pid] });
say('opening a connection to the CEC adapter...');
const state = readState();
if (state.noAdapter || port !== state.adapter) {
  // cec-client, main: when Open fails, "unable to open the device on port %s", and return 1.
  say(`unable to open the device on port ${port}`);
  process.exitCode = 1;
} else if (state.hangs) {
  setInterval(() => {}, 60_000);
} else {
  runOneCommand();
}

function runOneCommand() {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (input += chunk));
  process.stdin.on('end', () => {
    // cec-client, main: in single-command mode, one getline, one command, then exit 0.
    const line = input.split('\n')[0].trim();
    save({ received: [...(readState().received ?? []), line] });
    execute(line);
  });
}

function execute(line) {
  const [command, address] = line.split(/\s+/);
  const now = readState();
  switch (command) {
    case 'on': {
      // cec-client, ProcessCommandON: a hex address up to F, else "invalid destination".
      const to = parseInt(address, 16);
      if (!(to >= 0 && to <= 0xf)) return say('invalid destination');
      if (to === 0 && (now.power === 'standby' || now.power === 'to-standby')) save({ power: 'to-on' });
      return;
    }
    case 'standby': {
      const to = parseInt(address, 16);
      if (!(to >= 0 && to <= 0xf)) return say('invalid destination');
      // 0 is the TV; F is broadcast, which every device takes.
      if ((to === 0 || to === 0xf) && !now.ignoresStandby && (now.power === 'on' || now.power === 'to-on')) save({ power: 'to-standby' });
      return;
    }
    case 'pow': {
      // cec-client, ProcessCommandPOW: a decimal address 0 to 14, "power status: %s".
      const of = parseInt(address, 10);
      if (!(of >= 0 && of < 15)) return;
      if (of !== 0 || now.silent) return say('power status: unknown');
      // CECTypeUtils, ToString(cec_power_status).
      const words = { on: 'on', standby: 'standby', 'to-on': 'in transition from standby to on', 'to-standby': 'in transition from on to standby' };
      say(`power status: ${words[now.power]}`);
      if (now.power === 'to-on') save({ power: 'on' });
      if (now.power === 'to-standby') save({ power: 'standby' });
      return;
    }
    default:
      // cec-client, ProcessConsoleCommand: a command it does not know does nothing.
      return;
  }
}
