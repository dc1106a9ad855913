import { describe, expect, it } from 'vitest';
import { CALENDAR_SCOPE, emulatedGoogle, googleFailure, RESOURCES_READONLY_SCOPE } from '../google-emulator/google-test-client.ts';

async function office() {
  const google = await emulatedGoogle({ now: '2027-03-22T07:00:00Z' });
  const { workspace } = google;
  workspace.addBuilding({ buildingId: 'ams-hq', buildingName: 'AMS-HQ', floorNames: ['0', '1', '2'], description: 'Head office' });
  const room = workspace.addResource({ resourceName: 'Aurora', buildingId: 'ams-hq', floorName: '1', capacity: 8 });
  const anna = workspace.addUser({ email: 'anna', name: 'Anna' });
  const bob = workspace.addUser({ email: 'bob', name: 'Bob' });
  const { keyFile } = workspace.addServiceAccount({ name: 'lintel-bridge', delegatedScopes: [CALENDAR_SCOPE, RESOURCES_READONLY_SCOPE] });
  workspace.share(room.resourceEmail, keyFile.client_email, 'writer');
  const bridge = google.clients(keyFile, { scopes: [CALENDAR_SCOPE] });
  const roomItems = async () => (await bridge.calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, orderBy: 'startTime' })).data.items ?? [];
  const roomAnswer = (event: { attendees?: { email?: string | null; responseStatus?: string | null }[] }) => event.attendees?.find((attendee) => attendee.email === room.resourceEmail)?.responseStatus;
  return { ...google, room, anna, bob, keyFile, bridge, roomItems, roomAnswer };
}

const at = (from: string, to: string) => ({ start: { dateTime: `2027-03-22T${from}:00+01:00` }, end: { dateTime: `2027-03-22T${to}:00+01:00` } });

