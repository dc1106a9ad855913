import express, { type Request, type Response } from 'express';
import { GoogleConnectRequest, LinkRequest, NewRoomRequest, RoomAccessRequest, RoomCalendarRequest, RoomLinkRequest, SignInLinkRequest, DisplayNameRequest, type AdminConfig } from '../../../shared/admin-api.ts';
import { fail, type Result } from '../../../shared/errors.ts';
import { STALE_DISPLAY_DAYS } from '../../../shared/stale-display.ts';
import { jsonBody } from '../http/json-body.ts';
import { validRoomId } from '../http/room-id-param.ts';
import { sendError, sendRefusal } from '../http/send-error.ts';
import { clientOf } from '../limits/client.ts';
import { adminOf, requireAdmin, type AdminAuthDeps } from './admin-auth.ts';
import type { SignInAnswer } from '../calendars/microsoft-365/delegated/account-sign-in.ts';
import type { AdminService } from './admin-service.ts';
import type { SignInLinks } from './sign-in-links.ts';
import type { CalendarAdmin } from './calendar-admin.ts';
import type { ProblemService } from '../problems/problem-service.ts';
import { insightsCsv, insightsCsvFilename } from '../insights/insights-csv.ts';
import { insightsQueryOf } from '../insights/insights-query.ts';
import type { InsightsService } from '../insights/insights-service.ts';

export interface AdminRouterDeps extends AdminAuthDeps {
  service: AdminService;
  /** Rooms added on CalDAV servers and ICS feeds, Google Workspace connected; absent in a bridge built without remote calendars. */
  calendars?: CalendarAdmin | undefined;
  config: AdminConfig;
  /** Problems reported at the rooms: listed, and resolved by the admin (in the audit log). */
  problems: ProblemService;
  /** How the rooms were used: numbers only, no subject or organizer. */
  insights: InsightsService;
  /** The one-time sign-in links the console shows, for a phone. */
  signInLinks: SignInLinks;
}

const BODY_LIMIT = '16kb';
const SIGN_IN_COOKIE = 'lintel_m365_sign_in';
/** As long as a sign-in may take (account-sign-in.ts). */
const SIGN_IN_COOKIE_SECONDS = 600;

