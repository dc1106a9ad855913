import { io, type Socket } from 'socket.io-client';
import type { RoomState } from '../../shared/model.ts';
import type { Ack, ClientToServerEvents, ServerToClientEvents, WatchRequest } from '../../shared/socket-events.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A display's socket, as the web app opens it, connected and watching a room. */
export async function watchingClient(url: string, request: WatchRequest = {}): Promise<{ socket: TestSocket; first: Ack<RoomState> }> {
  const socket: TestSocket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const first = await socket.emitWithAck('room:watch', request);
  return { socket, first };
}

export function nextState(socket: TestSocket): Promise<RoomState> {
  return new Promise((resolve) => socket.once('room:state', resolve));
}
