import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { readCalendars, writeCalendars } from './calendar-permissions.ts';
import { GRAPH_RESOURCE, type EmulatorContext } from './context.ts';
import { GraphProblem } from './errors.ts';
import { eventDraftOf, eventPatchOf } from './event-body.ts';
import { storedIdOf } from './event-ids.ts';
import { eventJson } from './event-json.ts';
import { inCalendarView } from './events.ts';
import { linkTo } from './links.ts';
import { mailboxOf } from './mailbox-access.ts';
import { asSubmitted } from './meetings.ts';
import type { MeetingResponse } from './responses.ts';
import { Preferences } from './prefer.ts';
import { parseQueryInstant } from './time.ts';

const RESPONSES: Record<string, MeetingResponse> = { accept: 'accepted', tentativelyaccept: 'tentativelyAccepted', decline: 'declined' };
const responseBody = z.object({ comment: z.string().optional(), sendResponse: z.boolean().optional() });

/** calendarView, and reading, creating, changing, cancelling and answering events, in a mailbox's default calendar. */
export function calendarRoutes(ctx: EmulatorContext): Router {
  const model = ctx.tenant.calendars;
  const router = express.Router();
  const events = ['/users/:user/events', '/users/:user/calendar/events'];
  const event = events.map((path) => `${path}/:eventId`);
  /** The stored id of the event a request names, in the id form it asks for. */
  const addressed = (req: Request, res: Response) => storedIdOf(model.store, mailboxOf(res).emailAddress, String(req.params.eventId), new Preferences(req, ctx.tenant).idForm);

  router.get(['/users/:user/calendarView', '/users/:user/calendar/calendarView'], readCalendars, (req, res) => {
    const { start, end } = windowOf(req);
    const prefs = new Preferences(req, ctx.tenant);
    const skip = Math.max(0, Number(req.query.$skip ?? 0) || 0);
    const inWindow = model.store.list(mailboxOf(res).emailAddress).filter((each) => inCalendarView(each, start, end));
    prefs.acknowledge(res, true);
    res.json({
      '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#users('${req.params.user}')/calendarView`,
      value: inWindow.slice(skip, skip + prefs.pageSize).map((each) => eventJson(each, prefs.timeZone, prefs.idForm)),
      ...(skip + prefs.pageSize < inWindow.length ? { '@odata.nextLink': linkTo(ctx, req, { $skip: String(skip + prefs.pageSize) }) } : {}),
    });
  });

  router.get(event, readCalendars, (req, res) => {
    const prefs = new Preferences(req, ctx.tenant);
    prefs.acknowledge(res, false);
    res.json(eventJson(model.get(mailboxOf(res), addressed(req, res)), prefs.timeZone, prefs.idForm));
  });

  router.post(events, writeCalendars, (req, res) => {
    const prefs = new Preferences(req, ctx.tenant);
    const { event: saved, created } = model.create(mailboxOf(res), eventDraftOf(req.body));
    prefs.acknowledge(res, false);
    res.status(201).json(eventJson(created ? asSubmitted(saved) : saved, prefs.timeZone, prefs.idForm));
  });

  router.patch(event, writeCalendars, (req, res) => {
    const prefs = new Preferences(req, ctx.tenant);
    const mailbox = mailboxOf(res);
    const id = addressed(req, res);
    const saved = model.update(mailbox, id, eventPatchOf(req.body, model.get(mailbox, id)));
    prefs.acknowledge(res, false);
    res.json(eventJson(saved, prefs.timeZone, prefs.idForm));
  });

  router.delete(event, writeCalendars, (req, res) => {
    model.delete(mailboxOf(res), addressed(req, res));
    res.status(204).end();
  });

  router.post(
    event.map((path) => `${path}/:action`),
    writeCalendars,
    (req, res, next) => {
      const action = String(req.params.action).toLowerCase();
      const response = RESPONSES[action];
      if (action === 'cancel') model.cancel(mailboxOf(res), addressed(req, res));
      else if (response) {
        const body = responseBody.safeParse(req.body ?? {});
        if (!body.success) throw new GraphProblem(400, 'RequestBodyRead', `Invalid ${action} body: ${body.error.issues[0]?.message}`);
        model.respond(mailboxOf(res), addressed(req, res), response, { sendResponse: body.data.sendResponse ?? true, comment: body.data.comment ?? '' });
      } else return next();
      res.status(202).end();
    },
  );

  return router;
}

/** The calendarView window (`startDateTime`, `endDateTime`), which Graph requires. */
export function windowOf(req: Request): { start: number; end: number } {
  const start = parseQueryInstant(req.query.startDateTime ?? req.query.StartDateTime);
  const end = parseQueryInstant(req.query.endDateTime ?? req.query.EndDateTime);
  if (start === undefined || end === undefined) {
    throw new GraphProblem(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
  }
  return { start, end };
}
