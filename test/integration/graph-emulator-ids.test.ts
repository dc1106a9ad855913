import { describe, expect, it } from 'vitest';
import { pageOf } from '../graph-emulator/graph-test-client.ts';
import { booking, office, ROOM, SERVICE, type GraphEvent } from '../graph-emulator/office.ts';

const IMMUTABLE = { prefer: 'IdType="ImmutableId"' };
const WINDOW = 'startDateTime=2026-10-20T00:00:00Z&endDateTime=2026-10-21T00:00:00Z';

describe('Graph emulator: event ids', () => {
  it('answers default ids unless a request asks for immutable ones, and finds an event only by the form the request asks for', async () => {
    const { tenant, graph } = await office();
    const created = (await graph(`/users/${SERVICE}/events`, { method: 'POST', body: booking('Walk-up', '2026-10-20T09:00:00', '2026-10-20T09:30:00') })).body as GraphEvent;
    const [stored] = tenant.eventsOf(SERVICE);
    expect(created.id).toBe(stored!.restId);
    expect(created.id).not.toBe(stored!.id);

    const immutable = await graph(`/users/${SERVICE}/events/${stored!.id}`, { headers: IMMUTABLE });
    expect(immutable).toMatchObject({ status: 200, body: { id: stored!.id }, headers: { 'preference-applied': 'IdType="ImmutableId"' } });
    expect((await graph(`/users/${SERVICE}/events/${created.id}`)).body).toMatchObject({ id: created.id });
    expect(await graph(`/users/${SERVICE}/events/${stored!.id}`)).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
    expect((await graph(`/users/${SERVICE}/events/${created.id}`, { headers: IMMUTABLE })).status).toBe(404);

    const roomCopy = tenant.eventsOf(ROOM)[0]!;
    expect(pageOf<GraphEvent>(await graph(`/users/${ROOM}/calendarView?${WINDOW}`, { headers: IMMUTABLE })).value.map((each) => each.id)).toEqual([roomCopy.id]);
    expect(pageOf<GraphEvent>(await graph(`/users/${ROOM}/calendarView?${WINDOW}`)).value.map((each) => each.id)).toEqual([roomCopy.restId]);
  });

  it('gives delta removals in the form the round asks for', async () => {
    const { tenant, graph } = await office();
    const event = tenant.scheduleMeeting(SERVICE, { subject: 'Review', start: '2026-10-20T09:00:00Z', end: '2026-10-20T10:00:00Z', rooms: [ROOM] });
    const roomCopy = tenant.eventsOf(ROOM)[0]!;
    const initial = pageOf(await graph(`/users/${ROOM}/calendarView/delta?${WINDOW}`, { headers: IMMUTABLE }));
    expect(initial.value.map((entry) => entry.id)).toEqual([roomCopy.id]);

    tenant.cancelMeeting(SERVICE, event.id);
    const removals = pageOf(await graph(initial['@odata.deltaLink']!, { headers: IMMUTABLE }));
    expect(removals.value).toEqual([expect.objectContaining({ id: roomCopy.id, '@removed': { reason: 'deleted' } })]);
    expect(pageOf(await graph(initial['@odata.deltaLink']!)).value).toEqual([expect.objectContaining({ id: roomCopy.restId, '@removed': { reason: 'deleted' } })]);
  });

  it('refuses a repeated transactionId with 400 ErrorDuplicateTransactionId when the tenant answers repeats so, making no second event', async () => {
    const { tenant, graph } = await office();
    tenant.calendars.repeatedTransaction = 'error';
    const body = booking('Walk-up', '2026-10-20T09:00:00', '2026-10-20T09:30:00', { transactionId: 'walk-up-1' });
    expect((await graph(`/users/${SERVICE}/events`, { method: 'POST', body })).status).toBe(201);
    expect(await graph(`/users/${SERVICE}/events`, { method: 'POST', body })).toMatchObject({ status: 400, body: { error: { code: 'ErrorDuplicateTransactionId' } } });
    expect(tenant.eventsOf(SERVICE)).toHaveLength(1);
  });
});
