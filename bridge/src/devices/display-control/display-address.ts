import type { ByteTransport } from '../transport/byte-transport.ts';
import type { DisplayProtocol } from './display-protocol.ts';
import { openSerialTransport } from '../transport/serial-transport.ts';
import { openTcpTransport } from '../transport/tcp-transport.ts';

/** Where a display's control port is, as a room's `"display"` gives it: a serial path, or a host with an optional port. */
export interface DisplayAddress {
  path?: string;
  host?: string;
  port?: number;
}

/**
 * How to reach a display at `address` by `protocol`: over RS-232 at the
 * protocol's speed, or over TCP at the configured port or the protocol's
 * own; and where that is, for people ("at 10.0.0.5:1515", "on /dev/ttyUSB0").
 */
export function displayConnection(address: DisplayAddress, protocol: DisplayProtocol): { open: (signal: AbortSignal) => Promise<ByteTransport>; where: string } {
  const { path, host } = address;
  if (host !== undefined) {
    const port = address.port ?? protocol.defaultTcpPort;
    if (port === undefined) throw new Error(`${protocol.name} has no LAN control: give the display's serial "path"`);
    return { open: (signal) => openTcpTransport({ host, port }, signal), where: `at ${host}:${port}` };
  }
  if (path !== undefined) return { open: (signal) => openSerialTransport({ path, baudRate: protocol.baudRate }, signal), where: `on ${path}` };
  throw new Error('a display needs a serial "path" or a "host"');
}
