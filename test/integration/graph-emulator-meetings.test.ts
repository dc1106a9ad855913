import { describe, expect, it } from 'vitest';
import { ALICE, BOB, booking, office, ROOM, SERVICE, statusOf, type GraphEvent } from '../graph-emulator/office.ts';

describe('Graph emulator: changing, cancelling and answering events', () => {
  it("carries the organizer's changes to the room, which processes a new time again; an attendee's change stays in its copy", async () => {
    const { tenant, graph } = await office();
    tenant.scheduleMeeting(ALICE, { subject: 'Review', start: '2026-10-20T11:00:00Z', end: '2026-10-20T12:00:00Z', rooms: [ROOM] });
    const event = (await graph(`/users/${SERVICE}/events`, { method: 'POST', body: booking('Stand-up', '2026-10-20T09:00:00', '2026-10-20T09:30:00') })).body as GraphEvent;
    const organizers = async () => (await graph(`/users/${SERVICE}/events/${event.id}`)).body as GraphEvent;
    const copies = () => tenant.eventsOf(ROOM).filter((each) => each.iCalUId === event.iCalUId);

    const patch = (body: unknown, mailbox = SERVICE, id = event.id) => graph(`/users/${mailbox}/events/${id}`, { method: 'PATCH', body });
    expect((await patch({ start: { dateTime: '2026-10-20T11:30:00', timeZone: 'UTC' }, end: { dateTime: '2026-10-20T12:30:00', timeZone: 'UTC' } })).status).toBe(200);
    expect(statusOf(await organizers(), ROOM)).toBe('declined');
    expect(copies()).toEqual([]);

    await patch({ start: { dateTime: '2026-10-20T14:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-10-20T14:30:00', timeZone: 'UTC' } });
    expect(statusOf(await organizers(), ROOM)).toBe('accepted');
    expect(copies()).toEqual([expect.objectContaining({ start: Date.parse('2026-10-20T14:00:00Z') })]);

    await patch({ subject: 'Stand-up (moved)' });
    expect(copies()[0]!.subject).toBe('Stand-up (moved)');
    expect(statusOf(await organizers(), ROOM)).toBe('accepted');

    const roomCopy = copies()[0]!;
    const trimmed = await patch({ end: { dateTime: '2026-10-20T14:15:00', timeZone: 'UTC' } }, ROOM, roomCopy.restId);
    expect(trimmed.body).toMatchObject({ end: { dateTime: '2026-10-20T14:15:00.0000000' } });
    expect((await organizers()).end.dateTime).toBe('2026-10-20T14:30:00.0000000');
  });

  it('lets only the organizer cancel; cancelling removes the meeting from every calendar', async () => {
    const { tenant, graph } = await office();
    const event = tenant.scheduleMeeting(ALICE, { subject: 'Retro', start: '2026-10-20T15:00:00Z', end: '2026-10-20T16:00:00Z', rooms: [ROOM], attendees: [BOB] });
    const roomCopy = tenant.eventsOf(ROOM)[0]!;
    expect(tenant.eventsOf(BOB)).toHaveLength(1);
    expect(await graph(`/users/${ROOM}/events/${roomCopy.restId}/cancel`, { method: 'POST', body: { comment: 'No-show' } })).toMatchObject({
      status: 400,
      body: { error: { code: 'ErrorInvalidRequest', message: "Your request can't be completed. You need to be an organizer to cancel a meeting." } },
    });
    expect(tenant.eventsOf(ROOM)).toHaveLength(1);

    expect((await graph(`/users/${ALICE}/events/${event.restId}/cancel`, { method: 'POST', body: { comment: 'Cancelled' } })).status).toBe(202);
    expect([...tenant.eventsOf(ALICE), ...tenant.eventsOf(ROOM), ...tenant.eventsOf(BOB)]).toEqual([]);
    expect(await graph(`/users/${ALICE}/events/${event.restId}/cancel`, { method: 'POST', body: {} })).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
  });

  it('deletes an event with 204; deleting the organizer event withdraws the copies', async () => {
    const { tenant, graph } = await office();
    const event = tenant.scheduleMeeting(ALICE, { subject: 'Sync', start: '2026-10-20T15:00:00Z', end: '2026-10-20T16:00:00Z', rooms: [ROOM] });
    expect((await graph(`/users/${ALICE}/events/${event.restId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await graph(`/users/${ALICE}/events/${event.restId}`)).status).toBe(404);
    expect(tenant.eventsOf(ROOM)).toEqual([]);
  });

  it("lets the room decline a no-show and a person accept: the copy leaves or stays, the organizer's event records the answer", async () => {
    const { tenant, graph } = await office();
    const event = tenant.scheduleMeeting(ALICE, { subject: 'Demo', start: '2026-10-20T09:00:00Z', end: '2026-10-20T10:00:00Z', rooms: [ROOM], attendees: [BOB] });
    const organizers = async () => (await graph(`/users/${ALICE}/events/${event.restId}`)).body as GraphEvent;
    expect(statusOf(await organizers(), ROOM)).toBe('accepted');
    expect(statusOf(await organizers(), BOB)).toBe('none');

    const roomCopy = tenant.eventsOf(ROOM)[0]!;
    expect((await graph(`/users/${ROOM}/events/${roomCopy.restId}/decline`, { method: 'POST', body: { comment: 'Nobody checked in', sendResponse: true } })).status).toBe(202);
    expect(tenant.eventsOf(ROOM)).toEqual([]);
    expect(statusOf(await organizers(), ROOM)).toBe('declined');

    const bobsCopy = tenant.eventsOf(BOB)[0]!;
    expect(bobsCopy.responseStatus.response).toBe('notResponded');
    expect((await graph(`/users/${BOB}/events/${bobsCopy.restId}/accept`, { method: 'POST', body: { sendResponse: true } })).status).toBe(202);
    expect(statusOf(await organizers(), BOB)).toBe('accepted');
    expect((await graph(`/users/${BOB}/events/${bobsCopy.restId}`)).body).toMatchObject({ responseStatus: { response: 'accepted' }, showAs: 'busy' });

    expect(await graph(`/users/${ALICE}/events/${event.restId}/decline`, { method: 'POST', body: {} })).toMatchObject({ status: 400, body: { error: { code: 'ErrorInvalidRequest' } } });
  });

  it('keeps a silent decline from the organizer', async () => {
    const { tenant, graph } = await office();
    const event = tenant.scheduleMeeting(ALICE, { subject: 'Lunch', start: '2026-10-20T12:00:00Z', end: '2026-10-20T13:00:00Z', rooms: [], attendees: [BOB] });
    const bobsCopy = tenant.eventsOf(BOB)[0]!;
    expect((await graph(`/users/${BOB}/events/${bobsCopy.restId}/decline`, { method: 'POST', body: { sendResponse: false } })).status).toBe(202);
    expect(tenant.eventsOf(BOB)).toEqual([]);
    expect(statusOf((await graph(`/users/${ALICE}/events/${event.restId}`)).body as GraphEvent, BOB)).toBe('none');
  });
});

describe('Graph emulator: getSchedule', () => {
  it('answers free/busy per mailbox as items and an availability view, hiding private subjects, with an error entry for an unknown mailbox', async () => {
    const { tenant, graph } = await office();
    tenant.scheduleMeeting(ALICE, { subject: 'Busy', start: '2026-10-20T09:00:00Z', end: '2026-10-20T10:00:00Z', rooms: [ROOM] });
    tenant.scheduleMeeting(ALICE, { subject: 'Maybe', start: '2026-10-20T10:30:00Z', end: '2026-10-20T11:00:00Z', rooms: [], showAs: 'tentative' });
    tenant.scheduleMeeting(ALICE, { subject: 'Doctor', start: '2026-10-20T11:00:00Z', end: '2026-10-20T11:20:00Z', rooms: [], sensitivity: 'private' });

    const answer = await graph(`/users/${SERVICE}/calendar/getSchedule`, {
      method: 'POST',
      headers: { prefer: 'outlook.timezone="Europe/Amsterdam"' },
      body: {
        schedules: [ALICE, ROOM, 'nobody@contoso.example'],
        startTime: { dateTime: '2026-10-20T11:00:00', timeZone: 'Europe/Amsterdam' },
        endTime: { dateTime: '2026-10-20T14:00:00', timeZone: 'Europe/Amsterdam' },
        availabilityViewInterval: 30,
      },
    });
    expect(answer.status).toBe(200);
    const [alice, room, nobody] = (answer.body as { value: Record<string, unknown>[] }).value;
    expect(alice).toMatchObject({ scheduleId: ALICE, availabilityView: '220120' });
    expect(alice!.scheduleItems).toEqual([
      { isPrivate: false, status: 'busy', subject: 'Busy', location: 'Boardroom', start: { dateTime: '2026-10-20T11:00:00.0000000', timeZone: 'Europe/Amsterdam' }, end: expect.any(Object) },
      expect.objectContaining({ status: 'tentative', subject: 'Maybe' }),
      { isPrivate: true, status: 'busy', start: expect.any(Object), end: expect.any(Object) },
    ]);
    expect(room).toMatchObject({ scheduleId: ROOM, availabilityView: '220000' });
    expect(nobody).toMatchObject({ scheduleId: 'nobody@contoso.example', error: { responseCode: 'ErrorMailRecipientNotFound' } });
  });
});
