import express from 'express';
import { WalkUpAction } from '../../../shared/model.ts';
import { ProblemReport } from '../../../shared/problems.ts';
import type { BaseUnit } from '../devices/base-unit/unit-session.ts';
import type { BuildingBoard } from '../building/building-board.ts';
import { standingOfResponse, withStanding, type RequestStandingDeps } from '../access/request-standing.ts';
import type { HealthReport } from '../operations/health-report.ts';
import type { BridgeMetrics } from '../operations/metrics.ts';
import type { ProblemService } from '../problems/problem-service.ts';
import type { RoomService } from '../rooms/room-service.ts';
import { openApiDocument } from './openapi.ts';
import { jsonBody } from './json-body.ts';
import { requireMetricsAccess } from './metrics-access.ts';
import { validRoomId } from './room-id-param.ts';
import { sendError, sendRefusal } from './send-error.ts';

export interface ApiDeps {
  rooms: RoomService;
  /** Problems reported at the rooms ("Report a problem"). */
  problems: ProblemService;
  /** Every room's summary, for building screens. */
  building: Pick<BuildingBoard, 'summaries'>;
  baseUnits: ReadonlyMap<string, BaseUnit>;
  version: string;
  /** The admin page's API, mounted at /api/admin. */
  admin: express.Router;
  health: () => HealthReport;
  metrics: Pick<BridgeMetrics, 'contentType' | 'text'>;
  /** LINTEL_METRICS_TOKEN: the bearer token /api/metrics needs; without one, only this machine may read them. */
  metricsToken: string | undefined;
  /** What a request's bearer token proves: admin, display credential or room link (see access/request-standing.ts). */
  standing: RequestStandingDeps;
}

/** Walk-up actions are tiny; anything larger is a mistake or an attack. */
const BODY_LIMIT = '16kb';

export function createApiRouter({ rooms, problems, building, baseUnits, version, admin, health, metrics, metricsToken, standing }: ApiDeps): express.Router {
  const router = express.Router();
  const proven = withStanding(standing);

  router.use('/admin', admin);

  router.get('/health', (_req, res) => {
    const report = health();
    // 503 is what the watchdog (and any load balancer) counts as a failed check.
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });

  router.get('/metrics', requireMetricsAccess(metricsToken), (_req, res, next) => {
    // Not res.send: it would rewrite the registry's content type (parameters reordered).
    metrics.text().then((text) => res.setHeader('Content-Type', metrics.contentType).end(text), next);
  });

  // Made when asked for, not kept: a bridge would otherwise hold half a megabyte of it, for a page seldom read.
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(version));
  });

  router.get('/rooms', (_req, res) => {
    res.json(rooms.listRooms());
  });

  router.get('/building', (_req, res) => {
    res.json(building.summaries());
  });

  router.get('/rooms/:id/state', proven, (req, res) => {
    const roomId = validRoomId(req, res);
    if (roomId === undefined) return;
    const state = rooms.stateFor(roomId, standingOfResponse(res));
    if (!state.ok) return sendError(res, state.code, state.message);
    res.json(state.data);
  });

  router.get('/rooms/:id/base-unit', proven, (req, res) => {
    const roomId = validRoomId(req, res);
    if (roomId === undefined) return;
    if (!rooms.hasRoom(roomId)) return sendError(res, 'room-not-found', `There is no room "${roomId}".`);
    // What the room's hardware is doing is for the people who run it and the room's own displays, even in an open room.
    const who = standingOfResponse(res);
    if (who.kind === 'anyone') return sendError(res, 'unauthorized', "A room's base unit is shown to admins and the room's paired displays: send the admin token or the display's credential.");
    if (who.kind !== 'admin' && !(who.kind === 'display' && who.roomId === roomId)) {
      return sendError(res, 'forbidden', `Only admins and the paired displays of room "${roomId}" see its base unit.`);
    }
    const unit = baseUnits.get(roomId);
    if (!unit) return sendError(res, 'not-found', `Room "${roomId}" has no base unit.`);
    res.json(unit.status());
  });

  router.post('/rooms/:id/actions', proven, express.json({ limit: BODY_LIMIT }), (req, res) => {
    const roomId = validRoomId(req, res);
    if (roomId === undefined) return;
    const action = jsonBody(req, res, WalkUpAction);
    if (action === undefined) return;
    // The connection's peer, not req.ip: see clientOf for why no proxy's header is trusted.
    const result = rooms.actionFrom(roomId, action, standingOfResponse(res), req.socket.remoteAddress);
    if (!result.ok) return sendRefusal(res, result);
    res.json(result.data);
  });

  router.post('/rooms/:id/problems', proven, express.json({ limit: BODY_LIMIT }), (req, res) => {
    const roomId = validRoomId(req, res);
    if (roomId === undefined) return;
    const report = jsonBody(req, res, ProblemReport);
    if (report === undefined) return;
    // Who may report is who may act in the room (read-only rooms too, see ProblemService.reportFrom); limited per client likewise.
    const result = problems.reportFrom(roomId, report, standingOfResponse(res), req.socket.remoteAddress);
    if (!result.ok) return sendRefusal(res, result);
    res.status(201).json(result.data);
  });

  router.use((req, res) => {
    sendError(res, 'not-found', `There is no API endpoint ${req.method} ${req.baseUrl}${req.path}. See GET /api/openapi.json.`);
  });

  return router;
}