/** The admin page's API (see shared/admin-api.ts): every route but `/config` behind `requireAdmin`. */
export function createAdminRouter(deps: AdminRouterDeps): express.Router {
  const { service } = deps;
  const router = express.Router();
  // Admin answers describe the organisation's setup: never cached, by the browser or a proxy.
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.get('/config', (_req, res) => {
    res.json(deps.config);
  });
  // Microsoft sends the admin's browser here: no bearer token comes with it, the sign-in's sealed state and cookie vouch for it.
  router.get('/m365/callback', async (req, res) => {
    const finished = await service.finishAccountSignIn(signInAnswerOf(req), cookieOf(req, SIGN_IN_COOKIE));
    res.setHeader('Set-Cookie', signInCookie(req, '', 0));
    const outcome: Record<string, string> = finished.ok ? { account: 'connected' } : { account: 'failed', error: finished.code, error_description: finished.message };
    res.redirect(303, `/admin/?${new URLSearchParams(outcome).toString()}`);
  });
  // A one-time link's code is the proof here: it signs in as the local admin token, which the answer holds.
  router.post('/sign-in', express.json({ limit: BODY_LIMIT }), (req, res) => {
    const body = jsonBody(req, res, SignInLinkRequest);
    if (!body) return;
    const used = deps.signInLinks.redeem(body.code);
    if (!used.ok) return sendRefusal(res, used);
    service.signedInByLink(req.socket.remoteAddress ?? null);
    res.json({ token: deps.localToken });
  });
  router.use(requireAdmin(deps));
  router.use(express.json({ limit: BODY_LIMIT }));

  router.get('/status', (_req, res) => {
    res.json(service.status(adminOf(res)));
  });

  router.post('/check', async (_req, res) => {
    res.json(await service.check(adminOf(res)));
  });

  router.post('/links', (req, res) => {
    const body = jsonBody(req, res, LinkRequest);
    if (!body) return;
    // Guessing is counted per admin and per address (the connection's peer, see clientOf): one admin's typos do not lock out another.
    answer(res, service.link(body, adminOf(res), clientOf({ address: req.socket.remoteAddress })));
  });

  router.delete('/displays/:id', (req, res) => {
    answer(res, service.displays.unlink(String(req.params.id), adminOf(res)));
  });

  router.put('/displays/:id/name', (req, res) => {
    const body = jsonBody(req, res, DisplayNameRequest);
    if (!body) return;
    answer(res, service.displays.rename(String(req.params.id), body.name, adminOf(res)));
  });

  router.post('/displays/:id/identify', (req, res) => {
    answer(res, service.displays.identify(String(req.params.id)));
  });

  // Which displays are stale is the bridge's to say, by its clock, as the status showed them: a body asking for another cut-off or other displays is refused, not ignored.
  router.post('/displays/forget-stale', (req, res) => {
    if (hasBody(req)) return sendError(res, 'invalid-input', `This takes no input: the bridge forgets the displays offline and not seen for ${STALE_DISPLAY_DAYS} days, by its own clock.`);
    res.json(service.displays.forgetStale(adminOf(res)));
  });

  router.post('/displays/:id/forget', (req, res) => {
    answer(res, service.displays.forget(String(req.params.id), adminOf(res)));
  });

  router.put('/rooms/:id/access', (req, res) => {
    const roomId = validRoomId(req, res);
    const body = roomId === undefined ? undefined : jsonBody(req, res, RoomAccessRequest);
    if (roomId === undefined || !body) return;
    answer(res, service.setAccess(roomId, body.access, adminOf(res)));
  });

  router.put('/rooms/:id/microsoft-365', async (req, res) => {
    const roomId = validRoomId(req, res);
    const body = roomId === undefined ? undefined : jsonBody(req, res, RoomLinkRequest);
    if (roomId === undefined || !body) return;
    answer(res, await service.linkRoom(roomId, body, adminOf(res)));
  });

  router.delete('/rooms/:id/microsoft-365', async (req, res) => {
    const roomId = validRoomId(req, res);
    if (roomId === undefined) return;
    answer(res, await service.removeRoom(roomId, adminOf(res)));
  });

  router.post('/rooms/:id/export', (req, res) => {
    const roomId = validRoomId(req, res);
    if (roomId === undefined) return;
    answer(res, service.startExport(roomId, adminOf(res)), 202);
  });

  router.get('/rooms/:id/export', (req, res) => {
    const roomId = validRoomId(req, res);
    if (roomId === undefined) return;
    answer(res, service.exportProgress(roomId));
  });

  router.post('/m365/account/authorize', async (req, res) => {
    const started = await service.startAccountSignIn(adminOf(res));
    if (!started.ok) return answer(res, started);
    // Only the browser that started the sign-in may finish it (account-sign-in.ts).
    res.setHeader('Set-Cookie', signInCookie(req, started.data.nonce, SIGN_IN_COOKIE_SECONDS));
    res.json({ url: started.data.url });
  });

  router.get('/m365/calendars', async (_req, res) => {
    answer(res, await service.accountCalendars());
  });

  router.delete('/m365/account', async (_req, res) => {
    answer(res, await service.removeAccount(adminOf(res)));
  });

  const { calendars } = deps;
  const noCalendars = fail('not-allowed', 'This bridge was started without remote calendars.');

  router.post('/rooms', async (req, res) => {
    const body = jsonBody(req, res, NewRoomRequest);
    if (!body) return;
    const added = calendars ? await calendars.addRoom(body, adminOf(res)) : noCalendars;
    answer(res, added.ok ? service.room(added.data.id) : added, 201);
  });

  router.put('/rooms/:id/calendar', async (req, res) => {
    const roomId = validRoomId(req, res);
    const body = roomId === undefined ? undefined : jsonBody(req, res, RoomCalendarRequest);
    if (roomId === undefined || !body) return;
    const changed = calendars ? await calendars.changeCalendar(roomId, body, adminOf(res)) : noCalendars;
    answer(res, changed.ok ? service.room(roomId) : changed);
  });

  router.put('/google', async (req, res) => {
    const body = jsonBody(req, res, GoogleConnectRequest);
    if (!body) return;
    answer(res, calendars ? await calendars.connectGoogle(body.key, body.subject, adminOf(res)) : noCalendars);
  });

  router.delete('/google', (_req, res) => {
    const gone = calendars ? calendars.disconnectGoogle(adminOf(res)) : noCalendars;
    if (!gone.ok) return answer(res, gone);
    res.status(204).end();
  });

  router.get('/google/rooms', async (_req, res) => {
    const found = calendars ? await calendars.googleRooms() : noCalendars;
    if (!found.ok) return answer(res, found);
    res.json({ rooms: found.data });
  });

  router.get('/problems', (_req, res) => {
    res.json({ problems: deps.problems.list() });
  });

  router.post('/problems/:id/resolve', (req, res) => {
    answer(res, deps.problems.resolve(String(req.params.id), adminOf(res)));
  });

  router.get('/insights', (req, res) => {
    const query = insightsQueryOf(req.query);
    answer(res, query.ok ? deps.insights.answer(query.data) : query);
  });

  router.get('/insights.csv', (req, res) => {
    const query = insightsQueryOf(req.query);
    const insights = query.ok ? deps.insights.answer(query.data) : query;
    if (!insights.ok) return sendRefusal(res, insights);
    res.setHeader('Content-Disposition', `attachment; filename="${insightsCsvFilename(insights.data)}"`);
    res.type('text/csv').send(insightsCsv(insights.data));
  });

  router.post('/credentials/renew', async (_req, res) => {
    answer(res, await service.renew(adminOf(res)));
  });

  router.post('/revoke', async (_req, res) => {
    answer(res, await service.revoke(adminOf(res)));
  });

  router.use((_req: Request, res: Response) => sendError(res, 'not-found', 'There is no such admin API route.'));
  return router;
}

/** Whether the request carries a body, even an empty JSON object (RFC 9112 section 6.3: a length or a transfer coding says so). */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

function answer<T>(res: Response, result: Result<T>, status = 200): void {
  if (result.ok) res.status(status).json(result.data);
  else sendRefusal(res, result);
}

/** Microsoft's answer in the callback's query, each a single string (identity platform docs: v2-oauth2-auth-code-flow.md). */
function signInAnswerOf(req: Request): SignInAnswer {
  const one = (name: string) => (typeof req.query[name] === 'string' ? req.query[name] : undefined);
  return { code: one('code'), state: one('state'), error: one('error'), error_description: one('error_description') };
}

/** Sent back to the callback only, never readable by a page, and not on a request another site starts but a top-level navigation. */
function signInCookie(req: Request, value: string, maxAgeSeconds: number): string {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  return `${SIGN_IN_COOKIE}=${value}; Max-Age=${maxAgeSeconds}; Path=${req.baseUrl}/m365/callback; HttpOnly; SameSite=Lax${secure}`;
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}
