import { createServer, type Server, type Socket } from 'node:net';
import type { DisplaySimulator, DisplaySimulatorOptions } from './display-simulator.ts';

/**
 * A simulated display on a TCP port, as a display's LAN control listens: every
 * connection feeds the one display, answers go to every open connection, and
 * a `drop` fault closes them all while the port keeps listening.
 */
export class DisplayTcp<S extends DisplaySimulator> {
  readonly sim: S;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  constructor(make: (options: DisplaySimulatorOptions) => S) {
    this.sim = make({
      send: (bytes) => {
        for (const socket of this.#sockets) socket.write(bytes);
      },
      drop: () => this.dropConnections(),
    });
    this.#server = createServer((socket) => {
      this.#sockets.add(socket);
      socket.on('data', (chunk) => this.sim.receive(new Uint8Array(chunk)));
      socket.on('error', () => {});
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** Listens on `port` (default: a free one) of the loopback address; resolves with the port. */
  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => resolve());
    });
    return this.port;
  }

  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('the display simulator is not listening');
    return address.port;
  }

  /** How many controllers are connected now. */
  get connections(): number {
    return this.#sockets.size;
  }

  dropConnections(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    if (this.#server.listening) await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