describe('Google emulator: resource calendars answer invitations', () => {
  it('accepts an invitation when free and declines one that overlaps an accepted booking; both appear on its calendar', async () => {
    const { workspace, room, anna, bob, roomItems, roomAnswer } = await office();
    workspace.addEvent(anna.email, { summary: 'Planning', ...at('10:00', '11:00'), attendees: [{ email: anna.email }, { email: room.resourceEmail }] });
    workspace.addEvent(bob.email, { summary: 'Clash', ...at('10:30', '11:30'), attendees: [{ email: room.resourceEmail }] });
    workspace.addEvent(bob.email, { summary: 'Later', ...at('11:00', '12:00'), attendees: [{ email: room.resourceEmail }] });
    const items = await roomItems();
    expect(items.map((event) => [event.summary, roomAnswer(event)])).toEqual([
      ['Planning', 'accepted'],
      ['Clash', 'declined'],
      ['Later', 'accepted'],
    ]);
    expect(items[0]).toMatchObject({
      organizer: { email: anna.email, displayName: anna.email },
      attendees: [
        { email: anna.email, organizer: true, responseStatus: 'needsAction' },
        { email: room.resourceEmail, resource: true, self: true, responseStatus: 'accepted' },
      ],
    });
    expect(workspace.event(bob.email, String(items[1]!.id))).toMatchObject({ attendees: [{ email: room.resourceEmail, resource: true, responseStatus: 'declined' }] });
  });

  it('holds the room for events booked directly on its calendar', async () => {
    const { workspace, room, anna, bridge, roomAnswer } = await office();
    await bridge.calendar.events.insert({ calendarId: room.resourceEmail, requestBody: { id: 'lintelbooking01', summary: 'Walk-up', ...at('09:00', '09:30') } });
    const invitation = workspace.addEvent(anna.email, { summary: 'Overlap', ...at('09:15', '10:00'), attendees: [{ email: room.resourceEmail }] });
    expect(roomAnswer(invitation as never)).toBe('declined');
  });

  it('answers invitations sent through the API by an impersonated user, and answers again when the organizer moves the event', async () => {
    const { workspace, room, anna, keyFile, clients, roomAnswer } = await office();
    workspace.addEvent(anna.email, { summary: 'Board', ...at('14:00', '15:00'), attendees: [{ email: room.resourceEmail }] });
    const asBob = clients(keyFile, { scopes: [CALENDAR_SCOPE], subject: 'bob@example.com' });
    const { data: invite } = await asBob.calendar.events.insert({ calendarId: 'primary', sendUpdates: 'all', requestBody: { summary: '1:1', ...at('13:00', '13:30'), attendees: [{ email: room.resourceEmail }] } });
    expect(invite).toMatchObject({ organizer: { email: 'bob@example.com', self: true }, creator: { email: 'bob@example.com', self: true } });
    expect(roomAnswer(invite)).toBe('accepted');
    const { data: moved } = await asBob.calendar.events.patch({ calendarId: 'primary', eventId: invite.id!, requestBody: at('14:30', '15:00') });
    expect(roomAnswer(moved)).toBe('declined');
  });

  it('lets only its bookers book a restricted resource', async () => {
    const { workspace, anna, bob } = await office();
    const boardroom = workspace.addResource({ resourceName: 'Boardroom', bookers: [anna.email] });
    const byAnna = workspace.addEvent(anna.email, { ...at('09:00', '10:00'), attendees: [{ email: boardroom.resourceEmail }] }) as { attendees: { responseStatus: string }[] };
    const byBob = workspace.addEvent(bob.email, { ...at('11:00', '12:00'), attendees: [{ email: boardroom.resourceEmail }] }) as { attendees: { responseStatus: string }[] };
    expect([byAnna.attendees[0]!.responseStatus, byBob.attendees[0]!.responseStatus]).toEqual(['accepted', 'declined']);
  });

  it('refuses guests from a service account without domain-wide delegation (403 forbiddenForServiceAccounts)', async () => {
    const { room, anna, bridge } = await office();
    const failure = await googleFailure(bridge.calendar.events.insert({ calendarId: room.resourceEmail, requestBody: { ...at('16:00', '17:00'), attendees: [{ email: anna.email }] } }));
    expect(failure).toMatchObject({ status: 403, body: { error: { errors: [{ reason: 'forbiddenForServiceAccounts' }] } } });
  });

  it('cancels the room\'s copy when the organizer deletes the event', async () => {
    const { workspace, room, anna, bridge, keyFile, clients } = await office();
    const full = await bridge.calendar.events.list({ calendarId: room.resourceEmail });
    const asAnna = clients(keyFile, { scopes: [CALENDAR_SCOPE], subject: anna.email });
    const { data } = await asAnna.calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'Gone soon', ...at('15:00', '16:00'), attendees: [{ email: room.resourceEmail }] } });
    await asAnna.calendar.events.delete({ calendarId: 'primary', eventId: data.id! });
    const changes = await bridge.calendar.events.list({ calendarId: room.resourceEmail, syncToken: full.data.nextSyncToken! });
    expect(changes.data.items).toEqual([expect.objectContaining({ id: data.id, status: 'cancelled' })]);
    expect(workspace.event(room.resourceEmail, data.id!)).toMatchObject({ status: 'cancelled' });
  });
});

describe('Google emulator: event visibility', () => {
  it('hides a private event\'s details from a reader, but not from a writer or its attendees', async () => {
    const { workspace, room, anna, keyFile, clients } = await office();
    workspace.addEvent(anna.email, { summary: 'Salary talks', description: 'Confidential', visibility: 'private', ...at('09:00', '10:00'), attendees: [{ email: room.resourceEmail }] });
    workspace.share(room.resourceEmail, keyFile.client_email, 'reader');
    const reader = clients(keyFile, { scopes: [CALENDAR_SCOPE] });
    const [hidden] = (await reader.calendar.events.list({ calendarId: room.resourceEmail })).data.items ?? [];
    expect(hidden).toMatchObject({ visibility: 'private', start: { dateTime: '2027-03-22T09:00:00+01:00' }, end: { dateTime: '2027-03-22T10:00:00+01:00' } });
    expect(hidden).not.toHaveProperty('summary');
    expect(hidden).not.toHaveProperty('description');
    expect(hidden).not.toHaveProperty('attendees');

    const asAnna = clients(keyFile, { scopes: [CALENDAR_SCOPE], subject: anna.email });
    const [own] = (await asAnna.calendar.events.list({ calendarId: room.resourceEmail })).data.items ?? [];
    expect(own).toMatchObject({ summary: 'Salary talks', visibility: 'private' });

    workspace.share(room.resourceEmail, keyFile.client_email, 'writer');
    const [shown] = (await reader.calendar.events.list({ calendarId: room.resourceEmail })).data.items ?? [];
    expect(shown).toMatchObject({ summary: 'Salary talks', description: 'Confidential' });

    workspace.share(room.resourceEmail, keyFile.client_email, 'freeBusyReader');
    const busy = await reader.calendar.events.list({ calendarId: room.resourceEmail });
    expect(busy.data.accessRole).toBe('freeBusyReader');
    expect(Object.keys(busy.data.items?.[0] ?? {}).sort()).toEqual(['end', 'etag', 'id', 'kind', 'start', 'status']);
  });
});

