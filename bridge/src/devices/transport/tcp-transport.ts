import { connect, type Socket } from 'node:net';
import type { ByteTransport } from './byte-transport.ts';

export interface TcpAddress {
  host: string;
  port: number;
}

/**
 * A display's control port on the LAN, as a byte stream. Keep-alive probes
 * find a display that vanished without closing (its power cut) even between
 * commands; Nagle is off so a short command leaves at once. Aborting
 * `signal` gives the attempt up and leaves no socket behind.
 */
export function openTcpTransport(address: TcpAddress, signal?: AbortSignal): Promise<ByteTransport> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('connection attempt given up'));
    const socket = connect({ host: address.host, port: address.port, noDelay: true, keepAlive: true, keepAliveInitialDelay: 10_000 });
    const giveUp = () => {
      socket.destroy();
      reject(new Error(`no connection to ${address.host}:${address.port} in time`));
    };
    signal?.addEventListener('abort', giveUp, { once: true });
    socket.once('error', (error) => {
      signal?.removeEventListener('abort', giveUp);
      reject(error);
    });
    socket.once('connect', () => {
      signal?.removeEventListener('abort', giveUp);
      socket.removeAllListeners('error');
      resolve(asTransport(socket));
    });
  });
}

function asTransport(socket: Socket): ByteTransport {
  let closed = false;
  const closeListeners: (() => void)[] = [];
  socket.on('error', () => {
    // 'close' follows every error: that is where the session hears of it.
  });
  socket.on('close', () => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener();
  });
  return {
    write: (bytes) => {
      if (!closed) socket.write(bytes);
    },
    onData: (listener) => socket.on('data', (chunk: Buffer) => listener(new Uint8Array(chunk))),
    onClose: (listener) => closeListeners.push(listener),
    close: () => socket.destroy(),
  };
}
