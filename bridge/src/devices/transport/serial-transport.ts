import { SerialPort } from 'serialport';
import type { ByteTransport } from './byte-transport.ts';

export interface SerialAddress {
  path: string;
  baudRate: number;
}

/**
 * A display's RS-232 port, as a byte stream: 8 data bits, no parity, one
 * stop bit, no flow control, at the protocol's speed (every vendor's
 * document asks for this). Aborting `signal` closes a port that opens too
 * late.
 */
export async function openSerialTransport(address: SerialAddress, signal?: AbortSignal): Promise<ByteTransport> {
  const port = new SerialPort({ path: address.path, baudRate: address.baudRate, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, xon: false, xoff: false, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  let closed = false;
  const closeListeners: (() => void)[] = [];
  const onClosed = () => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener();
  };
  const close = () => {
    if (port.isOpen) port.close(() => onClosed());
    else onClosed();
  };
  port.on('close', onClosed);
  // A port that fails (the adapter pulled out) is closed: the session opens it again when it is back.
  port.on('error', close);
  if (signal?.aborted) {
    close();
    throw new Error('connection attempt given up');
  }
  return {
    write: (bytes) => {
      if (!closed) port.write(Buffer.from(bytes));
    },
    onData: (listener) => port.on('data', (chunk: Buffer) => listener(new Uint8Array(chunk))),
    onClose: (listener) => closeListeners.push(listener),
    close,
  };
}
