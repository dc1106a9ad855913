import express, { type Request, type Response, type Router } from 'express';
import { CALENDAR_READ_SCOPES, CALENDAR_WRITE_SCOPES, principalOf, requireScope, type Principal } from './api-auth.ts';
import { ROLES, type CalendarRole, type EmulatedCalendar } from './calendar-store.ts';
import { badRequest, GoogleProblem, notFound, preconditionFailed } from './errors.ts';
import { etagOf, renderEvent } from './event-json.ts';
import { listEvents, listInstances } from './event-query.ts';
import { findView } from './event-views.ts';
import { changeEvent, deleteEvent, insertEvent, type Actor } from './event-writes.ts';
import type { EmulatedWorkspace } from './workspace.ts';

interface Reached {
  calendar: EmulatedCalendar;
  role: CalendarRole;
  principal: Principal;
}

/**
 * The calendar a request names, and the caller's role on it. "primary" is
 * the caller's own calendar (Events: list, `calendarId`: "use the "primary"
 * keyword"); a service account acting as itself gets one of its own. A
 * calendar the caller cannot reach answers 404 (Calendar "Handle API
 * errors" § 404: "when accessing a calendar that the user can not access").
 */
function reach(workspace: EmulatedWorkspace, req: Request, res: Response, write: boolean): Reached {
  const principal = principalOf(res);
  requireScope(principal, write ? CALENDAR_WRITE_SCOPES : CALENDAR_READ_SCOPES);
  const id = req.params.calendarId === 'primary' ? principal.email : String(req.params.calendarId);
  if (!workspace.store.calendar(id) && id === principal.serviceAccount) {
    workspace.store.addCalendar({ id, summary: id, timeZone: 'UTC', acl: [{ scope: { type: 'user', value: id }, role: 'owner' }] });
  }
  const calendar = workspace.store.calendar(id);
  const role = calendar ? workspace.roleOf(principal.email, calendar.id) : 'none';
  if (!calendar || role === 'none') throw notFound();
  // Acl resource `role`: only writer and owner may change events.
  if (write && ROLES.indexOf(role) < ROLES.indexOf('writer')) {
    throw new GoogleProblem(403, { domain: 'calendar', reason: 'requiredAccessLevel', message: 'You need to have writer access to this calendar.' });
  }
  return { calendar, role, principal };
}

function actorOf(principal: Principal): Actor {
  return { email: principal.email, serviceAccountWithoutDelegation: !principal.subject };
}

/** Events: insert/patch/update/delete `sendUpdates`: "all", "externalOnly" or "none". */
function checkSendUpdates(req: Request): void {
  const value = req.query.sendUpdates;
  if (value !== undefined && !['all', 'externalOnly', 'none'].includes(String(value))) throw badRequest('invalid', `Invalid value for: ${String(value)} is not a valid value`, 'sendUpdates');
}

function render(workspace: EmulatedWorkspace, reached: Reached, eventId: string): Record<string, unknown> {
  const view = findView(workspace.store, reached.calendar.id, eventId);
  if (!view) throw notFound();
  return renderEvent(view, { calendar: reached.calendar, role: reached.role, email: reached.principal.email, timeZone: reached.calendar.timeZone }, workspace.store);
}

/** Calendar "Version resources" (guides/version-resources): a write with If-Match whose etag no longer matches answers 412. */
function checkIfMatch(workspace: EmulatedWorkspace, req: Request, calendarId: string, eventId: string): void {
  const wanted = req.headers['if-match'];
  if (!wanted || wanted === '*') return;
  const view = findView(workspace.store, calendarId, eventId);
  if (view && etagOf(view.updated, view.copy.seq) !== wanted) throw preconditionFailed();
}

/** Calendar API v3 events, under /calendar/v3 (developers.google.com/calendar/api/v3/reference/events). */
export function calendarRoutes(workspace: EmulatedWorkspace): Router {
  const router = express.Router();
  const store = workspace.store;

  // Events: list (reference/events/list) with incremental sync (guides/sync).
  router.get('/calendars/:calendarId/events', (req, res) => {
    const { calendar, role, principal } = reach(workspace, req, res, false);
    res.json(listEvents(store, { calendar, role, email: principal.email }, req.query as Record<string, unknown>, { syncTokenLifetimeMs: workspace.syncTokenLifetimeMs }));
  });

  // Events: insert (reference/events/insert): a client-chosen id follows the Events resource's `id` rules.
  router.post('/calendars/:calendarId/events', (req, res) => {
    const reached = reach(workspace, req, res, true);
    checkSendUpdates(req);
    const copy = insertEvent(store, reached.calendar.id, (req.body ?? {}) as Record<string, unknown>, actorOf(reached.principal));
    res.json(render(workspace, reached, copy.event.id));
  });

  // Events: instances (reference/events/instances).
  router.get('/calendars/:calendarId/events/:eventId/instances', (req, res) => {
    const { calendar, role, principal } = reach(workspace, req, res, false);
    const master = store.copy(calendar.id, String(req.params.eventId));
    if (!master) throw notFound();
    res.json(listInstances(store, { calendar, role, email: principal.email }, master, req.query as Record<string, unknown>));
  });

  // Events: get (reference/events/get); an instance id answers the instance.
  router.get('/calendars/:calendarId/events/:eventId', (req, res) => {
    const reached = reach(workspace, req, res, false);
    res.json(render(workspace, reached, String(req.params.eventId)));
  });

  // Events: patch (reference/events/patch) and Events: update (reference/events/update).
  for (const [method, mode] of [['patch', 'patch'], ['put', 'update']] as const) {
    router[method]('/calendars/:calendarId/events/:eventId', (req, res) => {
      const reached = reach(workspace, req, res, true);
      checkSendUpdates(req);
      const eventId = String(req.params.eventId);
      checkIfMatch(workspace, req, reached.calendar.id, eventId);
      const copy = changeEvent(store, reached.calendar.id, eventId, (req.body ?? {}) as Record<string, unknown>, actorOf(reached.principal), mode);
      res.json(render(workspace, reached, copy.event.id));
    });
  }

  // Events: delete (reference/events/delete); an already deleted event answers 410 (guides/errors § 410).
  router.delete('/calendars/:calendarId/events/:eventId', (req, res) => {
    const reached = reach(workspace, req, res, true);
    checkSendUpdates(req);
    const eventId = String(req.params.eventId);
    checkIfMatch(workspace, req, reached.calendar.id, eventId);
    deleteEvent(store, reached.calendar.id, eventId);
    res.status(204).end();
  });

  router.use(() => {
    throw notFound();
  });
  return router;
}
