import { z } from 'zod';
import { GraphProblem } from './errors.ts';
import type { EventDraft, EventPatch } from './meetings.ts';
import { recurrenceOf } from './recurrence.ts';
import { instantOfWallTime, isMidnight, isSupportedZone, utcMidnight } from './time.ts';

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const location = z.object({ displayName: z.string().optional(), locationEmailAddress: z.string().optional() });
const changeable = {
  '@odata.type': z.string().optional(),
  subject: z.string().optional(),
  // In any case: the docs' own requests send "HTML" (user-post-events.md, "Request 3").
  body: z.object({ contentType: z.string().toLowerCase().pipe(z.enum(['text', 'html'])).optional(), content: z.string() }).optional(),
  start: dateTimeTimeZone.optional(),
  end: dateTimeTimeZone.optional(),
  isAllDay: z.boolean().optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
  sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).optional(),
  location: location.optional(),
};
const created = z.strictObject({
  ...changeable,
  attendees: z.array(z.object({ emailAddress: z.object({ address: z.string(), name: z.string().optional() }), type: z.enum(['required', 'optional', 'resource']).optional() })).optional(),
  locations: z.array(location).optional(),
  transactionId: z.string().optional(),
  // Checked and answered in full by recurrenceOf.
  recurrence: z.unknown().optional(),
});
const patched = z.strictObject(changeable);

/** A POST body for a new event, validated as Graph does; throws a 400 GraphProblem otherwise. */
export function eventDraftOf(body: unknown): EventDraft {
  const input = parse(created, body);
  if (!input.start || !input.end) throw new GraphProblem(400, 'ErrorInvalidRequest', 'An event needs both a start and an end.');
  const eventLocation = { displayName: input.location?.displayName ?? '', ...pickEmail(input.location) };
  return {
    subject: input.subject ?? '',
    bodyPreview: preview(input.body?.content),
    isAllDay: input.isAllDay ?? false,
    start: instantOf(input.start, input.isAllDay ?? false),
    end: instantOf(input.end, input.isAllDay ?? false),
    originalStartTimeZone: input.start.timeZone,
    originalEndTimeZone: input.end.timeZone,
    showAs: input.showAs ?? 'busy',
    sensitivity: input.sensitivity ?? 'normal',
    attendees: (input.attendees ?? []).map((attendee) => ({
      type: attendee.type ?? 'required',
      emailAddress: { name: attendee.emailAddress.name ?? attendee.emailAddress.address, address: attendee.emailAddress.address },
    })),
    location: eventLocation,
    locations: input.locations?.map((each) => ({ displayName: each.displayName ?? '', ...pickEmail(each) })) ?? (eventLocation.displayName ? [eventLocation] : []),
    transactionId: input.transactionId ?? null,
    recurrence: input.recurrence == null ? undefined : recurrenceOf(input.recurrence, input.start.timeZone),
  };
}

/** A PATCH body for an event that is (or is not) all-day now. */
export function eventPatchOf(body: unknown, current: { isAllDay: boolean }): EventPatch {
  const input = parse(patched, body);
  const patch: EventPatch = {};
  if (input.subject !== undefined) patch.subject = input.subject;
  if (input.body !== undefined) patch.bodyPreview = preview(input.body.content);
  if (input.showAs !== undefined) patch.showAs = input.showAs;
  if (input.sensitivity !== undefined) patch.sensitivity = input.sensitivity;
  if (input.location !== undefined) patch.location = { displayName: input.location.displayName ?? '', ...pickEmail(input.location) };
  const isAllDay = input.isAllDay ?? current.isAllDay;
  if (isAllDay !== current.isAllDay) {
    if (!input.start || !input.end) throw new GraphProblem(400, 'ErrorInvalidRequest', 'Changing isAllDay needs a new start and end.');
    patch.isAllDay = isAllDay;
  }
  if (input.start) {
    patch.start = instantOf(input.start, isAllDay);
    patch.originalStartTimeZone = input.start.timeZone;
  }
  if (input.end) {
    patch.end = instantOf(input.end, isAllDay);
    patch.originalEndTimeZone = input.end.timeZone;
  }
  return patch;
}

type DateTimeTimeZone = z.infer<typeof dateTimeTimeZone>;

function instantOf(value: DateTimeTimeZone, isAllDay: boolean): number {
  if (!isSupportedZone(value.timeZone)) {
    throw new GraphProblem(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${value.timeZone}'.`);
  }
  const ms = instantOfWallTime(value.dateTime, value.timeZone);
  if (ms === undefined) throw new GraphProblem(400, 'RequestBodyRead', `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTime'.`);
  if (!isAllDay) return ms;
  if (!isMidnight(value.dateTime)) throw new GraphProblem(400, 'ErrorInvalidRequest', 'The start and end of an all-day event must be at midnight.');
  return utcMidnight(value.dateTime.slice(0, 10))!;
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw new GraphProblem(400, 'RequestBodyRead', `The property '${issue.keys[0]}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type.`);
  }
  throw new GraphProblem(400, 'RequestBodyRead', `Invalid value for '${issue.path.join('.')}': ${issue.message}`);
}

function pickEmail(location: { locationEmailAddress?: string | undefined } | undefined): { locationEmailAddress?: string } {
  return location?.locationEmailAddress ? { locationEmailAddress: location.locationEmailAddress } : {};
}

/** Graph's bodyPreview: the body as plain text, at most 255 characters. */
function preview(content: string | undefined): string {
  return (content ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}
