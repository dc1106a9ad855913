import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { fail, type Result } from '../../../shared/errors.ts';
import { RoomId, WalkUpAction } from '../../../shared/model.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/socket-events.ts';
import { parseInput } from '../../../shared/validation.ts';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { RoomService } from '../rooms/room-service.ts';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

const WatchRequest = z.strictObject({ roomId: RoomId.optional() });
const ActionRequest = z.strictObject({ roomId: RoomId, action: WalkUpAction });

const channel = (roomId: string) => `room:${roomId}`;

/**
 * The live channel to displays. A display watches one room and receives its
 * full state on every change; a reconnecting display watches again and so is
 * never left with stale data. Input is validated like HTTP input, and every
 * request gets an acknowledgement instead of an exception.
 */
export function attachRealtime(httpServer: HttpServer, rooms: RoomService, logger: Logger): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, { maxHttpBufferSize: 64 * 1024, serveClient: false });

  io.on('connection', (socket) => {
    const watched = new Set<string>();

    socket.on('room:watch', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(WatchRequest, raw);
      if (!request.ok) return ack(request);
      const roomId = request.data.roomId ?? rooms.defaultRoomId();
      if (roomId === undefined) return ack(fail('room-not-found', 'This bridge serves no room yet.'));
      const state = rooms.getState(roomId);
      if (state.ok) {
        for (const other of watched) void socket.leave(channel(other));
        watched.clear();
        watched.add(roomId);
        void socket.join(channel(roomId));
      }
      ack(state);
    });

    socket.on('room:action', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(ActionRequest, raw);
      if (!request.ok) return ack(request);
      ack(guard(() => rooms.applyAction(request.data.roomId, request.data.action), logger));
    });
  });

  rooms.onRoomChanged((roomId) => {
    const state = rooms.getState(roomId);
    if (state.ok) io.to(channel(roomId)).emit('room:state', state.data);
  });

  return io;
}

function guard<T>(work: () => Result<T>, logger: Logger): Result<T> {
  try {
    return work();
  } catch (error) {
    logger.error({ err: error }, 'socket request failed');
    return fail('internal', 'The bridge could not handle this request; it has been logged.');
  }
}
