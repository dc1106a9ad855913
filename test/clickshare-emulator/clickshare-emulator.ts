import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { EmulatedUnit, RejectedChange, RESOURCES, type ResourceName } from './emulated-unit.ts';
import { fingerprintOf, unitCertificate, type KeyAndCertificate } from './emulator-certificates.ts';

export interface ClickShareEmulatorOptions {
  /** Sign the unit's certificate with this CA instead of self-signing it. */
  ca?: KeyAndCertificate;
  /** How often a subscription is kept alive with the resource: every 90 s (R5915531, 1.1). */
  keepAliveMs?: number;
  /** The port of 127.0.0.1 to listen on, as the simulator CLI asks (Barco's own is 4003); a random free one when not given. */
  port?: number;
}

/** Switches a test flips to make the unit misbehave. */
export interface ClickShareFaults {
  /** Answer every request with this status (a 5xx), after authentication. */
  status: number | null;
  /** Hold every answer this long. */
  delayMs: number;
  /** Paths answered 404, as by a unit whose firmware lacks them. */
  missing: string[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** The request carried the right Basic credentials. */
  authorized: boolean;
  body: unknown;
}

/**
 * The standby and wakeup operations, POST with no body. Barco's text for
 * them was not at hand (see STANDBY_PATH in the driver's clickshare-api.ts):
 * this follows the same integrations of R5915531/13 the driver does, so here
 * emulator and driver share a source rather than check one another.
 */
const OPERATIONS: Record<string, (unit: EmulatedUnit) => void> = {
  '/v2/operations/standby': (unit) => unit.setPower('Standby'),
  '/v2/operations/wakeup': (unit) => unit.setPower('On'),
};

/**
 * A ClickShare base unit's REST API on 127.0.0.1 (a random free port unless told one), as
 * Barco's "ClickShare REST API" (R5915531) describes it: HTTPS only, with
 * a self-signed certificate unless given a CA; Basic authentication (401
 * otherwise); the resources of emulated-unit.ts; and Server-Sent Events for
 * a request that accepts text/event-stream (1.1 "Subscribing to endpoints"):
 * the connection is kept open and `data: {Json data} \n\n` sent on every
 * change and every 90 s. Nothing is sent when a subscription opens: the
 * reference promises updates only.
 */
export class ClickShareEmulator {
  readonly unit: EmulatedUnit;
  readonly faults: ClickShareFaults = { status: null, delayMs: 0, missing: [] };
  readonly requests: LoggedRequest[] = [];
  readonly #options: ClickShareEmulatorOptions;
  readonly #sockets = new Set<Socket>();
  readonly #subscribers = new Map<ServerResponse, ResourceName>();
  #server: Server | null = null;
  #certificate: KeyAndCertificate | null = null;
  #keepAlive: NodeJS.Timeout | null = null;
  readonly username = 'admin';
  /** The API user's password; a test changes it as an admin would on the unit. */
  password = 'correct horse';

  constructor(options: ClickShareEmulatorOptions = {}) {
    this.#options = options;
    this.unit = new EmulatedUnit((resource) => this.#publish(resource));
  }

  get port(): number {
    return (this.#server!.address() as AddressInfo).port;
  }

  /** The SHA-256 fingerprint of the certificate the unit presents now. */
  get fingerprint(): string {
    return fingerprintOf(this.#certificate!.cert);
  }

  /** Open subscriptions, by resource. */
  subscriptions(resource: ResourceName): number {
    return [...this.#subscribers.values()].filter((name) => name === resource).length;
  }

  async start(): Promise<number> {
    this.#certificate ??= await unitCertificate(this.#options.ca);
    const server = createServer({ ...this.#certificate }, (request, response) => {
      // A request whose connection breaks while it is read is answered by nobody.
      this.#handle(request, response).catch(() => response.destroy());
    });
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    // A TLS handshake the client gives up on is no failure of the emulator.
    server.on('tlsClientError', () => {});
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(this.#options.port ?? 0, '127.0.0.1', resolve));
    this.#keepAlive = setInterval(() => {
      for (const [response, resource] of this.#subscribers) this.#send(response, resource);
    }, this.#options.keepAliveMs ?? 90_000);
    this.#keepAlive.unref();
    return this.port;
  }

  /** Every open connection breaks, as when the unit reboots or the network drops. */
  drop(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  /** The unit gets a new self-signed certificate (a factory reset, or someone in between): new connections see it. */
  async rotateCertificate(): Promise<void> {
    this.#certificate = await unitCertificate(this.#options.ca);
    this.#server!.setSecureContext({ ...this.#certificate });
    this.drop();
  }

  async close(): Promise<void> {
    if (this.#keepAlive) clearInterval(this.#keepAlive);
    this.#subscribers.clear();
    this.drop();
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const path = (request.url ?? '/').split('?')[0]!;
    const authorized = this.#authorized(request.headers.authorization);
    this.requests.push({ method: request.method ?? '', path, authorized, body });
    if (this.faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.faults.delayMs));
    if (response.destroyed) return;
    // R5915531 1.1 Authentication: every endpoint takes Basic authentication.
    if (!authorized) return answer(response, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Basic realm="ClickShare"' });
    if (this.faults.status !== null) return answer(response, this.faults.status, { message: 'Internal error' });
    if (this.faults.missing.includes(path)) return answer(response, 404, { message: 'Not found' });
    const operation = OPERATIONS[path];
    if (operation) return request.method === 'POST' ? (operation(this.unit), answer(response, 200)) : answer(response, 405);
    const resource = (Object.keys(RESOURCES) as ResourceName[]).find((name) => RESOURCES[name] === path);
    if (!resource) return answer(response, 404, { message: 'Not found' });
    if (request.method === 'GET') return this.#get(request, response, resource);
    if (request.method !== 'PATCH' || resource === 'status') return answer(response, 405);
    // Barco documents PATCH of power-management too (2.40); the driver never sends it, so it is not emulated.
    if (resource === 'powerManagement') return answer(response, 501, { message: 'Not emulated' });
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return answer(response, 400, { message: 'A JSON object is expected' });
    try {
      this.unit.patchPersonalization(body as Record<string, unknown>);
    } catch (error) {
      if (error instanceof RejectedChange) return answer(response, 400, { message: error.message });
      throw error;
    }
    answer(response, 200);
  }

  #get(request: IncomingMessage, response: ServerResponse, resource: ResourceName): void {
    if (!(request.headers.accept ?? '').includes('text/event-stream')) return answer(response, 200, this.unit.read(resource));
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.flushHeaders();
    this.#subscribers.set(response, resource);
    response.on('close', () => this.#subscribers.delete(response));
  }

  #publish(resource: ResourceName): void {
    for (const [response, name] of this.#subscribers) if (name === resource) this.#send(response, resource);
  }

  #send(response: ServerResponse, resource: ResourceName): void {
    // "Complete package: "data: {Json data} \n\n"" (R5915531, 1.1), space and all.
    response.write(`data: ${JSON.stringify(this.unit.read(resource))} \n\n`);
  }

  #authorized(header: string | undefined): boolean {
    const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    return header === expected;
  }
}

function answer(response: ServerResponse, status: number, json?: unknown, headers: Record<string, string> = {}): void {
  if (json === undefined) return void response.writeHead(status, headers).end();
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
