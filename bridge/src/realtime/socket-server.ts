import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { toIso } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { pairingUrl } from '../../../shared/pairing-code.ts';
import { RoomId, WalkUpAction } from '../../../shared/model.ts';
import type { IntegrationWarning } from '../../../shared/integration-warnings.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/socket-events.ts';
import { parseInput } from '../../../shared/validation.ts';
import { z } from 'zod';
import type { OriginCheck } from '../http/allowed-origin.ts';
import { clientOf } from '../limits/client.ts';
import type { Logger } from '../logger.ts';
import type { StoredChange } from '../microsoft-365/microsoft-365.ts';
import type { DisplayRegistry } from '../pairing/display-registry.ts';
import type { PairingCodes } from '../pairing/pairing-codes.ts';
import type { RoomService } from '../rooms/room-service.ts';
import type { Clock } from '../../../shared/clock.ts';
import { STORE_UNAVAILABLE_MESSAGE, StoreUnavailableError } from '../store/store-unavailable.ts';
import { eventLimit } from './event-limit.ts';

/** Between bridge processes sharing a store, over the Redis adapter (see cluster/cluster-relay.ts). */
export interface InterServerEvents {
  'room:changed': (roomId: string) => void;
  /** A base unit of the sender saw people in the room (epoch ms). */
  'presence:seen': (roomId: string, at: number) => void;
  /** The sender renewed or revoked the Microsoft 365 credential in the shared store. */
  'm365:stored-change': (change: StoredChange) => void;
  /** The sender's Microsoft 365 warnings now (all of them, replacing what it told before); none as it stops. */
  'm365:warnings': (from: string, warnings: IntegrationWarning[]) => void;
  /** An admin asked to check the Microsoft 365 connection: each process checks its own rooms, then answers. */
  'm365:check': (checked: (done: true) => void) => void;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;

/** Made by the display itself (a UUID); only a key to find its link, never a credential. */
const DisplayId = z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'a display id is 16-64 letters, digits or dashes');
const WatchRequest = z.strictObject({ roomId: RoomId.optional(), displayId: DisplayId.optional() });
const PairingCodeRequest = z.strictObject({ displayId: DisplayId });

export interface DisplayPairing {
  displays: DisplayRegistry;
  codes: PairingCodes;
  clock: Clock;
  /** Where admins reach this bridge: the QR code on a pairing display opens its admin page. */
  publicUrl: string;
  /** socket.io's Redis adapter when several bridge processes share the displays; the in-memory one otherwise. */
  adapter?: ServerOptions['adapter'] | undefined;
  /** Whose pages may connect: browsers apply no CORS to WebSockets. */
  origins: OriginCheck;
}
const ActionRequest = z.strictObject({ roomId: RoomId, action: WalkUpAction });

const channel = (roomId: string) => `room:${roomId}`;
const displayChannel = (displayId: string) => `display:${displayId}`;

/**
 * The live channel to displays. A display watches one room and receives its
 * full state on every change; a reconnecting display watches again and so is
 * never left with stale data. Input is validated like HTTP input, and every
 * request gets an acknowledgement instead of an exception.
 */
