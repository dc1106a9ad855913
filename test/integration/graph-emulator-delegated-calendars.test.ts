import { describe, expect, it } from 'vitest';
import { emulatedDelegation, type EmulatedDelegation } from '../graph-emulator/delegated-test-client.ts';
import { pageOf } from '../graph-emulator/graph-test-client.ts';

const WINDOW = 'startDateTime=2026-10-20T00:00:00Z&endDateTime=2026-10-21T00:00:00Z';
const ACCESS_DENIED = { status: 403, body: { error: { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' } } };
const NEW_EVENT = { subject: 'Stand-up', start: { dateTime: '2026-10-20T13:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-10-20T13:30:00', timeZone: 'UTC' } };

/** The delegated account with a boardroom shared for writing, a harbour room for reading, a colleague's calendar as a delegate with private access, and a room not shared. */
async function sharedRooms(): Promise<EmulatedDelegation & { boardroom: string; harbour: string; attic: string; alex: string }> {
  const delegation = await emulatedDelegation();
  const { tenant, account } = delegation;
  const [boardroom, harbour, attic] = ['Boardroom', 'Harbour', 'Attic'].map((displayName) => tenant.addRoom({ displayName }).emailAddress) as [string, string, string];
  const alex = tenant.addMailbox({ displayName: 'Alex Wilber', emailAddress: 'alex@contoso.example' }).emailAddress;
  tenant.addUser({ displayName: 'Alex Wilber', userPrincipalName: alex });
  tenant.shareCalendar(boardroom, account.userPrincipalName, 'write');
  tenant.shareCalendar(harbour, account.userPrincipalName, 'read');
  tenant.shareCalendar(alex, account.userPrincipalName, 'delegateWithPrivateEventAccess');
  tenant.shareCalendar(attic, alex, 'write');
  return { ...delegation, boardroom, harbour, attic, alex };
}

describe('Graph emulator: the calendars of a delegated account', () => {
  it("lists the account's own calendar, then those shared with it, owned by their sharers, editable per role", async () => {
    const { account, boardroom, harbour, alex, connect, graph } = await sharedRooms();
    const { access_token: token } = await connect();
    const own = { name: 'Calendar', isDefaultCalendar: true, canEdit: true, canShare: true, canViewPrivateItems: true, isRemovable: false, owner: { name: 'Lintel Rooms', address: account.userPrincipalName } };
    const shared = (name: string, address: string, canEdit: boolean, canViewPrivateItems = false) => ({ name, isDefaultCalendar: false, canEdit, canShare: false, canViewPrivateItems, isRemovable: true, owner: { name, address } });
    const calendars = pageOf(await graph('/me/calendars', { token }));
    expect(calendars.value).toEqual([
      expect.objectContaining(own),
      expect.objectContaining(shared('Boardroom', boardroom, true)),
      expect.objectContaining(shared('Harbour', harbour, false)),
      expect.objectContaining(shared('Alex Wilber', alex, true, true)),
    ]);
    expect(calendars.value[0]).toMatchObject({ id: expect.any(String), color: 'auto', hexColor: '', changeKey: expect.any(String) });
    expect(new Set(calendars.value.map((each) => each.id)).size).toBe(4);
    expect(pageOf(await graph(`/users/${account.userPrincipalName}/calendars`, { token })).value).toEqual(calendars.value);

    // From the room's mailbox, the sharee sees only its default calendar, as far as the role lets it.
    expect(pageOf(await graph(`/users/${harbour}/calendars`, { token })).value).toEqual([
      expect.objectContaining({ name: 'Calendar', isDefaultCalendar: true, canEdit: false, canShare: false, canViewPrivateItems: false, owner: { name: 'Harbour', address: harbour } }),
    ]);
  });

  it('lists shared calendars only with a .Shared permission, and answers /me to an application token as Graph does', async () => {
    const { account, emulator, connect, graph } = await sharedRooms();
    const { access_token: ownOnly } = await connect(`openid offline_access ${emulator.url}/Calendars.ReadWrite`);
    expect(pageOf(await graph('/me/calendars', { token: ownOnly })).value).toEqual([expect.objectContaining({ name: 'Calendar', isDefaultCalendar: true })]);
    expect(await graph('/me/calendars')).toMatchObject({ status: 400, body: { error: { code: 'BadRequest', message: '/me request is only valid with delegated authentication flow.' } } });
    expect(pageOf(await graph(`/users/${account.userPrincipalName}/calendars`)).value).toHaveLength(4);
  });
});

describe('Graph emulator: delegated access to shared calendars', () => {
  it("reads a shared room's calendarView and delta; a room not shared, or shared no longer, is 403 ErrorAccessDenied", async () => {
    const { tenant, account, boardroom, attic, connect, graph } = await sharedRooms();
    tenant.scheduleMeeting(boardroom, { subject: 'Board meeting', start: '2026-10-20T09:00:00Z', end: '2026-10-20T10:00:00Z', rooms: [] });
    const { access_token: token } = await connect();
    expect(pageOf<{ subject: string }>(await graph(`/users/${boardroom}/calendarView?${WINDOW}`, { token })).value.map((each) => each.subject)).toEqual(['Board meeting']);
    const round = pageOf<{ subject: string }>(await graph(`/users/${boardroom}/calendarView/delta?${WINDOW}`, { token }));
    expect(round.value.map((each) => each.subject)).toEqual(['Board meeting']);
    expect((await graph(round['@odata.deltaLink']!, { token })).status).toBe(200);
    expect((await graph(`/me/calendarView?${WINDOW}`, { token })).status).toBe(200);

    expect(await graph(`/users/${attic}/calendarView?${WINDOW}`, { token })).toMatchObject(ACCESS_DENIED);
    expect(await graph(`/users/${attic}/calendarView/delta?${WINDOW}`, { token })).toMatchObject(ACCESS_DENIED);
    tenant.unshareCalendar(boardroom, account.userPrincipalName);
    expect(await graph(`/users/${boardroom}/calendarView?${WINDOW}`, { token })).toMatchObject(ACCESS_DENIED);
  });

  it('reaches a shared calendar only with a .Shared permission; Calendars.ReadWrite alone reaches only the own mailbox', async () => {
    const { boardroom, emulator, connect, graph } = await sharedRooms();
    const { access_token: ownOnly } = await connect(`openid offline_access ${emulator.url}/Calendars.ReadWrite`);
    expect(await graph(`/users/${boardroom}/calendarView?${WINDOW}`, { token: ownOnly })).toMatchObject(ACCESS_DENIED);
    expect((await graph('/me/events', { token: ownOnly, method: 'POST', body: NEW_EVENT })).status).toBe(201);
    const { access_token: readShared } = await connect(`openid offline_access ${emulator.url}/Calendars.Read.Shared`);
    expect((await graph(`/users/${boardroom}/calendarView?${WINDOW}`, { token: readShared })).status).toBe(200);
    expect(await graph(`/users/${boardroom}/events`, { token: readShared, method: 'POST', body: NEW_EVENT })).toMatchObject(ACCESS_DENIED);
  });

  it('writes only where the role writes: a read share refuses creating, changing, cancelling and deleting with 403', async () => {
    const { tenant, boardroom, harbour, connect, graph } = await sharedRooms();
    tenant.scheduleMeeting(harbour, { subject: 'Harbour review', start: '2026-10-20T11:00:00Z', end: '2026-10-20T12:00:00Z', rooms: [] });
    const { access_token: token } = await connect();
    const [meeting] = pageOf<{ id: string }>(await graph(`/users/${harbour}/calendarView?${WINDOW}`, { token })).value;
    expect(await graph(`/users/${harbour}/events`, { token, method: 'POST', body: NEW_EVENT })).toMatchObject(ACCESS_DENIED);
    expect((await graph(`/users/${harbour}/events/${meeting!.id}`, { token })).status).toBe(200);
    expect(await graph(`/users/${harbour}/events/${meeting!.id}`, { token, method: 'PATCH', body: { subject: 'Renamed' } })).toMatchObject(ACCESS_DENIED);
    expect(await graph(`/users/${harbour}/events/${meeting!.id}/cancel`, { token, method: 'POST', body: {} })).toMatchObject(ACCESS_DENIED);
    expect(await graph(`/users/${harbour}/events/${meeting!.id}`, { token, method: 'DELETE' })).toMatchObject(ACCESS_DENIED);

    const created = await graph(`/users/${boardroom}/events`, { token, method: 'POST', body: NEW_EVENT });
    expect(created).toMatchObject({ status: 201, body: { subject: 'Stand-up', organizer: { emailAddress: { address: boardroom } } } });
    expect((await graph(`/users/${boardroom}/events/${(created.body as { id: string }).id}/cancel`, { token, method: 'POST', body: {} })).status).toBe(202);
    expect(tenant.eventsOf(boardroom)).toEqual([]);
  });

  it('reaches a shared room that an application access policy keeps from application tokens, which policies do not scope', async () => {
    const { tenant, boardroom, connect, graph } = await sharedRooms();
    tenant.room(boardroom)!.unreachable = 'access-denied';
    const { access_token: token } = await connect();
    expect((await graph(`/users/${boardroom}/calendarView?${WINDOW}`, { token })).status).toBe(200);
    expect(await graph(`/users/${boardroom}/calendarView?${WINDOW}`)).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
  });
});
