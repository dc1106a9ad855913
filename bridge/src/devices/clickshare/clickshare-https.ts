import type { IncomingMessage } from 'node:http';
import { Agent, request, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect, type TLSSocket } from 'node:tls';
import type { z } from 'zod';
import type { Clock } from '../../../../shared/clock.ts';
import type { CertificatePin } from './certificate-pin.ts';
import { readAnswer } from './clickshare-api.ts';
import { asFault, ClickShareFault, faultForStatus } from './clickshare-fault.ts';
import { EventStreamParser } from './event-stream-parser.ts';

/** How the unit's certificate is trusted: signed by the configured CA, or the one pinned on first contact. */
export type UnitTrust = { kind: 'ca'; caPem: string } | { kind: 'pin'; pin: CertificatePin; onPinned: (fingerprint: string) => void };

export interface ClickShareHttpsOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  trust: UnitTrust;
  clock: Clock;
  /** How long the unit may take to answer (or to open a subscription). */
  requestTimeoutMs: number;
  /** A subscription silent this long is dead. */
  silenceMs: number;
  /** Any answer from the unit, a keep-alive included. */
  onContact: () => void;
}

export interface Subscription {
  opened: Promise<void>;
  stop: () => void;
}

export interface Answer {
  status: number;
  body: string;
}

/** The reference's answers are a few hundred bytes: a far larger one is none of them, and is not kept in memory. */
const MAX_ANSWER_BYTES = 256 * 1024;

/**
 * Opens the TLS connection itself and hands it to HTTP only once the unit's
 * certificate is trusted, so no request (and no password) is written to a
 * unit that has not proven itself. A pinned certificate is checked here, not
 * by OpenSSL's chain rules: a unit's self-signed certificate need not be fit
 * to act as its own CA.
 */
class TrustingAgent extends Agent {
  readonly #trust: UnitTrust;
  readonly #opening = new Set<TLSSocket>();

  constructor(trust: UnitTrust) {
    super({ keepAlive: true, maxSockets: 4 });
    this.#trust = trust;
  }

  override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    const trust = this.#trust;
    const socket = connect({
      host: options.host ?? undefined,
      port: Number(options.port),
      servername: options.servername,
      ...(trust.kind === 'ca' ? { ca: trust.caPem, rejectUnauthorized: true } : { rejectUnauthorized: false }),
    });
    this.#opening.add(socket);
    let settled = false;
    const settle = (error: ClickShareFault | null) => {
      if (settled) return;
      settled = true;
      this.#opening.delete(socket);
      if (error) socket.destroy();
      callback?.(error, socket);
    };
    socket.once('error', (error) => settle(asFault(error)));
    socket.once('close', () => settle(new ClickShareFault('unreachable', 'the unit closed the connection before TLS was set up')));
    socket.once('secureConnect', () => {
      if (trust.kind === 'ca') return settle(null);
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      trust.pin.check(fingerprint).then(
        (outcome) => {
          if (outcome === 'pinned') trust.onPinned(fingerprint);
          settle(null);
        },
        (error: unknown) => settle(asFault(error)),
      );
    });
    return undefined;
  }

  override destroy(): void {
    for (const socket of this.#opening) socket.destroy();
    this.#opening.clear();
    super.destroy();
  }
}

/** The unit's REST API over HTTPS with Basic authentication (R5915531, 1.1 Authentication), one per connection of the driver. */
export class ClickShareHttps {
  readonly #options: ClickShareHttpsOptions;
  readonly #agent: TrustingAgent;
  readonly #authorization: string;

  constructor(options: ClickShareHttpsOptions) {
    this.#options = options;
    this.#agent = new TrustingAgent(options.trust);
    // RFC 7617, section 2: "Basic " and base64 of user-id ":" password, in UTF-8.
    this.#authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64')}`;
  }

