import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HttpGate {
  /** http://127.0.0.1:PORT: give this to the bridge instead of the server's own address. */
  url: string;
  /** Every request the bridge sent through the gate: method and path. */
  readonly sent: { method: string; path: string }[];
  /** `down`: connections are reset, as a server that is off or unplugged. */
  setDown(down: boolean): void;
  /** Writes (PUT, DELETE) reach the server, but their answers wait until `release`: a kill lands while a write is on its way. */
  holdWriteAnswers(hold: boolean): void;
  /** Resolves once `count` writes reached the server while their answers are held. */
  writesHeld(count: number): Promise<void>;
  release(): void;
  close(): Promise<void>;
}

/**
 * A reverse proxy in front of a real server (Radicale, a feed), so a test
 * can take the server away from the bridge without touching the server: the
 * test itself still reaches the server directly, as another calendar app would.
 */
export async function startHttpGate(upstream: string): Promise<HttpGate> {
  const target = new URL(upstream);
  const sent: { method: string; path: string }[] = [];
  const sockets = new Set<Socket>();
  let down = false;
  let hold = false;
  let held: (() => void)[] = [];
  const heldWaiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((incoming: IncomingMessage, answer: ServerResponse) => {
    sent.push({ method: incoming.method ?? 'GET', path: incoming.url ?? '/' });
    if (down) {
      incoming.socket.destroy();
      return;
    }
    const write = incoming.method === 'PUT' || incoming.method === 'DELETE';
    const forwarded = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
      (response) => {
        const pass = () => {
          answer.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(answer);
        };
        if (write && hold) {
          held.push(pass);
          for (const waiter of heldWaiters.filter((each) => held.length >= each.count)) waiter.resolve();
        } else pass();
      },
    );
    forwarded.on('error', () => answer.destroy());
    incoming.pipe(forwarded);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    setDown(value) {
      down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    holdWriteAnswers(value) {
      hold = value;
    },
    writesHeld: (count) => (held.length >= count ? Promise.resolve() : new Promise((resolve) => heldWaiters.push({ count, resolve }))),
    release() {
      const waiting = held;
      held = [];
      for (const pass of waiting) pass();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
