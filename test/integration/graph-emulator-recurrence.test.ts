import { describe, expect, it } from 'vitest';
import { pageOf, type EmulatedGraph } from '../graph-emulator/graph-test-client.ts';
import { ALICE, booking, office, ROOM, SERVICE, statusOf, type GraphEvent } from '../graph-emulator/office.ts';

/** An event with the properties of a recurring series (resources/event.md). */
interface SeriesEvent extends GraphEvent {
  type: string;
  seriesMasterId: string | null;
  recurrence: Record<string, unknown> | null;
  '@removed'?: { reason: string };
}

/** Graph: api-reference/v1.0/api/user-post-events.md, "Request 3": every Monday, 12:00 to 14:00, from September 4, 2017, to the end of the year. */
const DOCUMENTED_SERIES = {
  subject: "Let's go for lunch",
  body: { contentType: 'HTML', content: 'Does noon time work for you?' },
  start: { dateTime: '2017-09-04T12:00:00', timeZone: 'Pacific Standard Time' },
  end: { dateTime: '2017-09-04T14:00:00', timeZone: 'Pacific Standard Time' },
  recurrence: {
    pattern: { type: 'weekly', interval: 1, daysOfWeek: ['Monday'] },
    range: { type: 'endDate', startDate: '2017-09-04', endDate: '2017-12-31' },
  },
  location: { displayName: "Harry's Bar" },
  attendees: [{ emailAddress: { address: 'AdeleV@contoso.onmicrosoft.com', name: 'Adele Vance' }, type: 'required' }],
};

