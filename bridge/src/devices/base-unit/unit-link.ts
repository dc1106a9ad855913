import type { Clock } from '../../../../shared/clock.ts';
import type { Logger } from '../../logger.ts';
import type { ByteTransport } from '../transport/byte-transport.ts';
import { LineFramer } from './line-framer.ts';
import { formatRequest, parseUnitLine, type Command } from './messages.ts';


export type UnitReply = { ok: true; fields: Record<string, string> } | { ok: false; code: number; text: string } | { ok: false; code: 'timeout'; text: string };

export interface UnitEvent {
  name: string;
  fields: Record<string, string>;
}

export interface UnitLinkOptions {
  transport: ByteTransport;
  clock: Clock;
  logger: Logger;
  onEvent: (event: UnitEvent) => void;
  /** Three requests in a row went unanswered: the unit is gone; close and look for it again. */
  onLost: () => void;
}

/** BUCP/1 timing, from the protocol's Timing section. */
const REPLY_TIMEOUT_MS = 1000;
const RETRIES = 2;
const PING_IDLE_MS = 5000;
const FAILURES_UNTIL_LOST = 3;

interface Waiting {
  resolve: (reply: UnitReply) => void;
  cancelTimeout: () => void;
}

/**
 * The host side of one open connection to a unit. Tags are unique among
 * requests awaiting a reply; replies are matched by tag in whatever order
 * they come, events are passed on as they come. A request unanswered after
 * 1000 ms is sent again under a new tag (every command is idempotent), at
 * most twice; a late reply to a tag given up on is ignored. After 5 s with
 * nothing sent or answered, the link PINGs. Nothing the unit sends can
 * throw out of here.
 */
export class UnitLink {
  readonly #options: UnitLinkOptions;
  readonly #framer = new LineFramer();
  readonly #waiting = new Map<string, Waiting>();
  #nextTag = 1;
  #failuresInARow = 0;
  #cancelPing: () => void = () => {};
  #closed = false;

  constructor(options: UnitLinkOptions) {
    this.#options = options;
    options.transport.onData((chunk) => this.#receive(chunk));
    options.transport.onClose(() => this.#shutDown());
    this.#schedulePing();
  }

  /** Sends `command` and waits for the unit's answer, retrying as the protocol allows. */
  async request(command: Command): Promise<UnitReply> {
    let reply: UnitReply = { ok: false, code: 'timeout', text: 'not sent' };
    for (let attempt = 0; attempt <= RETRIES && !this.#closed; attempt++) {
      reply = await this.#attempt(command);
      if (reply.ok || reply.code !== 'timeout') return reply;
    }
    return reply;
  }

  close(): void {
    this.#options.transport.close();
    this.#shutDown();
  }

  #attempt(command: Command): Promise<UnitReply> {
    const tag = this.#freeTag();
    this.#schedulePing();
    return new Promise((resolve) => {
      const cancelTimeout = this.#options.clock.setTimer(() => {
        this.#waiting.delete(tag);
        this.#failuresInARow++;
        resolve({ ok: false, code: 'timeout', text: `no reply to ${command.name} within ${REPLY_TIMEOUT_MS} ms` });
        if (this.#failuresInARow >= FAILURES_UNTIL_LOST && !this.#closed) {
          this.#options.logger.warn({ failures: this.#failuresInARow }, 'base unit lost: no replies');
          this.#options.onLost();
        }
      }, REPLY_TIMEOUT_MS);
      this.#waiting.set(tag, { resolve, cancelTimeout });
      try {
        this.#options.transport.write(new TextEncoder().encode(`${formatRequest(tag, command)}\r\n`));
      } catch (error) {
        this.#options.logger.warn({ err: error }, 'writing to the base unit failed');
      }
    });
  }

  #freeTag(): string {
    for (;;) {
      const tag = this.#nextTag.toString(16).toUpperCase();
      this.#nextTag = this.#nextTag >= 0xffff ? 1 : this.#nextTag + 1;
      if (!this.#waiting.has(tag)) return tag;
    }
  }

  #receive(chunk: Uint8Array): void {
    for (const framed of this.#framer.push(chunk)) {
      if (framed.kind === 'too-long') {
        this.#options.logger.warn({ head: framed.head }, 'base unit sent an over-long line; ignored');
        continue;
      }
      const message = parseUnitLine(framed.text);
      switch (message.kind) {
        case 'noise':
          this.#options.logger.warn({ line: message.line.slice(0, 80), reason: message.reason }, 'noise from the base unit; ignored');
          break;
        case 'event':
          this.#safely(() => this.#options.onEvent({ name: message.name, fields: message.fields }));
          break;
        case 'ok':
        case 'error': {
          const waiting = this.#waiting.get(message.tag.toUpperCase());
          if (!waiting) {
            this.#options.logger.debug({ tag: message.tag }, 'reply to a request no longer awaited; ignored');
            break;
          }
          this.#waiting.delete(message.tag.toUpperCase());
          waiting.cancelTimeout();
          this.#failuresInARow = 0;
          this.#schedulePing();
          waiting.resolve(message.kind === 'ok' ? { ok: true, fields: message.fields } : { ok: false, code: message.code, text: message.text });
          break;
        }
      }
    }
  }

  #schedulePing(): void {
    this.#cancelPing();
    if (this.#closed) return;
    this.#cancelPing = this.#options.clock.setTimer(() => {
      if (this.#waiting.size === 0) void this.request({ name: 'PING' });
      else this.#schedulePing();
    }, PING_IDLE_MS);
  }

  #shutDown(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelPing();
    for (const waiting of this.#waiting.values()) {
      waiting.cancelTimeout();
      waiting.resolve({ ok: false, code: 'timeout', text: 'connection closed' });
    }
    this.#waiting.clear();
  }

  #safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.#options.logger.error({ err: error }, 'base unit event handler failed');
    }
  }
}
