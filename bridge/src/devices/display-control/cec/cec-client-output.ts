import type { DisplayPower } from '../display-protocol.ts';

/*
 * What libcec's cec-client prints in single-command mode (`-s -d 1`), read
 * from its source, the documentation of its output (cited as "cec-client"):
 * https://github.com/Pulse-Eight/libcec/blob/master/src/cec-client/cec-client.cpp
 * and the power status words of libcec's ToString(cec_power_status) (cited as "CECTypeUtils"):
 * https://github.com/Pulse-Eight/libcec/blob/master/src/libcec/CECTypeUtils.h
 */

/** What `pow 0` said of the TV's power. */
export type PowerReading =
  /** The TV reported its power; `said` is cec-client's words. */
  | { kind: 'power'; power: DisplayPower; said: string }
  /** cec-client got no power report from the TV: libcec's "unknown". */
  | { kind: 'unknown' };

/** Why cec-client gave up before running the command, when its output says. */
export type StartFailure = 'no-adapter' | 'no-libcec';

/** cec-client, ProcessCommandPOW: `PrintToStdOut("power status: %s", parser->ToString(iPower))`. */
const POWER_STATUS = /^power status:\s*(.+?)\s*$/;

/**
 * CECTypeUtils, ToString(cec_power_status). The CEC power status operand has
 * two transitions; the bridge counts each as the state it is heading for, so
 * a TV still waking counts as on (no second ON is sent, a person's switch-on
 * is seen at once) and a TV on its way down counts as having obeyed standby.
 */
const POWER_WORDS: Record<string, DisplayPower | 'unknown'> = {
  on: 'on',
  standby: 'standby',
  'in transition from standby to on': 'on',
  'in transition from on to standby': 'standby',
  // CECTypeUtils: "unknown" is also the default for any value outside the four, e.g. CEC_POWER_STATUS_UNKNOWN (0x99).
  unknown: 'unknown',
};

/** cec-client, main: printed, then exit code 1, when `parser->Open(port)` fails. */
const NO_ADAPTER = 'unable to open the device on port';
/** cec-client, main: printed, then exit code 1, when libcec itself cannot be loaded. */
const NO_LIBCEC = /^Cannot load libcec/;
/** cec-client, CecLogMessage: a libcec log line at level ERROR, `"ERROR:   [%16lld]\t%s"`. */
const ERROR_LINE = /^ERROR:\s*\[\s*\d+\]\s*(.*)$/;

function lines(output: string): string[] {
  return output.split(/\r?\n/).map((line) => line.trim());
}

/** The power status in the output of `pow 0`; null when there is no power status line at all. */
export function readPowerStatus(output: string): PowerReading | null {
  for (const line of lines(output)) {
    const said = POWER_STATUS.exec(line)?.[1];
    if (said === undefined) continue;
    const power = Object.hasOwn(POWER_WORDS, said) ? POWER_WORDS[said] : undefined;
    // A word libcec does not print is no reading; the caller reports the whole output as garbage.
    if (power === undefined) return null;
    return power === 'unknown' ? { kind: 'unknown' } : { kind: 'power', power, said };
  }
  return null;
}

/** Why cec-client stopped before the command, from its output; null when it does not say. */
export function startFailure(output: string): StartFailure | null {
  for (const line of lines(output)) {
    if (line.startsWith(NO_ADAPTER)) return 'no-adapter';
    if (NO_LIBCEC.test(line)) return 'no-libcec';
  }
  return null;
}

/** The messages of libcec's ERROR log lines, which `-d 1` keeps, for people reading a fault. */
export function errorMessages(output: string): string[] {
  return lines(output).flatMap((line) => {
    const message = ERROR_LINE.exec(line)?.[1];
    return message ? [message] : [];
  });
}
