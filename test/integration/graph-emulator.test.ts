import { importJWK, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startGraphEmulator, type GraphEmulator } from '../graph-emulator/graph-emulator.ts';
import { EmulatedTenant } from '../graph-emulator/tenant.ts';
import { httpsJson } from '../support/https-client.ts';

const emulators: GraphEmulator[] = [];
afterEach(async () => {
  for (const emulator of emulators.splice(0)) await emulator.close();
});

async function tenantWithApp(options: { secretEndDateTime?: string; now?: () => number } = {}) {
  const tenant = new EmulatedTenant();
  const app = tenant.addApp({ secret: 's3cret~value', secretEndDateTime: options.secretEndDateTime ?? '2027-05-01T00:00:00Z' });
  const emulator = await startGraphEmulator(tenant, options.now);
  emulators.push(emulator);
  const token = (secret = 's3cret~value', scope = 'https://graph.microsoft.com/.default') =>
    httpsJson(`${emulator.url}/${tenant.tenantId}/oauth2/v2.0/token`, {
      ca: emulator.ca,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.appId, client_secret: secret, scope }).toString(),
    });
  const graph = async (path: string, accessToken?: string) =>
    httpsJson(`${emulator.url}/v1.0${path}`, { ca: emulator.ca, headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
  return { tenant, app, emulator, token, graph };
}

async function accessToken(token: () => Promise<{ body: unknown }>): Promise<string> {
  return ((await token()).body as { access_token: string }).access_token;
}

describe('Graph emulator: identity', () => {
  it('issues a client-credentials token, signed with the key its discovery document names', async () => {
    const { tenant, app, emulator, token } = await tenantWithApp();
    const answer = await token();
    expect(answer).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3599 } });
    const discovery = await httpsJson(`${emulator.url}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`, { ca: emulator.ca });
    const { jwks_uri: jwksUri, issuer } = discovery.body as { jwks_uri: string; issuer: string };
    const keys = await httpsJson(jwksUri, { ca: emulator.ca });
    const key = await importJWK((keys.body as { keys: object[] }).keys[0]!, 'RS256');
    const { payload } = await jwtVerify((answer.body as { access_token: string }).access_token, key, { issuer, audience: 'https://graph.microsoft.com' });
    expect(payload).toMatchObject({ appid: app.appId, tid: tenant.tenantId, roles: ['Calendars.ReadWrite', 'Place.Read.All'] });
  });

  it('refuses a wrong secret, an expired secret, a bad scope, a disabled or deleted app and missing consent, as AADSTS errors', async () => {
    const { app, token } = await tenantWithApp();
    expect(await token('wrong')).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000215] } });
    expect(await token(undefined, 'User.Read')).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    app.adminConsented = false;
    expect(await token()).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [65001] } });
    app.adminConsented = true;
    app.servicePrincipal = 'disabled';
    expect(await token()).toMatchObject({ status: 400, body: { error: 'unauthorized_client', error_codes: [7000112] } });
    app.servicePrincipal = 'deleted';
    expect(await token()).toMatchObject({ status: 400, body: { error: 'unauthorized_client', error_codes: [700016] } });

    const expired = await tenantWithApp({ secretEndDateTime: '2026-11-01T00:00:00Z', now: () => Date.parse('2026-11-23T10:00:00Z') });
    expect(await expired.token()).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000222] } });
  });
});

describe('Graph emulator: Places', () => {
  it('lists rooms a page of at most 100 at a time, following @odata.nextLink, and never a hidden room', async () => {
    const { tenant, token, graph } = await tenantWithApp();
    for (let i = 1; i <= 150; i++) tenant.addRoom({ displayName: `Room ${i}`, capacity: i % 20, building: 'HQ' });
    tenant.addRoom({ displayName: 'Secret boardroom', hiddenFromAddressList: true });
    const bearer = await accessToken(token);

    const first = await graph('/places/microsoft.graph.room?$top=100', bearer);
    const firstBody = first.body as { value: { displayName: string; '@odata.type': string }[]; '@odata.nextLink'?: string };
    expect(firstBody.value).toHaveLength(100);
    expect(firstBody.value[0]).toMatchObject({ '@odata.type': '#microsoft.graph.room', displayName: 'Room 1', building: 'HQ' });
    const next = new URL(firstBody['@odata.nextLink']!);
    const second = await graph(`${next.pathname.replace('/v1.0', '')}${next.search}`, bearer);
    const secondBody = second.body as { value: { displayName: string }[]; '@odata.nextLink'?: string };
    expect(secondBody.value).toHaveLength(50);
    expect(secondBody['@odata.nextLink']).toBeUndefined();
    expect([...firstBody.value, ...secondBody.value].map((room) => room.displayName)).not.toContain('Secret boardroom');
  });

  it('answers in Graph error format without a valid token, and for a deleted app', async () => {
    const { app, token, graph } = await tenantWithApp();
    expect(await graph('/places/microsoft.graph.room')).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    expect(await graph('/places/microsoft.graph.room', 'not-a-token')).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    const bearer = await accessToken(token);
    app.servicePrincipal = 'deleted';
    expect(await graph('/places/microsoft.graph.room', bearer)).toMatchObject({ status: 401 });
  });

  it('injects throttling with Retry-After and server errors, one request each', async () => {
    const { tenant, token, graph } = await tenantWithApp();
    const bearer = await accessToken(token);
    tenant.faults.push({ kind: 'throttle', retryAfterSeconds: 7 }, { kind: 'server-error', status: 503 });
    const throttled = await graph('/places/microsoft.graph.room', bearer);
    expect(throttled).toMatchObject({ status: 429, body: { error: { code: 'TooManyRequests' } } });
    expect(throttled.headers['retry-after']).toBe('7');
    expect((await graph('/places/microsoft.graph.room', bearer)).status).toBe(503);
    expect((await graph('/places/microsoft.graph.room', bearer)).status).toBe(200);
  });
});
