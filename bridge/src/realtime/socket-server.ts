import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { HOUR_MS, toIso } from '../../../shared/clock.ts';
import { fail, ok, type LintelError, type Result } from '../../../shared/errors.ts';
import { pairingUrl } from '../../../shared/pairing-code.ts';
import { RoomId, WalkUpAction } from '../../../shared/model.ts';
import type { IntegrationWarning } from '../../../shared/integration-warnings.ts';
import type { ClientToServerEvents, DisplayIdentify, ServerToClientEvents } from '../../../shared/socket-events.ts';
import { parseInput } from '../../../shared/validation.ts';
import { z } from 'zod';
import type { RoomLinks } from '../access/room-links.ts';
import { ANYONE, mayUseRoom, roomRefusal, type Standing } from '../access/standing.ts';
import type { OriginCheck } from '../http/allowed-origin.ts';
import { clientOf, plainAddress } from '../limits/client.ts';
import type { Logger } from '../logger.ts';
import type { StoredChange } from '../calendars/microsoft-365/microsoft-365.ts';
import type { DisplayRegistry } from '../pairing/display-registry.ts';
import type { PairingCodes } from '../pairing/pairing-codes.ts';
import type { RoomService } from '../rooms/room-service.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { OccupancySource } from '../hardware/presence-log.ts';
import { STORE_UNAVAILABLE_MESSAGE, StoreUnavailableError } from '../store/store-unavailable.ts';
import { eventLimit } from './event-limit.ts';
import { watchTarget } from './watch-target.ts';

/** How often a display's connection counts as seeing it again (its last-seen time, shared by every bridge process). */
const STILL_SEEN_EVERY_MS = HOUR_MS;

/** Between bridge processes sharing a store, over the Redis adapter (see cluster/cluster-relay.ts). */
export interface InterServerEvents {
  'room:changed': (roomId: string) => void;
  /** A base unit of the sender saw people in the room (epoch ms). */
  'presence:seen': (roomId: string, at: number) => void;
  /** An occupancy sensor of the sender (a base unit, a ClickShare unit, an MQTT topic) read the room as occupied or not. */
  'presence:occupancy': (roomId: string, source: OccupancySource, occupied: boolean) => void;
  /** The sender renewed or revoked the Microsoft 365 credential in the shared store. */
  'm365:stored-change': (change: StoredChange) => void;
  /** The sender's Microsoft 365 warnings now (all of them, replacing what it told before); none as it stops. */
  'm365:warnings': (from: string, warnings: IntegrationWarning[]) => void;
  /** The sender's warnings about the rooms' Google, CalDAV and ICS calendars it syncs (all of them); none as it stops. */
  'calendars:warnings': (from: string, warnings: IntegrationWarning[]) => void;
  /** An admin asked to check the Microsoft 365 connection: each process checks its own rooms, then answers. */
  'm365:check': (checked: (done: true) => void) => void;
  /** The sender stored a problem reported in the room: its alert is sent by the room's lease holder. */
  'problem:reported': (roomId: string) => void;
}

/** What the bridge keeps on each socket for others to read. */
export interface SocketData {
  /** What the socket proved with its last watch (see access/standing.ts). */
  standing: Standing;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Made by the display itself (a UUID); only a key to find its link, never a credential. */
const DisplayId = z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'a display id is 16-64 letters, digits or dashes');
/** Made by the bridge (see access/): long enough for what the bridge gives, short enough to cost nothing to check. */
const Secret = z.string().min(1).max(512);
const WatchRequest = z.strictObject({ roomId: RoomId.optional(), displayId: DisplayId.optional(), credential: Secret.optional(), link: Secret.optional() });
const PairingCodeRequest = z.strictObject({ displayId: DisplayId, credential: Secret.optional() });
const RoomLinkRequest = z.strictObject({ roomId: RoomId });

export interface DisplayPairing {
  displays: DisplayRegistry;
  codes: PairingCodes;
  /** The signed room links of paired displays' QR codes. */
  links: RoomLinks;
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
  const { displays, codes, links, clock, publicUrl } = pairing;