export function attachRealtime(httpServer: HttpServer, rooms: RoomService, pairing: DisplayPairing, logger: Logger): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    ...(pairing.adapter ? { adapter: pairing.adapter } : {}),
    // Called for every handshake, over long-polling and WebSocket alike; later requests of a session carry its id, which only the page that made the handshake knows.
    allowRequest: (req, answer) => {
      const refused = pairing.origins(req.headers);
      if (refused) logger.warn({ origin: refused.origin }, `refused a live connection from another site: ${refused.message}`);
      answer(refused?.message, refused === undefined);
    },
  });
  const { displays, codes, clock, publicUrl } = pairing;

  /** The room a display without one in its URL shows: the one an admin linked it to, or a one-room bridge's room. */
  const roomOf = (displayId: string | undefined): Result<string> => {
    const assignment = displayId === undefined ? undefined : displays.assignment(displayId);
    if (assignment?.kind === 'linked' && rooms.hasRoom(assignment.roomId)) return ok(assignment.roomId);
    const fallback = assignment?.kind === 'unlinked' ? undefined : rooms.defaultRoomId();
    return fallback === undefined
      ? fail('display-unpaired', 'This display is not linked to a room: an admin links it on the admin page with the code it shows.')
      : ok(fallback);
  };

  io.on('connection', (socket) => {
    // The connection's peer, as for HTTP (see clientOf). Its events, those of building-channel.ts too, pass its limit first.
    const client = clientOf({ address: socket.handshake.address });
    socket.use(eventLimit(clock, client, logger));
    const watched = new Set<string>();
    let identified: { displayId: string; release: () => void } | undefined;
    socket.on('disconnect', () => identified?.release());

    const identify = (displayId: string) => {
      displays.seen(displayId, clock.now());
      if (identified?.displayId === displayId) return;
      identified?.release();
      if (identified) void socket.leave(displayChannel(identified.displayId));
      identified = { displayId, release: displays.connected(displayId) };
      void socket.join(displayChannel(displayId));
    };

    socket.on('room:watch', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(WatchRequest, raw);
      if (!request.ok) return ack(request);
      const { displayId } = request.data;
      if (displayId !== undefined) identify(displayId);
      const resolved = request.data.roomId === undefined ? roomOf(displayId) : ok(request.data.roomId);
      if (!resolved.ok) {
        for (const other of watched) void socket.leave(channel(other));
        watched.clear();
        return ack(resolved);
      }
      const roomId = resolved.data;
      const state = rooms.getState(roomId);
      if (state.ok) {
        for (const other of watched) void socket.leave(channel(other));
        watched.clear();
        watched.add(roomId);
        void socket.join(channel(roomId));
      }
      ack(state);
    });

    socket.on('display:pairing-code', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(PairingCodeRequest, raw);
      if (!request.ok) return ack(request);
      const { displayId } = request.data;
      identify(displayId);
      if (roomOf(displayId).ok) return ack(fail('not-allowed', 'This display already shows a room: an admin unlinks it first.'));
      const issued = codes.issue(displayId);
      if (!issued) return ack(fail('too-many-attempts', 'Too many displays are waiting to be linked: try again in a few minutes.'));
      ack(ok({ code: issued.code, expiresAt: toIso(issued.expiresAt), now: toIso(clock.now()), adminUrl: pairingUrl(publicUrl, issued.code) }));
    });

    socket.on('room:action', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(ActionRequest, raw);
      if (!request.ok) return ack(request);
      ack(guard(() => rooms.applyAction(request.data.roomId, request.data.action, client), logger));
    });
  });

  rooms.onRoomChanged((roomId, origin) => {
    // The process that made the change already reached every display through the adapter.
    if (origin === 'elsewhere') return;
    const state = rooms.getState(roomId);
    if (!state.ok) return;
    // A new day comes to every process at once: each tells only its own displays.
    (origin === 'everywhere' ? io.local : io).to(channel(roomId)).emit('room:state', state.data);
  });

  return io;
}

/** Displays connected to this process, not to others sharing the fan-out through Redis. */
export function connectedDisplays(io: RealtimeServer): number {
  return io.of('/').sockets.size;
}

/** Displays connected to this process that watch the room: the adapter's rooms are this process's own, Redis or not. */
export function displaysWatching(io: RealtimeServer, roomId: string): number {
  return io.of('/').adapter.rooms.get(channel(roomId))?.size ?? 0;
}

function guard<T>(work: () => Result<T>, logger: Logger): Result<T> {
  try {
    return work();
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      logger.warn({ err: error }, 'socket request not handled: the store is unreachable');
      return fail('store-unavailable', STORE_UNAVAILABLE_MESSAGE);
    }
    logger.error({ err: error }, 'socket request failed');
    return fail('internal', 'The bridge could not handle this request; it has been logged.');
  }
}
