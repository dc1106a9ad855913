import type { Clock } from '../../../../shared/clock.ts';
import type { ByteTransport } from '../transport/byte-transport.ts';
import type { Logger } from '../../logger.ts';
import type { DisplayAnswer, DisplayProtocol } from './display-protocol.ts';

/** What went wrong, in a display's `status().lastFault.code`. */
export type DisplayFaultCode = 'unreachable' | 'no-answer' | 'refused' | 'garbage' | 'disconnected';

/** A command's answer (a busy display's too: the session decides when to ask again), or why there is none. */
export type CommandOutcome = { ok: true; answer: DisplayAnswer & { kind: 'power' | 'ack' | 'busy' } } | { ok: false; code: DisplayFaultCode; text: string };

export interface DisplayChannelOptions {
  protocol: DisplayProtocol;
  clock: Clock;
  logger: Logger;
  replyTimeoutMs: number;
  /** The display answered (not garbage): it is there. */
  onAnswer: () => void;
  /** The connection closed, from either end. */
  onClose: () => void;
}

interface Waiting {
  what: string;
  garbage: string | null;
  finish: (outcome: CommandOutcome) => void;
}

/**
 * One open byte stream to a display, one command at a time: a command is
 * answered (perhaps with "busy"), refused, or given up on after the reply
 * timeout. Bytes that
 * are no answer are skipped; a command that got only those fails as
 * garbage. Bytes that come when nothing was asked are no answer to the
 * next command. Nothing the display sends can throw out of here.
 */
export class DisplayChannel {
  readonly #transport: ByteTransport;
  readonly #options: DisplayChannelOptions;
  #received = new Uint8Array(0);
  #waiting: Waiting | null = null;
  #closed = false;

  constructor(transport: ByteTransport, options: DisplayChannelOptions) {
    this.#transport = transport;
    this.#options = options;
    transport.onData((chunk) => this.#receive(chunk));
    transport.onClose(() => {
      this.#closed = true;
      this.#waiting?.finish({ ok: false, code: 'disconnected', text: 'the connection closed' });
      options.onClose();
    });
  }

  /** Sends `bytes` (a command for people: `what`) and waits for the display's answer; never rejects. */
  request(bytes: Uint8Array, what: string): Promise<CommandOutcome> {
    if (this.#waiting) throw new Error('one command at a time');
    const { clock, replyTimeoutMs } = this.#options;
    return new Promise((resolve) => {
      if (this.#closed) return resolve({ ok: false, code: 'disconnected', text: 'the connection closed' });
      const waiting: Waiting = {
        what,
        garbage: null,
        finish: (outcome) => {
          if (this.#waiting !== waiting) return;
          this.#waiting = null;
          cancelTimeout();
          resolve(outcome);
        },
      };
      const cancelTimeout = clock.setTimer(
        () =>
          waiting.finish(
            waiting.garbage === null
              ? { ok: false, code: 'no-answer', text: `no answer to ${what} within ${replyTimeoutMs} ms` }
              : { ok: false, code: 'garbage', text: `only garbage in answer to ${what} (${waiting.garbage})` },
          ),
        replyTimeoutMs,
      );
      this.#received = new Uint8Array(0);
      this.#waiting = waiting;
      try {
        this.#transport.write(bytes);
      } catch (error) {
        waiting.finish({ ok: false, code: 'disconnected', text: `sending ${what} failed: ${errorText(error)}` });
      }
    });
  }

  /** Closes the stream; a command waiting fails as disconnected. */
  close(): void {
    this.#waiting?.finish({ ok: false, code: 'disconnected', text: 'closed' });
    this.#transport.close();
  }

  #receive(chunk: Uint8Array): void {
    if (!this.#waiting) return;
    const received = new Uint8Array(this.#received.length + chunk.length);
    received.set(this.#received);
    received.set(chunk, this.#received.length);
    this.#received = received;
    while (this.#waiting && this.#received.length > 0) {
      let read: ReturnType<DisplayProtocol['readAnswer']>;
      try {
        read = this.#options.protocol.readAnswer(this.#received);
      } catch (error) {
        // A codec that throws on some bytes must not take the session down: the bytes are garbage.
        read = { answer: { kind: 'garbage', reason: errorText(error) }, used: this.#received.length };
      }
      if (!read) return;
      this.#received = this.#received.subarray(Math.max(1, read.used));
      this.#take(this.#waiting, read.answer);
    }
  }

  #take(waiting: Waiting, answer: DisplayAnswer): void {
    if (answer.kind === 'garbage') {
      // Noise on the line is skipped; if nothing else comes, the timeout says it was all garbage.
      waiting.garbage = answer.reason;
      this.#options.logger.debug({ reason: answer.reason }, 'garbage from the display; skipped');
      return;
    }
    this.#options.onAnswer();
    if (answer.kind === 'refused') waiting.finish({ ok: false, code: 'refused', text: `${waiting.what} refused: ${answer.reason}` });
    else waiting.finish({ ok: true, answer });
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
