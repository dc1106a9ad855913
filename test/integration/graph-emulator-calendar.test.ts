import { describe, expect, it } from 'vitest';
import { emulatedGraph, pageOf } from '../graph-emulator/graph-test-client.ts';
import { ALICE, booking, office, ROOM, SERVICE, statusOf, type GraphEvent } from '../graph-emulator/office.ts';
import { httpsJson } from '../support/https-client.ts';

const DAY = 'startDateTime=2026-10-20T00:00:00Z&endDateTime=2026-10-21T00:00:00Z';

describe('Graph emulator: calendarView', () => {
  it('lists the events overlapping the window, paged by Prefer: odata.maxpagesize, 10 by default', async () => {
    const { tenant, graph } = await office();
    for (let hour = 6; hour < 18; hour++) {
      const at = `2026-10-20T${String(hour).padStart(2, '0')}`;
      tenant.scheduleMeeting(ALICE, { subject: `Meeting ${hour}`, start: `${at}:00:00Z`, end: `${at}:45:00Z`, rooms: [ROOM] });
    }
    tenant.scheduleMeeting(ALICE, { subject: 'Tomorrow', start: '2026-10-21T09:00:00Z', end: '2026-10-21T10:00:00Z', rooms: [ROOM] });
    tenant.scheduleMeeting(ALICE, { subject: 'Overnight', start: '2026-10-19T23:00:00Z', end: '2026-10-20T00:30:00Z', rooms: [ROOM] });

    const prefer = { prefer: 'odata.maxpagesize=5' };
    const subjects: string[] = [];
    let answer = await graph(`/users/${ROOM}/calendarView?${DAY}`, { headers: prefer });
    expect(answer.headers['preference-applied']).toContain('odata.maxpagesize=5');
    let pages = 0;
    for (;;) {
      const page = pageOf<GraphEvent>(answer);
      pages++;
      expect(page.value.length).toBeLessThanOrEqual(5);
      subjects.push(...page.value.map((event) => event.subject));
      if (!page['@odata.nextLink']) break;
      expect(page['@odata.nextLink']).toContain('$skip=');
      answer = await graph(page['@odata.nextLink'], { headers: prefer });
    }
    expect(pages).toBe(3);
    expect(subjects).toEqual(['Overnight', ...Array.from({ length: 12 }, (_, i) => `Meeting ${i + 6}`)]);

    const defaultPage = pageOf<GraphEvent>(await graph(`/users/${ROOM}/calendar/calendarView?${DAY}`));
    expect(defaultPage.value).toHaveLength(10);
    expect(defaultPage['@odata.nextLink']).toBeDefined();
  });

  it('requires a window', async () => {
    const { graph } = await office();
    expect(await graph(`/users/${ROOM}/calendarView?startDateTime=2026-10-20T00:00:00Z`)).toMatchObject({ status: 400, body: { error: { code: 'ErrorInvalidParameter' } } });
  });

  it('renders times in the Prefer: outlook.timezone zone across the end of daylight saving; all-day events float', async () => {
    const { tenant, graph } = await office();
    tenant.scheduleMeeting(ALICE, { subject: 'Before', start: '2026-10-24T10:00:00Z', end: '2026-10-24T11:00:00Z', rooms: [ROOM] });
    tenant.scheduleMeeting(ALICE, { subject: 'Across', start: '2026-10-25T00:30:00Z', end: '2026-10-25T01:30:00Z', rooms: [ROOM] });
    tenant.scheduleMeeting(ALICE, { subject: 'After', start: '2026-10-25T10:00:00Z', end: '2026-10-25T11:00:00Z', rooms: [ROOM] });
    tenant.scheduleMeeting(ALICE, { subject: 'Whole day', start: '2026-10-26', end: '2026-10-27', allDay: true, rooms: [ROOM] });
    const window = 'startDateTime=2026-10-24T00:00:00Z&endDateTime=2026-10-28T00:00:00Z';
    const times = (events: GraphEvent[]) => Object.fromEntries(events.map((event) => [event.subject, [event.start.dateTime, event.end.dateTime, event.start.timeZone]]));

    const amsterdam = await graph(`/users/${ROOM}/calendarView?${window}`, { headers: { prefer: 'outlook.timezone="Europe/Amsterdam", IdType="ImmutableId"' } });
    expect(amsterdam.headers['preference-applied']).toContain('outlook.timezone="Europe/Amsterdam"');
    expect(amsterdam.headers['preference-applied']).toContain('IdType="ImmutableId"');
    expect(times(pageOf<GraphEvent>(amsterdam).value)).toEqual({
      Before: ['2026-10-24T12:00:00.0000000', '2026-10-24T13:00:00.0000000', 'Europe/Amsterdam'],
      Across: ['2026-10-25T02:30:00.0000000', '2026-10-25T02:30:00.0000000', 'Europe/Amsterdam'],
      After: ['2026-10-25T11:00:00.0000000', '2026-10-25T12:00:00.0000000', 'Europe/Amsterdam'],
      'Whole day': ['2026-10-26T00:00:00.0000000', '2026-10-27T00:00:00.0000000', 'Europe/Amsterdam'],
    });
    const utc = await graph(`/users/${ROOM}/calendarView?${window}`);
    expect(utc.headers['preference-applied']).toBeUndefined();
    expect(times(pageOf<GraphEvent>(utc).value)).toMatchObject({
      Across: ['2026-10-25T00:30:00.0000000', '2026-10-25T01:30:00.0000000', 'UTC'],
      'Whole day': ['2026-10-26T00:00:00.0000000', '2026-10-27T00:00:00.0000000', 'UTC'],
    });
  });

  it('reads a wall time in the zone it is given in, and refuses a zone it does not know', async () => {
    const { graph } = await office();
    const created = await graph(`/users/${SERVICE}/events`, {
      method: 'POST',
      body: { ...booking('Local', '', ''), start: { dateTime: '2026-10-25T09:00:00', timeZone: 'Europe/Amsterdam' }, end: { dateTime: '2026-10-25T09:30:00', timeZone: 'Europe/Amsterdam' } },
    });
    expect(created.status).toBe(201);
    const event = created.body as GraphEvent;
    expect(event).toMatchObject({ start: { dateTime: '2026-10-25T08:00:00.0000000', timeZone: 'UTC' }, originalStartTimeZone: 'Europe/Amsterdam' });
    const inNewYork = await graph(`/users/${SERVICE}/events/${event.id}`, { headers: { prefer: 'outlook.timezone="America/New_York"' } });
    expect(inNewYork.body).toMatchObject({ start: { dateTime: '2026-10-25T04:00:00.0000000', timeZone: 'America/New_York' } });

    const unknown = await graph(`/users/${SERVICE}/events`, {
      method: 'POST',
      body: { ...booking('Mars', '', ''), start: { dateTime: '2026-10-25T09:00:00', timeZone: 'Mars/Olympus' }, end: { dateTime: '2026-10-25T09:30:00', timeZone: 'UTC' } },
    });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'TimeZoneNotSupportedException' } } });
  });
});

