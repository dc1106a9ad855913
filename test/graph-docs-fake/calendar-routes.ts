import express, { type Request, type Router } from 'express';
import { CREATED_EVENT, DELTA_INITIAL_PAGE, DELTA_NEXT_ROUND, DELTA_PAGES_BY_SKIPTOKEN, DOCUMENTED_DELTA_URL, FETCHED_EVENT, UPDATED_EVENT } from './calendar-examples.ts';

type Page = { readonly value: readonly { readonly id: string }[]; readonly '@odata.nextLink'?: string; readonly '@odata.deltaLink'?: string };

/** The calendar the delta examples describe, by event id: the only events the fake knows, with those the bridge creates. */
const CALENDAR_IDS = new Set(
  [DELTA_INITIAL_PAGE, ...Object.values(DELTA_PAGES_BY_SKIPTOKEN), DELTA_NEXT_ROUND].flatMap((page: Page) => page.value.map((entry) => entry.id)),
);

/**
 * A mailbox's calendar as Graph's pages document it, the same calendar for
 * whichever mailbox is asked. Answers change only what a real answer takes
 * from its request: links point at the fake and the mailbox asked about, a
 * created event carries the request's times and transactionId, a fetched
 * one the id asked for and the room the booking invited. A request about
 * an event the examples do not have is left to the fake's "unanswered".
 * One booking per fake: each create is answered with the example's one id.
 */
export function calendarRoutes(origin: () => string): Router {
  const router = express.Router();
  const created = new Map<string, Record<string, unknown>>();
  const known = (req: Request) => CALENDAR_IDS.has(String(req.params.id)) || created.has(String(req.params.id));

  // concepts/delta-query-events.md: the round's pages by `$skiptoken`, and the next round for its deltaLink.
  // The page shows no round after that one, so its first response stands for every later round too: it
  // repeats a change and a removal, which a delta client must take twice anyway (Graph may repeat changes).
  router.get('/users/:mailbox/calendarView/delta', (req, res, next) => {
    const page = deltaPage(req);
    if (!page) return next();
    const here = `${origin()}/v1.0/users/${encodeURIComponent(String(req.params.mailbox))}/calendarView/delta`;
    const link = (url: string | undefined) => url?.replace(DOCUMENTED_DELTA_URL, here);
    res.json({ ...page, '@odata.nextLink': link(page['@odata.nextLink']), '@odata.deltaLink': link(page['@odata.deltaLink']) });
  });

  // api-reference/v1.0/api/user-post-events.md, Example 1: 201 Created with the event.
  router.post('/users/:mailbox/events', (req, res) => {
    const body = req.body as Record<string, unknown>;
    created.set(CREATED_EVENT.id, body);
    res.status(201).json({ ...CREATED_EVENT, start: body.start, end: body.end, transactionId: body.transactionId ?? null });
  });

  // api-reference/v1.0/api/event-get.md, Response 1: its tentatively answering attendee is the room the booking invited.
  router.get('/users/:mailbox/events/:id', (req, res, next) => {
    const booking = created.get(String(req.params.id));
    if (!booking) return next();
    const [first, answering] = FETCHED_EVENT.attendees;
    const room = (booking.attendees as { emailAddress?: unknown }[] | undefined)?.[0]?.emailAddress ?? answering.emailAddress;
    res.json({ ...FETCHED_EVENT, id: req.params.id, attendees: [first, { ...answering, emailAddress: room }] });
  });

  // api-reference/v1.0/api/event-update.md: 200 OK with the page's event, placeholders and all.
  router.patch('/users/:mailbox/events/:id', (req, res, next) => {
    if (!known(req)) return next();
    res.json(UPDATED_EVENT);
  });

  // api-reference/v1.0/api/event-decline.md and event-cancel.md: 202 Accepted, no body.
  router.post('/users/:mailbox/events/:id/decline', (req, res, next) => {
    if (!known(req)) return next();
    res.status(202).end();
  });
  router.post('/users/:mailbox/events/:id/cancel', (req, res, next) => {
    if (!created.has(String(req.params.id))) return next();
    res.status(202).end();
  });

  // api-reference/v1.0/api/event-delete.md: 204 No Content.
  router.delete('/users/:mailbox/events/:id', (req, res, next) => {
    if (!known(req)) return next();
    res.status(204).end();
  });

  return router;
}

/** The documented page a delta request asks for: by its state token, or the first one for a window asked without a token. */
function deltaPage(req: Request): Page | undefined {
  const { $skiptoken: skipToken, $deltatoken: deltaToken, startDateTime, endDateTime } = req.query;
  if (deltaToken === 'R0usmcMDNGg0J1E' || deltaToken === 'R0usmcFuQtZdtpk4') return DELTA_NEXT_ROUND;
  if (deltaToken !== undefined) return undefined;
  if (skipToken !== undefined) return Object.entries(DELTA_PAGES_BY_SKIPTOKEN).find(([token]) => token === skipToken)?.[1];
  return startDateTime && endDateTime ? DELTA_INITIAL_PAGE : undefined;
}
