import { io, type Socket } from 'socket.io-client';
import type { RoomState } from '../../shared/model.ts';
import type { Ack, ClientToServerEvents, ServerToClientEvents, WatchRequest } from '../../shared/socket-events.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A display's socket, as the web app opens it, connected; `from` is the local
 * address it connects from (any of 127.0.0.0/8 on Linux), so the bridge
 * counts it as another device.
 */
export async function connectedClient(url: string, from?: string): Promise<TestSocket> {
  // engine.io-client hands `localAddress` to Node's WebSocket, though its types leave it out.
  const socket: TestSocket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...(from === undefined ? {} : { localAddress: from }) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** A display's socket, as the web app opens it, connected and watching a room. */
export async function watchingClient(url: string, request: WatchRequest = {}): Promise<{ socket: TestSocket; first: Ack<RoomState> }> {
  const socket = await connectedClient(url);
  const first = await socket.emitWithAck('room:watch', request);
  return { socket, first };
}

export function nextState(socket: TestSocket): Promise<RoomState> {
  return new Promise((resolve) => socket.once('room:state', resolve));
}