  io.on('connection', (socket) => {
    const address = socket.handshake.address;
    // The connection's peer, as for HTTP (see clientOf). Its events, those of building-channel.ts too, pass its limit first.
    socket.use(eventLimit(clock, clientOf({ address }), logger));
    /** What this socket proved with its last watch, and the room it watches (at most one). */
    let standing: Standing = ANYONE;
    let watched: string | undefined;
    let identified: { displayId: string; release: () => void } | undefined;
    let cancelLinkExpiry: () => void = () => {};
    let stopSeeing: () => void = () => {};
    socket.on('disconnect', () => {
      identified?.release();
      cancelLinkExpiry();
      stopSeeing();
    });
    const peer = address === undefined ? undefined : plainAddress(address);

    /**
     * Counts the socket as the display (seen, online, told of its link).
     * A display holding a credential is counted only with it: anyone can
     * name its id, and would otherwise show as it on the admin page.
     */
    const identify = (displayId: string, proven: boolean) => {
      if (!proven && displays.holdsCredential(displayId)) return;
      displays.seen(displayId, clock.now(), peer);
      if (identified?.displayId === displayId) return;
      identified?.release();
      if (identified) void socket.leave(displayChannel(identified.displayId));
      identified = { displayId, release: displays.connected(displayId) };
      void socket.join(displayChannel(displayId));
      // Connected for weeks, a display is seen all along: another bridge process sharing the store, which holds no
      // socket of it and so counts it offline, must not take it for one gone a month (forget-stale, never-linked clean-up).
      stopSeeing();
      const seeAgain = () => {
        stopSeeing = clock.setTimer(() => {
          displays.seen(displayId, clock.now(), peer);
          seeAgain();
        }, STILL_SEEN_EVERY_MS);
      };
      seeAgain();
    };

    const unwatch = (reason?: LintelError) => {
      if (watched !== undefined) void socket.leave(channel(watched));
      watched = undefined;
      cancelLinkExpiry();
      if (reason) socket.emit('room:access-ended', reason);
    };

    socket.on('room:watch', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(WatchRequest, raw);
      if (!request.ok) return ack(request);
      const target = watchTarget({ rooms, displays, links }, request.data);
      const proven = target.ok && target.data.standing.kind === 'display' ? target.data.standing.displayId : undefined;
      if (proven !== undefined) identify(proven, true);
      else if (request.data.displayId !== undefined) identify(request.data.displayId, false);
      if (!target.ok) {
        unwatch();
        standing = socket.data.standing = ANYONE;
        return ack(target);
      }
      const state = rooms.getState(target.data.roomId);
      if (state.ok) {
        unwatch();
        standing = socket.data.standing = target.data.standing;
        watched = target.data.roomId;
        void socket.join(channel(watched));
        // A phone's link ends while it watches: it stops hearing the room then, and is told why.
        if (standing.kind === 'phone') {
          const { roomId } = standing;
          cancelLinkExpiry = clock.setTimer(() => unwatch(roomRefusal(standing, roomId, clock.now())), standing.expiresAt - clock.now());
        }
      }
      ack(state);
    });

    socket.on('room:link', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(RoomLinkRequest, raw);
      if (!request.ok) return ack(request);
      // Only the room's own displays: a phone given links would stay "at the room" for ever.
      if (standing.kind !== 'display' || standing.roomId !== request.data.roomId) {
        return ack(fail('forbidden', "Only the room's paired displays get its room link: the display watches with its credential first."));
      }
      ack(ok(links.issue(request.data.roomId)));
    });

    socket.on('display:pairing-code', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(PairingCodeRequest, raw);
      if (!request.ok) return ack(request);
      const { displayId, credential } = request.data;
      identify(displayId, false);
      // Its code would link the id to a new credential, taking the room from the display holding the old one.
      if (displays.holdsCredential(displayId)) return ack(fail('not-allowed', 'This display is already linked to a room: an admin unlinks or forgets it first.'));
      const issued = codes.issue(displayId, credential);
      if (!issued) return ack(fail('too-many-attempts', 'Too many displays are waiting to be linked: try again in a few minutes.'));
      const answer = { code: issued.code, expiresAt: toIso(issued.expiresAt), now: toIso(clock.now()), adminUrl: pairingUrl(publicUrl, issued.code) };
      ack(ok(issued.credential === undefined ? answer : { ...answer, credential: issued.credential }));
    });

    socket.on('room:action', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(ActionRequest, raw);
      if (!request.ok) return ack(request);
      ack(guard(() => rooms.actionFrom(request.data.roomId, request.data.action, standing, address), logger));
    });
  });

  rooms.onRoomChanged((roomId, origin) => {
    dropWatchersNoLongerAllowed(io, rooms, roomId, clock.now());
    // The process that made the change already reached every display through the adapter.
    if (origin === 'elsewhere') return;
    const state = rooms.getState(roomId);
    if (!state.ok) return;
    // A new day comes to every process at once: each tells only its own displays.
    (origin === 'everywhere' ? io.local : io).to(channel(roomId)).emit('room:state', state.data);
  });

  return io;
}

/**
 * A room made `paired` by an admin while anonymous clients watch it: they
 * stop hearing it and are told why. Each bridge process does it for its own
 * sockets, as each hears of every room change.
 */
function dropWatchersNoLongerAllowed(io: RealtimeServer, rooms: RoomService, roomId: string, now: number): void {
  const access = rooms.accessOf(roomId);
  if (access === undefined || access === 'open') return;
  for (const id of io.of('/').adapter.rooms.get(channel(roomId)) ?? []) {
    const socket = io.of('/').sockets.get(id);
    const standing = socket?.data.standing ?? ANYONE;
    if (!socket || mayUseRoom(standing, roomId, access, now)) continue;
    void socket.leave(channel(roomId));
    socket.emit('room:access-ended', roomRefusal(standing, roomId, now));
  }
}

/**
 * Tells a display's sockets, in every bridge process, that an admin linked
 * it (watch again) or unlinked or forgot it (null): then closes them, so
 * nothing it proved before goes on; the display connects again and pairs.
 */
export function tellDisplay(io: RealtimeServer, displayId: string, roomId: string | null): void {
  io.to(displayChannel(displayId)).emit('display:assigned', { roomId });
  if (roomId === null) io.in(displayChannel(displayId)).disconnectSockets(true);
}

/** Has a display's sockets, in every bridge process, show which screen it is (an admin's Identify). */
export function identifyDisplay(io: RealtimeServer, displayId: string, shown: DisplayIdentify): void {
  io.to(displayChannel(displayId)).emit('display:identify', shown);
}

/** Displays connected to this process, not to others sharing the fan-out through Redis. */
export function connectedDisplays(io: RealtimeServer): number {
  return io.of('/').sockets.size;
}

/** Displays connected to this process that watch the room: the adapter's rooms are this process's own, Redis or not. */
export function displaysWatching(io: RealtimeServer, roomId: string): number {
  return io.of('/').adapter.rooms.get(channel(roomId))?.size ?? 0;
}

/** Answers `work`'s result, or, when it threw, a refusal saying why (the store unreachable) instead of an exception. */
export function guard<T>(work: () => Result<T>, logger: Logger): Result<T> {
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