describe('Google emulator: Admin SDK resources', () => {
  it('lists resource calendars with building, floor and capacity to an impersonated administrator, page by page', async () => {
    const { workspace, keyFile, clients, room } = await office();
    workspace.addUser({ email: 'admin', isAdmin: true });
    workspace.addResource({ resourceName: 'Projector', resourceCategory: 'OTHER', buildingId: 'ams-hq', floorName: '0' });
    const { directory } = clients(keyFile, { scopes: [RESOURCES_READONLY_SCOPE], subject: 'admin@example.com' });
    const first = await directory.resources.calendars.list({ customer: 'my_customer', maxResults: 1 });
    expect(first.data).toMatchObject({ kind: 'admin#directory#resources#calendars#calendarResourcesList', nextPageToken: expect.any(String) });
    expect(first.data.items).toEqual([
      expect.objectContaining({
        kind: 'admin#directory#resources#calendars#CalendarResource',
        resourceId: room.resourceId,
        resourceName: 'Aurora',
        resourceEmail: room.resourceEmail,
        resourceCategory: 'CONFERENCE_ROOM',
        buildingId: 'ams-hq',
        floorName: '1',
        capacity: 8,
        generatedResourceName: 'AMS-HQ-1-Aurora (8)',
      }),
    ]);
    expect(room.resourceEmail).toMatch(/^c_[0-9a-v]+@resource\.calendar\.google\.com$/);
    const second = await directory.resources.calendars.list({ customer: 'my_customer', maxResults: 1, pageToken: first.data.nextPageToken! });
    expect(second.data.items?.map((item) => item.resourceName)).toEqual(['Projector']);
    expect(second.data.nextPageToken).toBeUndefined();
    const rooms = await directory.resources.calendars.list({ customer: 'my_customer', query: 'resourceCategory=CONFERENCE_ROOM' });
    expect(rooms.data.items?.map((item) => item.resourceName)).toEqual(['Aurora']);
    expect((await directory.resources.calendars.get({ customer: 'my_customer', calendarResourceId: room.resourceId })).data.resourceEmail).toBe(room.resourceEmail);
    const buildings = await directory.resources.buildings.list({ customer: workspace.customerId });
    expect(buildings.data.buildings).toEqual([expect.objectContaining({ buildingId: 'ams-hq', buildingName: 'AMS-HQ', floorNames: ['0', '1', '2'] })]);
  });

  it('refuses the service account itself, a user who is no administrator, and a token without the resource scope', async () => {
    const { workspace, keyFile, clients } = await office();
    workspace.addUser({ email: 'admin', isAdmin: true });
    const itself = clients(keyFile, { scopes: [RESOURCES_READONLY_SCOPE] });
    const forbidden = { status: 403, body: { error: { code: 403, message: 'Not Authorized to access this resource/api', errors: [{ domain: 'global', reason: 'forbidden' }] } } };
    expect(await googleFailure(itself.directory.resources.calendars.list({ customer: 'my_customer' }))).toMatchObject(forbidden);
    const anna = clients(keyFile, { scopes: [RESOURCES_READONLY_SCOPE], subject: 'anna@example.com' });
    expect(await googleFailure(anna.directory.resources.calendars.list({ customer: 'my_customer' }))).toMatchObject(forbidden);
    const calendarOnly = clients(keyFile, { scopes: [CALENDAR_SCOPE], subject: 'admin@example.com' });
    expect(await googleFailure(calendarOnly.directory.resources.calendars.list({ customer: 'my_customer' }))).toMatchObject({ status: 403, body: { error: { errors: [{ reason: 'insufficientPermissions' }] } } });
  });
});
