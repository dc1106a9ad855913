import { decodeJwt, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { emulatedGraph, pageOf } from '../graph-emulator/graph-test-client.ts';
import { httpsJson } from '../support/https-client.ts';

describe('Graph emulator: identity', () => {
  it('issues a client-credentials token, signed with the key its discovery document names', async () => {
    const { tenant, app, emulator, tokenRequest, clock } = await emulatedGraph();
    const answer = await tokenRequest({ client_secret: 's3cret~value' });
    expect(answer).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3599 } });
    const discovery = await httpsJson(`${emulator.url}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`, { ca: emulator.ca });
    const { jwks_uri: jwksUri, issuer } = discovery.body as { jwks_uri: string; issuer: string };
    const keys = await httpsJson(jwksUri, { ca: emulator.ca });
    const key = await importJWK((keys.body as { keys: object[] }).keys[0]!, 'RS256');
    const { payload } = await jwtVerify((answer.body as { access_token: string }).access_token, key, {
      issuer,
      audience: emulator.url,
      currentDate: new Date(clock.now),
    });
    expect(payload).toMatchObject({ appid: app.appId, tid: tenant.tenantId, roles: ['Calendars.ReadWrite', 'Place.Read.All'] });
  });

  it('refuses a wrong secret, an expired secret, a bad scope, and a disabled or deleted app, as AADSTS errors', async () => {
    const { app, emulator, tokenRequest } = await emulatedGraph();
    const token = (secret = 's3cret~value', scope = `${emulator.url}/.default`) => tokenRequest({ client_secret: secret, scope });
    expect(await token('wrong')).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000215] } });
    expect(await token(undefined, 'User.Read')).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    // The emulator is a cloud of its own: the global cloud's Graph is an unknown resource in it, as in a national cloud.
    expect(await token(undefined, 'https://graph.microsoft.com/.default')).toMatchObject({ status: 400, body: { error: 'invalid_resource', error_codes: [500011] } });
    expect(await tokenRequest({})).toMatchObject({ status: 400, body: { error: 'invalid_client', error_codes: [7000218] } });
    app.servicePrincipal = 'disabled';
    expect(await token()).toMatchObject({ status: 400, body: { error: 'unauthorized_client', error_codes: [7000112] } });
    app.servicePrincipal = 'deleted';
    expect(await token()).toMatchObject({ status: 400, body: { error: 'unauthorized_client', error_codes: [700016] } });

    const expired = await emulatedGraph({ secretEndDateTime: '2026-11-01T00:00:00Z', now: '2026-11-23T10:00:00Z' });
    expect(await expired.tokenRequest({ client_secret: 's3cret~value' })).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000222] } });
  });

  it('issues a token without roles while admin consent is missing, which Graph refuses every call with 403', async () => {
    const { app, tenant, accessToken, graph } = await emulatedGraph();
    tenant.addRoom({ displayName: 'Harbour', emailAddress: 'harbour@contoso.example' });
    app.adminConsented = false;
    const token = await accessToken();
    expect(decodeJwt(token)).not.toHaveProperty('roles');
    const calendar = '/users/harbour@contoso.example/calendarView?startDateTime=2026-10-20T00:00:00Z&endDateTime=2026-10-21T00:00:00Z';
    expect(await graph(calendar, { token })).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
    expect(await graph('/places/microsoft.graph.room', { token })).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
    expect(await graph(`/applications(appId='${app.appId}')`, { token })).toMatchObject({ status: 403, body: { error: { code: 'Authorization_RequestDenied' } } });

    app.adminConsented = true;
    expect(decodeJwt(await accessToken()).roles).toEqual(['Calendars.ReadWrite', 'Place.Read.All']);
    expect(await graph(calendar, { token })).toMatchObject({ status: 403 });
    expect((await graph(calendar)).status).toBe(200);
  });

  it('refuses a still-valid token once consent is withdrawn or the service principal disabled', async () => {
    const { app, graph } = await emulatedGraph();
    expect((await graph('/places/microsoft.graph.room')).status).toBe(200);
    app.adminConsented = false;
    expect(await graph('/places/microsoft.graph.room')).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    app.adminConsented = true;
    app.servicePrincipal = 'disabled';
    expect(await graph('/places/microsoft.graph.room')).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
  });
});

