import { spawn } from 'node:child_process';
import type { Clock } from '../../../../../shared/clock.ts';
import { errorText } from '../display-channel.ts';
import { errorMessages, startFailure } from './cec-client-output.ts';

/*
 * One cec-client command, in the single-command mode of libcec's cec-client
 * (its help text, cited as "cec-client --help":
 * https://github.com/Pulse-Eight/libcec/blob/master/debian/cec-client.1
 * and its source, cited as "cec-client":
 * https://github.com/Pulse-Eight/libcec/blob/master/src/cec-client/cec-client.cpp).
 */

/** What went wrong running cec-client, in a CEC display's `status().lastFault.code`. */
export type CecRunFaultCode = 'not-installed' | 'unreachable' | 'no-answer' | 'failed';

export type CecRunOutcome = { ok: true; output: string } | { ok: false; code: CecRunFaultCode; text: string };

export interface CecClientOptions {
  /** The cec-client program: a path, or a name looked up on PATH. */
  program: string;
  /** The USB-CEC adapter's serial device, e.g. /dev/ttyACM0. */
  device: string;
  clock: Clock;
  /** How long one command may take, opening the adapter included. */
  timeoutMs: number;
}

/** More output than this is not kept: single commands print a few lines; a runaway program must not fill memory. */
const MAX_OUTPUT_CHARS = 64 * 1024;

/** The fault text for a missing cec-client, with the way to install it. */
export function notInstalledText(program: string): string {
  const installed = 'cec-client is not installed: apt-get install cec-utils';
  return program === 'cec-client' ? installed : `${installed} (nothing to run at ${program})`;
}

/**
 * Runs `cec-client -s -d 1 <device>` with `command` as its one line of input
 * and resolves with its output or a fault; never rejects. A run that takes
 * longer than the timeout, or that `signal` aborts, is killed.
 */
export function runCecClient(options: CecClientOptions, command: string, signal: AbortSignal): Promise<CecRunOutcome> {
  const { program, device, clock, timeoutMs } = options;
  return new Promise((resolve) => {
    if (signal.aborted) return resolve({ ok: false, code: 'failed', text: 'stopped' });
    // cec-client --help: "-s --single-command  Execute a single command and exit. Does not power on devices on startup
    // and power them off on exit."; "-d --log-level {level}" with CEC_LOG_ERROR = 1 (cectypes.h): only errors besides
    // the command's own output; "[COM PORT]  The com port to connect to", else the first adapter found.
    const child = spawn(program, ['-s', '-d', '1', device], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let settled = false;
    const settle = (outcome: CecRunOutcome) => {
      if (settled) return;
      settled = true;
      cancelTimeout();
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const kill = () => {
      // SIGKILL: cec-client only handles SIGINT, and one that hangs is not waited for.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const onAbort = () => {
      kill();
      settle({ ok: false, code: 'failed', text: 'stopped' });
    };
    const cancelTimeout = clock.setTimer(() => {
      kill();
      settle({ ok: false, code: 'no-answer', text: `cec-client did not finish "${command}" within ${timeoutMs / 1000} s and was stopped` });
    }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });

    const keep = (chunk: Buffer) => {
      if (output.length < MAX_OUTPUT_CHARS) output += chunk.toString('utf8').slice(0, MAX_OUTPUT_CHARS - output.length);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // A program that exits before reading its input makes the write fail: its exit says why.
    child.stdin.on('error', () => {});
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') settle({ ok: false, code: 'not-installed', text: notInstalledText(program) });
      else settle({ ok: false, code: 'failed', text: `cannot run ${program}: ${errorText(error)}` });
    });
    child.on('close', (exitCode, exitSignal) => {
      if (exitCode === 0) return settle({ ok: true, output });
      settle(failure(options, command, output, exitCode, exitSignal));
    });
    // cec-client, main: in single-command mode it reads one line from standard input, runs it and exits.
    child.stdin.end(`${command}\n`);
  });
}

function failure(options: CecClientOptions, command: string, output: string, exitCode: number | null, exitSignal: NodeJS.Signals | null): CecRunOutcome {
  const errors = errorMessages(output);
  const detail = errors.length > 0 ? `: ${errors.slice(-3).join('; ')}` : '';
  switch (startFailure(output)) {
    case 'no-adapter':
      return {
        ok: false,
        code: 'unreachable',
        text: `cec-client could not open the USB-CEC adapter on ${options.device} (is it plugged in, and may the bridge's user open it, e.g. as a member of the dialout group?)${detail}`,
      };
    case 'no-libcec':
      return { ok: false, code: 'failed', text: `cec-client cannot load libcec: reinstall cec-utils${detail}` };
    case null: {
      const how = exitSignal ? `was ended by ${exitSignal}` : `exited with code ${exitCode}`;
      const lastLine = output.trim().split(/\r?\n/).at(-1)?.trim();
      return { ok: false, code: 'failed', text: `cec-client ${how} on "${command}"${detail || (lastLine ? `: ${lastLine}` : '')}` };
    }
  }
}
