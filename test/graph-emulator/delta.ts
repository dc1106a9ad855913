import { createHash, randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { readCalendars } from './calendar-permissions.ts';
import { windowOf } from './calendar-routes.ts';
import { GRAPH_RESOURCE, type EmulatorContext } from './context.ts';
import { GraphProblem, graphError } from './errors.ts';
import { idIn } from './event-ids.ts';
import { eventJson, removedJson } from './event-json.ts';
import { inCalendarView, stateAt, type EmulatedEvent, type EventStore } from './events.ts';
import { linkTo } from './links.ts';
import { mailboxOf } from './mailbox-access.ts';
import { Preferences } from './prefer.ts';

/** Exchange keeps a calendar view's sync state for about a week. */
const TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Where a delta round stands; encoded, opaquely, in its `$skiptoken` and `$deltatoken`. */
interface DeltaCursor {
  mailbox: string;
  start: number;
  end: number;
  /** Changes after this sequence number; null in the initial round, which lists the window's events. */
  since: number | null;
  /** Every page of a round shows the calendar as of this change, so pages stay consistent while it changes. */
  until: number;
  offset: number;
  /** Orders a shuffled round; null keeps the natural order. */
  seed: string | null;
  repeat: boolean;
  issuedAt: number;
  generation: number;
}

/** A removal carries the event as it was last, for its id in the form the request asks for. */
type Entry = { event: EmulatedEvent } | { removed: EmulatedEvent };

/** `calendarView/delta`: an initial round over a window, then the changes since each round's deltaLink, page by page. */
export function deltaRoutes(ctx: EmulatorContext): Router {
  const { tenant } = ctx;
  const router = express.Router();

  router.get(['/users/:user/calendarView/delta', '/users/:user/calendar/calendarView/delta'], readCalendars, (req, res) => {
    const prefs = new Preferences(req, tenant);
    const mailbox = mailboxOf(res).emailAddress.toLowerCase();
    const skipToken = req.query.$skiptoken;
    const deltaToken = req.query.$deltatoken;
    const fresh = { until: tenant.calendars.store.sequence, offset: 0, seed: tenant.deltaQuirks.shuffle ? randomUUID() : null, repeat: tenant.deltaQuirks.repeat };
    // An empty `$deltatoken` is the initial query: a 410's Location asks for one. Graph: concepts/delta-query-overview.md (Synchronization reset)
    const token = typeof skipToken === 'string' && skipToken ? skipToken : typeof deltaToken === 'string' && deltaToken ? deltaToken : undefined;
    let cursor: DeltaCursor;
    if (token === undefined) cursor = { mailbox, ...windowOf(req), since: null, ...fresh, issuedAt: tenant.now(), generation: tenant.deltaTokenGeneration };
    else {
      const decoded = decode(token, mailbox);
      if (tenant.now() - decoded.issuedAt > TOKEN_LIFETIME_MS || decoded.generation !== tenant.deltaTokenGeneration) return refuseRound(ctx, req, res, decoded);
      cursor = token === skipToken ? decoded : { ...decoded, ...fresh };
    }
    if (tenant.deltaRefusal.everyRound) return refuseRound(ctx, req, res, cursor);

    const entries = roundEntries(tenant.calendars.store, cursor);
    const end = cursor.offset + prefs.pageSize;
    const more = end < entries.length;
    const nextToken = encode({ ...cursor, ...(more ? { offset: end } : { since: cursor.until, offset: 0 }), issuedAt: tenant.now(), generation: tenant.deltaTokenGeneration });
    prefs.acknowledge(res, true);
    res.json({
      '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#Collection(event)`,
      value: entries.slice(cursor.offset, end).map((entry) => ('event' in entry ? eventJson(entry.event, prefs.timeZone, prefs.idForm) : removedJson(idIn(entry.removed, prefs.idForm)))),
      [more ? '@odata.nextLink' : '@odata.deltaLink']: linkTo(ctx, req, { [more ? '$skiptoken' : '$deltatoken']: nextToken }, false),
    });
  });

  return router;
}

/**
 * Graph's answer to a round it will not serve (a forgotten token, or any round
 * while the tenant refuses them all), in the shape `tenant.deltaRefusal` asks for.
 */
function refuseRound(ctx: EmulatorContext, req: Request, res: Response, window: { start: number; end: number }): void {
  switch (ctx.tenant.deltaRefusal.answer) {
    case 'sync-state-not-found':
      // What Exchange sends for a calendar view's forgotten token (microsoftgraph/microsoft-graph-docs#2350). Graph: concepts/delta-query-overview.md (Token duration)
      return graphError(res, 410, 'SyncStateNotFound', 'The sync state is no longer available. Start a new synchronization without a token.');
    case 'resync-required':
      // Graph: concepts/errors.md (code resyncRequired: the delta token is no longer valid, and the app must reset the sync state)
      return graphError(res, 400, 'resyncRequired', 'The delta token is no longer valid, and the app must reset the sync state.');
    case 'gone-with-location': {
      // Only the status and a Location with the initial query are described, so no body. Graph: concepts/delta-query-overview.md (Synchronization reset)
      const restart = linkTo(ctx, req, { startDateTime: new Date(window.start).toISOString(), endDateTime: new Date(window.end).toISOString(), $deltatoken: '' }, false);
      res.status(410).setHeader('Location', restart).end();
    }
  }
}

/**
 * A round's entries: the window's events as of `until`, or, after a deltaLink,
 * the events changed since then: their state when still in the window, a
 * removal when they left it. With the quirks, in random order, and with an
 * older version of an event after its newer one.
 */
function roundEntries(store: EventStore, cursor: DeltaCursor): Entry[] {
  const visible = (event: EmulatedEvent | null | undefined): event is EmulatedEvent => !!event && inCalendarView(event, cursor.start, cursor.end);
  const current: { event: EmulatedEvent }[] = [];
  const removed: { removed: EmulatedEvent }[] = [];
  const older = new Map<string, EmulatedEvent>();
  for (const [id, versions] of store.histories(cursor.mailbox)) {
    const latest = stateAt(versions, cursor.until);
    const since = cursor.since;
    if (!latest || (since !== null && latest.seq <= since)) continue;
    if (visible(latest.event)) {
      current.push({ event: latest.event });
      const previous = versions.filter((version) => version.seq < latest.seq && version.event).at(-1)?.event;
      if (previous && previous.lastModifiedDateTime < latest.event.lastModifiedDateTime) older.set(id, previous);
    } else if (since !== null && (visible(stateAt(versions, since)?.event) || versions.some((version) => version.seq > since && version.seq <= cursor.until && visible(version.event)))) {
      removed.push({ removed: versions.filter((version) => version.event).at(-1)!.event! });
    }
  }
  current.sort((a, b) => a.event.start - b.event.start || a.event.id.localeCompare(b.event.id));
  let entries: Entry[] = [...current, ...removed];
  const seed = cursor.seed;
  if (seed !== null) {
    const rank = (entry: Entry) => createHash('sha1').update(`${seed}:${'event' in entry ? entry.event.id : entry.removed.id}`).digest('hex');
    entries = entries.map((entry) => ({ entry, rank: rank(entry) })).sort((a, b) => a.rank.localeCompare(b.rank)).map(({ entry }) => entry);
  }
  if (cursor.repeat) {
    entries = entries.flatMap((entry) => {
      const stale = 'event' in entry ? older.get(entry.event.id) : undefined;
      return stale ? [entry, { event: stale }] : [entry];
    });
  }
  return entries;
}

function encode(cursor: DeltaCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decode(token: string, mailbox: string): DeltaCursor {
  let cursor: DeltaCursor | null = null;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaCursor | null;
  } catch {
    // Answered below, like any other token that is not one of ours.
  }
  if (typeof cursor !== 'object' || cursor === null || typeof cursor.until !== 'number') {
    throw new GraphProblem(400, 'ErrorInvalidUrlQuery', 'The sync state in the token is not valid.');
  }
  if (cursor.mailbox !== mailbox) throw new GraphProblem(400, 'ErrorInvalidUrlQuery', 'The sync state in the token belongs to another mailbox.');
  return cursor;
}
