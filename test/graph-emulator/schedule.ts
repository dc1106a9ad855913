import express, { type Router } from 'express';
import { z } from 'zod';
import { readCalendars } from './calendar-permissions.ts';
import { GRAPH_RESOURCE, type EmulatorContext } from './context.ts';
import { GraphProblem } from './errors.ts';
import { eventJson } from './event-json.ts';
import { inCalendarView, overlaps, type EmulatedEvent, type ShowAs } from './events.ts';
import { Preferences } from './prefer.ts';
import { instantOfWallTime, isSupportedZone } from './time.ts';

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const request = z.object({
  schedules: z.array(z.string()).min(1).max(100),
  startTime: dateTimeTimeZone,
  endTime: dateTimeTimeZone,
  availabilityViewInterval: z.coerce.number().int().min(5).max(1440).optional(),
});

/** availabilityView digits: working elsewhere counts as free, as Graph keeps it for older clients. */
const AVAILABILITY: Record<ShowAs, number> = { free: 0, workingElsewhere: 0, unknown: 0, tentative: 1, busy: 2, oof: 3 };

/** `calendar/getSchedule`: free/busy of mailboxes over a window, as items and as an availability string. */
export function scheduleRoutes(ctx: EmulatorContext): Router {
  const { tenant } = ctx;
  const router = express.Router();

  router.post('/users/:user/calendar/getSchedule', readCalendars, (req, res) => {
    const parsed = request.safeParse(req.body);
    if (!parsed.success) throw new GraphProblem(400, 'ErrorInvalidRequest', `Invalid getSchedule request: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    const { schedules, startTime, endTime, availabilityViewInterval: interval = 30 } = parsed.data;
    const start = instantOf(startTime);
    const end = instantOf(endTime);
    const prefs = new Preferences(req, tenant);
    const value = schedules.map((scheduleId) => {
      const mailbox = tenant.mailbox(scheduleId);
      if (!mailbox || mailbox.unreachable) {
        return { scheduleId, availabilityView: '', scheduleItems: [], error: { message: `The requested user '${scheduleId}' is invalid.`, responseCode: 'ErrorMailRecipientNotFound' } };
      }
      const items = tenant.calendars.store.list(mailbox.emailAddress).filter((event) => inCalendarView(event, start, end));
      return {
        scheduleId,
        availabilityView: availabilityView(items, start, end, interval),
        scheduleItems: items.map((event) => scheduleItem(event, prefs.timeZone)),
        workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'UTC' } },
      };
    });
    prefs.acknowledge(res, false);
    res.json({ '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`, value });
  });

  return router;
}

function instantOf(value: z.infer<typeof dateTimeTimeZone>): number {
  const ms = isSupportedZone(value.timeZone) ? instantOfWallTime(value.dateTime, value.timeZone) : undefined;
  if (ms === undefined) throw new GraphProblem(400, 'ErrorInvalidRequest', `Invalid time: ${value.dateTime} ${value.timeZone}`);
  return ms;
}

/** One digit per interval: the busiest status of any item overlapping it. */
function availabilityView(items: EmulatedEvent[], start: number, end: number, minutes: number): string {
  const slot = minutes * 60_000;
  let view = '';
  for (let from = start; from < end; from += slot) {
    view += Math.max(0, ...items.filter((item) => overlaps(item, from, from + slot)).map((item) => AVAILABILITY[item.showAs]));
  }
  return view;
}

/** Private items show only their time and status. */
function scheduleItem(event: EmulatedEvent, timeZone: string): Record<string, unknown> {
  // A schedule item shows no id, so its form does not matter.
  const { start, end } = eventJson(event, timeZone, 'rest');
  const isPrivate = event.sensitivity === 'private';
  return {
    isPrivate,
    status: event.showAs,
    ...(isPrivate ? {} : { subject: event.subject, location: event.location.displayName }),
    start,
    end,
  };
}
