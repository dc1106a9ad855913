import { describe, expect, it } from 'vitest';
import { emulatedSignIn, PAGE_ORIGIN, REDIRECT_URI } from '../graph-emulator/sign-in-test-client.ts';
import { httpsJson } from '../support/https-client.ts';

describe('Graph emulator: admin consent', () => {
  it('lets the signed-in admin consent for the tenant, recreating a deleted service principal, in either form of the endpoint', async () => {
    const { tenant, app, emulator, browse, tokenRequest } = await emulatedSignIn();
    app.adminConsented = false;
    app.servicePrincipal = 'deleted';
    const deletedId = app.servicePrincipalId;
    const consented = await browse(`/${tenant.tenantId}/adminconsent`, { client_id: app.appId, redirect_uri: REDIRECT_URI, state: 'consent-1' });
    expect(consented).toMatchObject({ status: 302, answer: { admin_consent: 'True', tenant: tenant.tenantId, state: 'consent-1' } });
    expect(`${consented.location?.origin}${consented.location?.pathname}`).toBe(REDIRECT_URI);
    expect(app).toMatchObject({ adminConsented: true, servicePrincipal: 'enabled' });
    expect(app.servicePrincipalId).not.toBe(deletedId);
    expect((await tokenRequest({ client_secret: 's3cret~value' })).status).toBe(200);

    app.adminConsented = false;
    const scope = `${emulator.url}/.default`;
    const v2 = await browse('/organizations/v2.0/adminconsent', { client_id: app.appId, scope, redirect_uri: REDIRECT_URI, state: 'consent-2' });
    expect(v2).toMatchObject({ status: 302, answer: { admin_consent: 'True', tenant: tenant.tenantId, scope, state: 'consent-2' } });
    expect(app.adminConsented).toBe(true);
  });

  it('refuses a colleague who is not an admin, an admin who cancels (once), nobody signed in, and a v2.0 request without scope', async () => {
    const { tenant, app, colleague, admin, browse } = await emulatedSignIn();
    app.adminConsented = false;
    const consent = (query: Record<string, string> = {}) => browse(`/${tenant.tenantId}/adminconsent`, { client_id: app.appId, redirect_uri: REDIRECT_URI, state: 'consent-1', ...query });
    tenant.signInAs(colleague.userPrincipalName);
    expect(await consent()).toMatchObject({ status: 302, answer: { error: 'access_denied', error_description: expect.stringMatching(/^AADSTS90094: /), state: 'consent-1' } });
    tenant.signInAs(null);
    expect(await consent()).toMatchObject({ answer: { error: 'interaction_required', error_description: expect.stringMatching(/^AADSTS50058: /) } });
    tenant.signInAs(admin.userPrincipalName);
    tenant.declineNextConsent = true;
    expect(await consent()).toMatchObject({ answer: { error: 'access_denied', error_subcode: 'cancel', error_description: expect.stringMatching(/^AADSTS65004: /), state: 'consent-1' } });
    expect(app.adminConsented).toBe(false);
    const v2 = await browse(`/${tenant.tenantId}/v2.0/adminconsent`, { client_id: app.appId, redirect_uri: REDIRECT_URI, state: 'consent-2' });
    expect(v2).toMatchObject({ answer: { admin_consent: 'True', error: 'invalid_request', error_description: expect.stringMatching(/^AADSTS900144: /), state: 'consent-2' } });
    expect(app.adminConsented).toBe(false);
    expect(await consent()).toMatchObject({ answer: { admin_consent: 'True' } });
    expect(app.adminConsented).toBe(true);
  });

  it('shows an error page for an unregistered redirect URI or an unknown tenant', async () => {
    const { app, browse } = await emulatedSignIn();
    app.adminConsented = false;
    const unregistered = await browse('/organizations/adminconsent', { client_id: app.appId, redirect_uri: 'https://attacker.example/' });
    expect(unregistered).toMatchObject({ status: 400, location: undefined });
    expect(unregistered.text).toContain('AADSTS50011: ');
    const unknown = await browse('/fabrikam.example/adminconsent', { client_id: app.appId, redirect_uri: REDIRECT_URI });
    expect(unknown).toMatchObject({ status: 400, location: undefined });
    expect(unknown.text).toContain('AADSTS90002: ');
    expect(app.adminConsented).toBe(false);
  });
});