  /** One request; resolves with any answer the unit gives (the caller judges its status), rejects with a fault when there is none. */
  request(method: 'GET' | 'PATCH' | 'POST', path: string, body?: unknown): Promise<Answer> {
    const what = `${method} ${path}`;
    return new Promise<Answer>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = { authorization: this.#authorization, accept: 'application/json' };
      if (payload !== undefined) headers['content-type'] = 'application/json';
      // A length, even 0, rather than chunked encoding: the plainest request a unit's web server can take.
      if (method !== 'GET') headers['content-length'] = String(Buffer.byteLength(payload ?? ''));
      const outgoing = request({ host: this.#options.host, port: this.#options.port, path, method, headers, agent: this.#agent });
      const cancelTimeout = this.#options.clock.setTimer(
        () => outgoing.destroy(new ClickShareFault('no-answer', `no answer to ${what} within ${this.#options.requestTimeoutMs / 1000} s`)),
        this.#options.requestTimeoutMs,
      );
      const fail = (error: unknown) => {
        cancelTimeout();
        reject(asFault(error));
      };
      outgoing.on('error', fail);
      outgoing.on('response', (incoming) => {
        this.#options.onContact();
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) incoming.destroy(new ClickShareFault('unexpected-payload', `${what} answered with more than ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        incoming.on('error', fail);
        incoming.on('end', () => {
          cancelTimeout();
          resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      outgoing.end(payload);
    });
  }

  /** A resource read by its schema (clickshare-api.ts); a refusal, or an answer unlike the reference, throws. */
  async read<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const answer = await this.request('GET', path);
    const fault = faultForStatus(answer.status, `GET ${path}`);
    if (fault) throw fault;
    return readAnswer(answer.body, schema, `GET ${path}`);
  }

  /** A change to the unit: resolves null when taken, or the refusal (a 4xx but 401); no answer, 401 or 5xx throw. */
  async change(method: 'PATCH' | 'POST', path: string, body?: unknown): Promise<ClickShareFault | null> {
    const answer = await this.request(method, path, body);
    const fault = faultForStatus(answer.status, `${method} ${path}`);
    if (fault && fault.code !== 'refused') throw fault;
    return fault;
  }

  /**
   * A Server-Sent Events subscription to a resource (R5915531, 1.1
   * "Subscribing to endpoints"): each update's JSON text goes to `onData`.
   * The unit sends the resource on every change and at least every 90 s;
   * a subscription that refuses, ends or stays silent for `silenceMs` calls
   * `onEnd` once. `opened` resolves once the unit has accepted it, so a read
   * made after that misses no update; `stop` ends it without `onEnd`.
   */
  subscribe(path: string, onData: (json: string) => void, onEnd: (fault: ClickShareFault) => void): Subscription {
    const what = `the subscription to ${path}`;
    const { clock, requestTimeoutMs, silenceMs } = this.#options;
    let ended = false;
    let cancelTimer = () => {};
    let markOpened = () => {};
    let failOpening: (fault: ClickShareFault) => void = () => {};
    const opened = new Promise<void>((resolve, reject) => {
      markOpened = resolve;
      failOpening = reject;
    });
    // Whoever awaits `opened` gets the fault; nobody awaiting it is no unhandled rejection.
    opened.catch(() => {});
    const end = (fault: ClickShareFault) => {
      if (ended) return;
      ended = true;
      cancelTimer();
      outgoing.destroy();
      failOpening(fault);
      onEnd(fault);
    };
    const arm = (ms: number, fault: () => ClickShareFault) => {
      cancelTimer();
      cancelTimer = clock.setTimer(() => end(fault()), ms);
    };
    const outgoing = request({
      host: this.#options.host,
      port: this.#options.port,
      path,
      method: 'GET',
      headers: { authorization: this.#authorization, accept: 'text/event-stream' },
      agent: this.#agent,
    });
    arm(requestTimeoutMs, () => new ClickShareFault('no-answer', `no answer to ${what} within ${requestTimeoutMs / 1000} s`));
    outgoing.on('error', (error) => end(asFault(error)));
    outgoing.on('response', (incoming: IncomingMessage) => {
      this.#options.onContact();
      const refusal = faultForStatus(incoming.statusCode ?? 0, what);
      if (refusal) return end(refusal);
      markOpened();
      const silence = () => new ClickShareFault('disconnected', `${what} fell silent: nothing for ${silenceMs / 1000} s, though the unit keeps it alive every 90 s`);
      arm(silenceMs, silence);
      const parser = new EventStreamParser();
      incoming.setEncoding('utf8');
      incoming.on('data', (text: string) => {
        if (ended) return;
        this.#options.onContact();
        arm(silenceMs, silence);
        let events: string[];
        try {
          events = parser.push(text);
        } catch (error) {
          return end(new ClickShareFault('unexpected-payload', `${what} sent ${(error as Error).message}`));
        }
        for (const json of events) if (!ended) onData(json);
      });
      incoming.on('error', (error) => end(new ClickShareFault('disconnected', `${what} broke off: ${error.message}`)));
      incoming.on('close', () => end(new ClickShareFault('disconnected', `the unit ended ${what}`)));
    });
    outgoing.end();
    const stop = () => {
      if (ended) return;
      ended = true;
      cancelTimer();
      outgoing.destroy();
      failOpening(new ClickShareFault('disconnected', `${what} was closed`));
    };
    return { opened, stop };
  }

  /** Closes every connection, those still opening included; what is under way fails. */
  close(): void {
    this.#agent.destroy();
  }
}