const WEEKLY_SYNC = {
  subject: 'Weekly sync',
  start: '2026-10-19T09:00:00Z',
  end: '2026-10-19T10:00:00Z',
  rooms: [ROOM],
  recurrence: { pattern: { type: 'weekly' as const, interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered' as const, startDate: '2026-10-19', numberOfOccurrences: 4 } },
};
const OCTOBER_AND_NOVEMBER = 'startDateTime=2026-10-01T00:00:00Z&endDateTime=2026-12-01T00:00:00Z';
const ONE_PAGE = { prefer: 'odata.maxpagesize=50' };

async function calendarView(graph: EmulatedGraph, mailbox: string, window = OCTOBER_AND_NOVEMBER, prefer = ONE_PAGE.prefer): Promise<SeriesEvent[]> {
  return pageOf<SeriesEvent>(await graph.graph(`/users/${mailbox}/calendarView?${window}`, { headers: { prefer } })).value;
}

describe('Graph emulator: recurring events', () => {
  it('creates the documented weekly series: a master with the rule as Graph answers it, and an occurrence each Monday in calendarView', async () => {
    const graph = await office();
    const inRedmond = 'outlook.timezone="Pacific Standard Time"';
    const created = await graph.graph(`/users/${ALICE}/events`, { method: 'POST', body: DOCUMENTED_SERIES, headers: { prefer: inRedmond } });
    expect(created.status).toBe(201);
    const master = created.body as SeriesEvent;
    // The documented "Response 3": days lower case, every property of the rule filled in, the start's zone as the range's.
    expect(master).toMatchObject({ type: 'seriesMaster', seriesMasterId: null, start: { dateTime: '2017-09-04T12:00:00.0000000', timeZone: 'Pacific Standard Time' } });
    expect(master.recurrence).toEqual({
      pattern: { type: 'weekly', interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ['monday'], firstDayOfWeek: 'sunday', index: 'first' },
      range: { type: 'endDate', startDate: '2017-09-04', endDate: '2017-12-31', recurrenceTimeZone: 'Pacific Standard Time', numberOfOccurrences: 0 },
    });

    const occurrences = await calendarView(graph, ALICE, 'startDateTime=2017-09-01T00:00:00Z&endDateTime=2018-01-01T00:00:00Z', `${inRedmond}, odata.maxpagesize=50`);
    // concepts/outlook-schedule-recurring-events.md: December 31, 2017 is a Sunday, so the last occurrence is on Monday, December 25.
    expect(occurrences).toHaveLength(17);
    expect(occurrences.at(-1)!.start.dateTime).toBe('2017-12-25T12:00:00.0000000');
    for (const occurrence of occurrences) {
      expect(occurrence).toMatchObject({ type: 'occurrence', seriesMasterId: master.id, recurrence: null, subject: "Let's go for lunch" });
      // Noon in Redmond on both sides of the end of daylight saving time (November 5, 2017).
      expect(occurrence.start.dateTime.slice(11)).toBe('12:00:00.0000000');
      expect(occurrence.end.dateTime.slice(11)).toBe('14:00:00.0000000');
    }
    expect(new Set(occurrences.map((each) => each.iCalUId)).size).toBe(17);
    expect(occurrences.map((each) => each.id)).not.toContain(master.id);
  });

  it("gives the room a series it accepts, its occurrences naming the room's own copy of the master", async () => {
    const graph = await office();
    const master = graph.tenant.scheduleMeeting(ALICE, WEEKLY_SYNC);
    expect(statusOf((await graph.graph(`/users/${ALICE}/events/${master.restId}`)).body as GraphEvent, ROOM)).toBe('accepted');
    const roomView = await calendarView(graph, ROOM);
    expect(roomView.map((each) => each.start.dateTime)).toEqual(['2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09'].map((day) => `${day}T09:00:00.0000000`));
    const roomMasterId = roomView[0]!.seriesMasterId!;
    expect(new Set(roomView.map((each) => each.seriesMasterId))).toEqual(new Set([roomMasterId]));
    expect((await graph.graph(`/users/${ROOM}/events/${roomMasterId}`)).body).toMatchObject({ type: 'seriesMaster', isOrganizer: false, subject: 'Weekly sync' });
  });

  it('declines a whole series for the room when one occurrence conflicts', async () => {
    const graph = await office();
    await graph.graph(`/users/${SERVICE}/events`, { method: 'POST', body: booking('Walk-up', '2026-11-02T09:30:00', '2026-11-02T10:00:00') });
    const master = graph.tenant.scheduleMeeting(ALICE, WEEKLY_SYNC);
    expect(statusOf((await graph.graph(`/users/${ALICE}/events/${master.restId}`)).body as GraphEvent, ROOM)).toBe('declined');
    expect((await calendarView(graph, ROOM)).map((each) => each.subject)).toEqual(['Walk-up']);
    const organizers = await calendarView(graph, ALICE);
    expect(organizers.map((each) => statusOf(each, ROOM))).toEqual(['declined', 'declined', 'declined', 'declined']);
  });

  it('declines one occurrence for the room and keeps the rest of the series', async () => {
    const graph = await office();
    graph.tenant.scheduleMeeting(ALICE, WEEKLY_SYNC);
    const [first] = await calendarView(graph, ROOM);
    expect((await graph.graph(`/users/${ROOM}/events/${first!.id}/decline`, { method: 'POST', body: { comment: 'Nobody checked in', sendResponse: true } })).status).toBe(202);
    expect(await calendarView(graph, ROOM)).toHaveLength(3);
    expect((await calendarView(graph, ALICE)).map((each) => statusOf(each, ROOM))).toEqual(['declined', 'accepted', 'accepted', 'accepted']);
    expect(graph.tenant.responsesTo(ALICE)).toEqual([expect.objectContaining({ subject: 'Declined: Weekly sync', comment: 'Nobody checked in' })]);
  });

  it("declines the series master from the room's calendar: every occurrence leaves it, delta says so, and the organizer gets one answer with the comment", async () => {
    const graph = await office();
    const master = graph.tenant.scheduleMeeting(ALICE, WEEKLY_SYNC);
    const initial = pageOf<SeriesEvent>(await graph.graph(`/users/${ROOM}/calendarView/delta?${OCTOBER_AND_NOVEMBER}`, { headers: ONE_PAGE }));
    expect(initial.value).toHaveLength(4);
    const roomMasterId = initial.value[0]!.seriesMasterId!;

    const comment = 'Released by Lintel: nobody checked in to the last 2 occurrences in Boardroom.';
    expect((await graph.graph(`/users/${ROOM}/events/${roomMasterId}/decline`, { method: 'POST', body: { comment, sendResponse: true } })).status).toBe(202);
    expect(await calendarView(graph, ROOM)).toEqual([]);
    expect(graph.tenant.eventsOf(ROOM)).toEqual([]);

    const changes = pageOf<SeriesEvent>(await graph.graph(initial['@odata.deltaLink']!, { headers: ONE_PAGE }));
    expect(changes.value.map((entry) => [entry.id, entry['@removed']?.reason]).sort()).toEqual(initial.value.map((each) => [each.id, 'deleted']).sort());

    expect(statusOf((await graph.graph(`/users/${ALICE}/events/${master.restId}`)).body as GraphEvent, ROOM)).toBe('declined');
    expect((await calendarView(graph, ALICE)).map((each) => statusOf(each, ROOM))).toEqual(['declined', 'declined', 'declined', 'declined']);
    expect(graph.tenant.responsesTo(ALICE)).toEqual([
      expect.objectContaining({ from: { name: 'Boardroom', address: ROOM }, subject: 'Declined: Weekly sync', responseType: 'declined', comment }),
    ]);
  });
});