describe('Graph emulator: Places', () => {
  it('lists rooms a page of at most 100 at a time, following @odata.nextLink, and never a hidden room', async () => {
    const { tenant, graph } = await emulatedGraph();
    for (let i = 1; i <= 150; i++) tenant.addRoom({ displayName: `Room ${i}`, capacity: i % 20, building: 'HQ' });
    tenant.addRoom({ displayName: 'Secret boardroom', hiddenFromAddressList: true });

    const first = pageOf<{ displayName: string; '@odata.type': string }>(await graph('/places/microsoft.graph.room?$top=100'));
    expect(first.value).toHaveLength(100);
    expect(first.value[0]).toMatchObject({ '@odata.type': '#microsoft.graph.room', displayName: 'Room 1', building: 'HQ' });
    const second = pageOf<{ displayName: string }>(await graph(first['@odata.nextLink']!));
    expect(second.value).toHaveLength(50);
    expect(second['@odata.nextLink']).toBeUndefined();
    expect([...first.value, ...second.value].map((room) => room.displayName)).not.toContain('Secret boardroom');
    expect(first.value[0]).not.toHaveProperty('calendarProcessing');
  });

  it('pages rooms by $top and $skip alone, with capacities as strings, when the tenant answers as place-list.md promises and no more', async () => {
    const { tenant, graph } = await emulatedGraph();
    for (let i = 1; i <= 150; i++) tenant.addRoom({ displayName: `Room ${i}`, capacity: 10, building: 'HQ' });
    tenant.placesQuirks = { nextLink: false, capacityAsString: true };
    const first = pageOf<{ displayName: string; capacity: unknown }>(await graph('/places/microsoft.graph.room?$top=100'));
    expect(first.value).toHaveLength(100);
    expect(first['@odata.nextLink']).toBeUndefined();
    expect(first.value[0]).toMatchObject({ displayName: 'Room 1', capacity: '10' });
    const second = pageOf<{ displayName: string }>(await graph('/places/microsoft.graph.room?$top=100&$skip=100'));
    expect(second.value.map((room) => room.displayName)).toEqual(Array.from({ length: 50 }, (_, i) => `Room ${101 + i}`));
  });

  it('lists room lists and the rooms of a list, paged, and answers 404 for an unknown list', async () => {
    const { tenant, graph } = await emulatedGraph();
    const rooms = ['North', 'South', 'East', 'West'].map((name) => tenant.addRoom({ displayName: name }));
    const hidden = tenant.addRoom({ displayName: 'Hidden', hiddenFromAddressList: true });
    tenant.addRoomList({ displayName: 'Building A', emailAddress: 'building-a@contoso.example', roomEmails: [...rooms.slice(0, 3), hidden].map((room) => room.emailAddress) });
    tenant.addRoomList({ displayName: 'Building B', emailAddress: 'building-b@contoso.example', roomEmails: [rooms[3]!.emailAddress] });

    const lists = pageOf(await graph('/places/microsoft.graph.roomlist'));
    expect(lists.value).toEqual([
      expect.objectContaining({ '@odata.type': '#microsoft.graph.roomList', displayName: 'Building A', emailAddress: 'building-a@contoso.example' }),
      expect.objectContaining({ displayName: 'Building B' }),
    ]);
    const first = pageOf<{ displayName: string }>(await graph('/places/building-a@contoso.example/microsoft.graph.roomlist/rooms?$top=2'));
    expect(first.value.map((room) => room.displayName)).toEqual(['North', 'South']);
    const second = pageOf<{ displayName: string }>(await graph(first['@odata.nextLink']!));
    expect(second.value.map((room) => room.displayName)).toEqual(['East']);
    expect(second['@odata.nextLink']).toBeUndefined();
    expect(await graph('/places/nowhere@contoso.example/microsoft.graph.roomlist/rooms')).toMatchObject({ status: 404 });
  });

  it('answers in Graph error format without a valid token, for a deleted app, and without Place.Read.All', async () => {
    const { app, graph } = await emulatedGraph();
    expect(await graph('/places/microsoft.graph.room', { token: null })).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    expect(await graph('/places/microsoft.graph.room', { token: 'not-a-token' })).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    expect((await graph('/places/microsoft.graph.room')).status).toBe(200);
    app.servicePrincipal = 'deleted';
    expect(await graph('/places/microsoft.graph.room')).toMatchObject({ status: 401 });

    const calendarsOnly = await emulatedGraph({ roles: ['Calendars.ReadWrite'] });
    expect(await calendarsOnly.graph('/places/microsoft.graph.roomlist')).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
  });
});