describe('Graph emulator: what the browser calls across origins', () => {
  it('answers preflights of the token endpoint and Graph with 204, before any fault, and gives the page its origin', async () => {
    const { tenant, emulator, graph, token, signIn } = await emulatedSignIn();
    const preflight = (url: string, headers: string) =>
      httpsJson(url, { ca: emulator.ca, method: 'OPTIONS', headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': headers } });

    const identity = await preflight(`${emulator.url}/${tenant.tenantId}/oauth2/v2.0/token`, 'content-type');
    expect(identity).toMatchObject({ status: 204, headers: { 'access-control-allow-origin': PAGE_ORIGIN } });
    expect(identity.headers['access-control-allow-methods']).toContain('POST');
    expect(identity.headers['access-control-allow-headers']).toContain('Content-Type');
    expect((await token({ grant_type: 'refresh_token', refresh_token: 'x' })).headers['access-control-allow-origin']).toBe(PAGE_ORIGIN);

    tenant.faults.push({ kind: 'throttle', retryAfterSeconds: 1 });
    const graphPreflight = await preflight(`${emulator.url}/v1.0/places/microsoft.graph.room`, 'authorization');
    expect(graphPreflight).toMatchObject({ status: 204, headers: { 'access-control-allow-origin': PAGE_ORIGIN } });
    expect(graphPreflight.headers['access-control-allow-headers']).toContain('Authorization');
    const { access_token: accessToken } = await signIn();
    const throttled = await graph('/places/microsoft.graph.room', { token: accessToken, headers: { origin: PAGE_ORIGIN } });
    expect(throttled).toMatchObject({ status: 429, headers: { 'access-control-allow-origin': PAGE_ORIGIN } });
  });

  it('serves discovery and keys to the page, but not the sign-in page, which the browser navigates to', async () => {
    const { tenant, app, emulator, browse } = await emulatedSignIn();
    const get = (path: string) => httpsJson(`${emulator.url}${path}`, { ca: emulator.ca, headers: { origin: PAGE_ORIGIN } });
    expect((await get(`/${tenant.tenantId}/v2.0/.well-known/openid-configuration`)).headers['access-control-allow-origin']).toBe(PAGE_ORIGIN);
    expect((await get(`/${tenant.tenantId}/discovery/v2.0/keys`)).headers['access-control-allow-origin']).toBe(PAGE_ORIGIN);
    const page = await browse(`/${tenant.tenantId}/oauth2/v2.0/authorize`, { client_id: app.appId, redirect_uri: REDIRECT_URI }, { origin: PAGE_ORIGIN });
    expect(page.status).toBe(302);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('Graph emulator: discovery for MSAL', () => {
  it('vouches for its own host in instance discovery, pointing at an OpenID configuration MSAL can use', async () => {
    const { tenant, emulator } = await emulatedSignIn();
    const host = new URL(emulator.url).host;
    const instance = (authorizationEndpoint: string) =>
      httpsJson(`${emulator.url}/common/discovery/instance?${new URLSearchParams({ 'api-version': '1.1', authorization_endpoint: authorizationEndpoint }).toString()}`, { ca: emulator.ca, headers: { origin: PAGE_ORIGIN } });
    const answer = await instance(`${emulator.url}/${tenant.tenantId}/oauth2/v2.0/authorize`);
    expect(answer).toMatchObject({
      status: 200,
      headers: { 'access-control-allow-origin': PAGE_ORIGIN },
      body: {
        tenant_discovery_endpoint: `${emulator.url}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`,
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      },
    });
    expect(await instance('https://login.example.org/common/oauth2/v2.0/authorize')).toMatchObject({ status: 400, body: { error: 'invalid_instance', error_codes: [50049] } });

    const configuration = await httpsJson((answer.body as { tenant_discovery_endpoint: string }).tenant_discovery_endpoint, { ca: emulator.ca });
    const base = `${emulator.url}/${tenant.tenantId}`;
    expect(configuration.body).toMatchObject({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: expect.arrayContaining(['private_key_jwt']),
      scopes_supported: expect.arrayContaining(['openid', 'offline_access']),
      subject_types_supported: ['pairwise'],
      claims_supported: expect.arrayContaining(['nonce', 'preferred_username', 'tid']),
      tenant_region_scope: expect.any(String),
      cloud_instance_name: 'microsoftonline.com',
      msgraph_host: host,
    });
  });
});
