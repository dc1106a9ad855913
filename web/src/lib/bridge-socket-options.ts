import type { ManagerOptions, SocketOptions } from 'socket.io-client';

/**
 * How every page connects to its bridge. WebSocket first: it is open after
 * one round trip, where long-polling's handshake, connect and upgrade take
 * several before the room's state can come (a display's first load, a
 * phone's visit); long-polling still where a proxy lets no WebSocket through
 * (https://socket.io/docs/v4/client-options/#tryalltransports: with it, a
 * failed first transport is followed by the next). A bridge gone for a while
 * is asked again at least every 5 s.
 */
export const BRIDGE_SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = {
  transports: ['websocket', 'polling'],
  tryAllTransports: true,
  reconnectionDelayMax: 5000,
};