describe('Graph emulator: creating events', () => {
  it('creates one event per transactionId and mailbox, answering a retry with the first event', async () => {
    const { tenant, graph } = await office();
    const body = booking('Walk-up', '2026-10-20T09:00:00', '2026-10-20T09:30:00', { transactionId: 'b8c1f0e2-walk-up' });
    const first = await graph(`/users/${SERVICE}/events`, { method: 'POST', body });
    const retry = await graph(`/users/${SERVICE}/calendar/events`, { method: 'POST', body });
    expect(first).toMatchObject({ status: 201, body: { transactionId: 'b8c1f0e2-walk-up' } });
    expect(retry.status).toBe(201);
    expect((retry.body as GraphEvent).id).toBe((first.body as GraphEvent).id);
    expect(tenant.eventsOf(SERVICE)).toHaveLength(1);
    expect(tenant.eventsOf(ROOM)).toHaveLength(1);

    const elsewhere = await graph(`/users/${ALICE}/events`, { method: 'POST', body: { ...body, attendees: [] } });
    expect((elsewhere.body as GraphEvent).id).not.toBe((first.body as GraphEvent).id);
  });

  it('lets the room accept a free slot: the POST answer shows no response yet, a GET of the organizer event shows the acceptance', async () => {
    const { tenant, graph } = await office();
    const created = await graph(`/users/${SERVICE}/events`, { method: 'POST', body: booking('Walk-up', '2026-10-20T09:00:00', '2026-10-20T09:30:00') });
    const event = created.body as GraphEvent;
    expect(event.id).toMatch(/^AAMkAD[\w-]{90,}$/);
    expect(statusOf(event, ROOM)).toBe('none');

    const organizers = (await graph(`/users/${SERVICE}/events/${event.id}`)).body as GraphEvent;
    expect(statusOf(organizers, ROOM)).toBe('accepted');
    const [copy] = pageOf<GraphEvent>(await graph(`/users/${ROOM}/calendarView?${DAY}`)).value;
    expect(copy).toMatchObject({ iCalUId: event.iCalUId, isOrganizer: false, subject: 'Walk-up', organizer: { emailAddress: { address: SERVICE, name: 'Lintel Service' } } });
    expect(copy!.id).not.toBe(event.id);
    expect(tenant.eventsOf(ROOM)).toHaveLength(1);
  });

  it('lets the room decline a conflict, ignoring free time, and leaves an unprocessed room undecided', async () => {
    const { tenant, graph } = await office();
    tenant.scheduleMeeting(ALICE, { subject: 'Planning', start: '2026-10-20T10:00:00Z', end: '2026-10-20T11:00:00Z', rooms: [ROOM] });
    const free = await graph(`/users/${ROOM}/events`, { method: 'POST', body: { ...booking('Cleaning', '2026-10-20T12:00:00', '2026-10-20T13:00:00'), attendees: [], showAs: 'free' } });
    expect((free.body as GraphEvent).isOrganizer).toBe(true);

    const clash = (await graph(`/users/${SERVICE}/events`, { method: 'POST', body: booking('Clash', '2026-10-20T10:30:00', '2026-10-20T11:30:00') })).body as GraphEvent;
    expect(statusOf((await graph(`/users/${SERVICE}/events/${clash.id}`)).body as GraphEvent, ROOM)).toBe('declined');
    const overFree = (await graph(`/users/${SERVICE}/events`, { method: 'POST', body: booking('Over free', '2026-10-20T12:15:00', '2026-10-20T12:45:00') })).body as GraphEvent;
    expect(statusOf((await graph(`/users/${SERVICE}/events/${overFree.id}`)).body as GraphEvent, ROOM)).toBe('accepted');
    expect(tenant.eventsOf(ROOM).map((event) => event.subject)).toEqual(['Planning', 'Cleaning', 'Over free']);

    tenant.addRoom({ displayName: 'Manual', emailAddress: 'manual@contoso.example', calendarProcessing: { autoAccept: false } });
    const manual = (await graph(`/users/${SERVICE}/events`, { method: 'POST', body: booking('Manual', '2026-10-20T09:00:00', '2026-10-20T10:00:00', {}, 'manual@contoso.example') })).body as GraphEvent;
    expect(statusOf((await graph(`/users/${SERVICE}/events/${manual.id}`)).body as GraphEvent, 'manual@contoso.example')).toBe('none');
    expect(tenant.eventsOf('manual@contoso.example')).toEqual([]);
  });

  it("titles the room's copy with the organizer's name when the room deletes subjects and adds the organizer", async () => {
    const { tenant } = await office();
    tenant.addRoom({ displayName: 'Discreet', emailAddress: 'discreet@contoso.example', calendarProcessing: { deleteSubject: true, addOrganizerToSubject: true } });
    const event = tenant.scheduleMeeting(ALICE, { subject: 'Salary talks', start: '2026-10-20T09:00:00Z', end: '2026-10-20T10:00:00Z', rooms: ['discreet@contoso.example'] });
    expect(tenant.eventsOf('discreet@contoso.example')).toEqual([expect.objectContaining({ subject: 'Alice Jansen', iCalUId: event.iCalUId })]);
    expect(tenant.eventsOf(ALICE)[0]!.subject).toBe('Salary talks');
  });

  it('refuses bodies Graph refuses, in its error format', async () => {
    const { emulator, graph, accessToken } = await office();
    const post = (body: unknown) => graph(`/users/${SERVICE}/events`, { method: 'POST', body });
    expect(await post({ ...booking('x', '2026-10-20T09:00:00', '2026-10-20T10:00:00'), colour: 'red' })).toMatchObject({
      status: 400,
      body: { error: { code: 'RequestBodyRead', message: expect.stringContaining("'colour'") } },
    });
    expect(await post(booking('x', '2026-10-20T10:00:00', '2026-10-20T09:00:00'))).toMatchObject({ status: 400, body: { error: { code: 'ErrorCalendarEndDateIsEarlierThanStartDate' } } });
    expect(await post({ subject: 'No times' })).toMatchObject({ status: 400, body: { error: { code: 'ErrorInvalidRequest' } } });
    expect(await post({ ...booking('x', '2026-10-20T09:00:00', '2026-10-20T10:00:00'), subject: 42 })).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead' } } });
    expect(await post({ ...booking('x', '2026-10-20T09:00:00', '2026-10-20T10:00:00'), isAllDay: true })).toMatchObject({ status: 400, body: { error: { code: 'ErrorInvalidRequest' } } });
    const malformed = await httpsJson(`${emulator.url}/v1.0/users/${SERVICE}/events`, {
      ca: emulator.ca,
      method: 'POST',
      headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
      body: '{"subject":',
    });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    expect(await graph(`/users/${SERVICE}/events/AAMkADnothing`)).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
  });

  it('answers for unknown and unreachable mailboxes and for missing permissions as Graph does', async () => {
    const { tenant, graph } = await office();
    tenant.addMailbox({ displayName: 'CEO', emailAddress: 'ceo@contoso.example', unreachable: 'access-denied' });
    tenant.addRoom({ displayName: 'Gone', emailAddress: 'gone@contoso.example', unreachable: 'not-found' });
    tenant.addRoom({ displayName: 'Annex', emailAddress: 'annex@contoso.example', unreachable: 'rest-not-enabled' });
    tenant.addRoom({ displayName: 'Loft', emailAddress: 'loft@contoso.example', unreachable: 'outside-rbac-scope' });
    expect(await graph(`/users/nobody@contoso.example/calendarView?${DAY}`)).toMatchObject({ status: 404, body: { error: { code: 'ErrorInvalidUser' } } });
    expect(await graph(`/users/ceo@contoso.example/calendarView?${DAY}`)).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied', message: expect.stringMatching(/^Access to OData is disabled/) } } });
    expect(await graph(`/users/annex@contoso.example/calendarView?${DAY}`)).toMatchObject({ status: 404, body: { error: { code: 'MailboxNotEnabledForRESTAPI' } } });
    expect(await graph(`/users/loft@contoso.example/calendarView?${DAY}`)).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
    expect(await graph(`/users/gone@contoso.example/events`, { method: 'POST', body: booking('x', '2026-10-20T09:00:00', '2026-10-20T10:00:00') })).toMatchObject({
      status: 404,
      body: { error: { code: 'ErrorItemNotFound' } },
    });

    const readOnly = await emulatedGraph({ roles: ['Calendars.Read'] });
    readOnly.tenant.addRoom({ displayName: 'Boardroom', emailAddress: ROOM });
    expect((await readOnly.graph(`/users/${ROOM}/calendarView?${DAY}`)).status).toBe(200);
    expect(await readOnly.graph(`/users/${ROOM}/events`, { method: 'POST', body: booking('x', '2026-10-20T09:00:00', '2026-10-20T10:00:00') })).toMatchObject({
      status: 403,
      body: { error: { code: 'ErrorAccessDenied' } },
    });
  });
});
