import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { describe, expect, it } from 'vitest';
import { pageOf } from '../graph-emulator/graph-test-client.ts';
import { emulatedSignIn, PAGE_ORIGIN, REDIRECT_URI, signInScope, type TokenSet } from '../graph-emulator/sign-in-test-client.ts';
import { httpsJson } from '../support/https-client.ts';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

const refused = (error: string, aadsts: number) => ({ status: 400, body: { error, error_codes: [aadsts] } });
const redirectedWith = (error: string, aadsts: number) => ({
  status: 302,
  answer: { error, error_description: expect.stringMatching(new RegExp(`^AADSTS${aadsts}: `)), state: 'state-1' },
});

describe('Graph emulator: signing in with a code and PKCE', () => {
  it('answers the signed-in admin with a code, then tokens whose ID token verifies against the discovered keys and carries the nonce', async () => {
    const { tenant, app, admin, emulator, clock, authorize, redeem } = await emulatedSignIn();
    const authorized = await authorize();
    expect(authorized).toMatchObject({ status: 302, answer: { code: expect.any(String), state: 'state-1', session_state: expect.any(String) } });
    expect(`${authorized.location?.origin}${authorized.location?.pathname}`).toBe(REDIRECT_URI);
    const clientInfo = { uid: admin.id, utid: tenant.tenantId };
    expect(JSON.parse(Buffer.from(authorized.answer.client_info!, 'base64url').toString())).toEqual(clientInfo);

    const answer = await redeem(authorized, { scope: signInScope(emulator.url) });
    expect(answer).toMatchObject({
      status: 200,
      body: { token_type: 'Bearer', scope: `${emulator.url}/Place.Read.All openid profile`, expires_in: 3599, ext_expires_in: 3599, refresh_token: expect.any(String), refresh_token_expires_in: 24 * 3600 },
    });
    const tokens = answer.body as TokenSet;
    expect(JSON.parse(Buffer.from(tokens.client_info, 'base64url').toString())).toEqual(clientInfo);

    const discovery = await httpsJson(`${emulator.url}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`, { ca: emulator.ca });
    const { jwks_uri: jwksUri, issuer } = discovery.body as { jwks_uri: string; issuer: string };
    const keys = createLocalJWKSet((await httpsJson(jwksUri, { ca: emulator.ca })).body as JSONWebKeySet);
    const currentDate = new Date(clock.now);
    const { payload: id } = await jwtVerify(tokens.id_token, keys, { issuer, audience: app.appId, currentDate });
    const issuedAt = clock.now / 1000;
    expect(id).toMatchObject({ tid: tenant.tenantId, oid: admin.id, name: 'Megan Bowen', preferred_username: 'megan@contoso.example', nonce: 'nonce-1', iat: issuedAt, nbf: issuedAt, exp: issuedAt + 3599 });
    expect(id.sub).toEqual(expect.any(String));
    expect(id.sub).not.toBe(admin.id);
    const { payload: access } = await jwtVerify(tokens.access_token, keys, { issuer, audience: emulator.url, currentDate });
    expect(access).toMatchObject({ tid: tenant.tenantId, oid: admin.id, appid: app.appId, scp: 'Place.Read.All' });
  });

  it('answers in the fragment when asked, and leaves out the ID token without openid and the refresh token without offline_access', async () => {
    const { authorize, redeem } = await emulatedSignIn();
    const authorized = await authorize({ response_mode: 'fragment', scope: 'User.Read' });
    expect(authorized.location?.search).toBe('');
    expect(authorized.location?.hash).toMatch(/^#code=/);
    const answer = await redeem(authorized, { scope: 'User.Read' });
    expect(answer).toMatchObject({ status: 200, body: { scope: 'User.Read' } });
    expect(answer.body).not.toHaveProperty('id_token');
    expect(answer.body).not.toHaveProperty('refresh_token');
  });

  it('refreshes, for Graph or for the app itself, until 24 hours of tenant time after the sign-in, however often it renews', async () => {
    const { app, emulator, clock, signIn, token } = await emulatedSignIn();
    const first = await signIn();
    const refresh = (refreshToken: string, scope = signInScope(emulator.url)) => token({ grant_type: 'refresh_token', refresh_token: refreshToken, scope, client_info: '1' });

    clock.now += 23 * HOUR;
    const renewed = await refresh(first.refresh_token, `api://${app.appId}/access_as_user openid offline_access`);
    expect(renewed).toMatchObject({ status: 200, body: { scope: `api://${app.appId}/access_as_user openid`, refresh_token_expires_in: 3600 } });
    const tokens = renewed.body as TokenSet;
    expect(decodeJwt(tokens.access_token)).toMatchObject({ aud: app.appId, scp: 'access_as_user' });
    expect(decodeJwt(tokens.id_token)).not.toHaveProperty('nonce');
    const byDefault = await refresh(tokens.refresh_token, `${app.appId}/.default`);
    expect(byDefault).toMatchObject({ status: 200, body: { scope: `${app.appId}/access_as_user` } });
    expect(decodeJwt((byDefault.body as TokenSet).access_token)).toMatchObject({ aud: app.appId });
    const graphDefault = await refresh(first.refresh_token, `${emulator.url}/.default`);
    expect(decodeJwt((graphDefault.body as TokenSet).access_token)).toMatchObject({ aud: emulator.url, scp: 'User.Read Place.Read.All' });

    clock.now += HOUR;
    expect(await refresh(first.refresh_token)).toMatchObject(refused('invalid_grant', 700084));
    expect(await refresh(tokens.refresh_token)).toMatchObject(refused('invalid_grant', 700084));
  });

  it('refuses an unknown client, a code or refresh token redeemed without Origin, a client secret sent with one, and bad scopes', async () => {
    const { app, emulator, signIn, token, authorize, redeem } = await emulatedSignIn();
    const { refresh_token: refreshToken } = await signIn();
    const refresh = (params: Record<string, string> = {}, headers?: Record<string, string>) => token({ grant_type: 'refresh_token', refresh_token: refreshToken, ...params }, headers);
    expect(await refresh({}, {})).toMatchObject(refused('invalid_request', 9002327));
    const authorized = await authorize();
    const redemption = { grant_type: 'authorization_code', code: authorized.answer.code!, redirect_uri: REDIRECT_URI, code_verifier: authorized.verifier };
    expect(await token(redemption, {})).toMatchObject(refused('invalid_request', 9002327));
    expect((await redeem(authorized)).status).toBe(200);
    expect(await refresh({ refresh_token: 'not-a-refresh-token' })).toMatchObject(refused('invalid_grant', 9002313));
    expect(await refresh({ client_id: crypto.randomUUID() })).toMatchObject(refused('unauthorized_client', 700016));
    expect(await refresh({ scope: `User.Read api://${app.appId}/access_as_user` })).toMatchObject(refused('invalid_scope', 28000));
    expect(await refresh({ scope: 'https://outlook.office.com/Calendars.Read' })).toMatchObject(refused('invalid_resource', 500011));
    expect(await refresh({ scope: `api://${app.appId}/everything` })).toMatchObject(refused('invalid_scope', 70011));
    expect(await token({ grant_type: 'client_credentials', client_secret: 's3cret~value', scope: `${emulator.url}/.default` })).toMatchObject(refused('invalid_request', 9002326));
    app.servicePrincipal = 'disabled';
    expect(await refresh()).toMatchObject(refused('unauthorized_client', 7000112));
  });

  it('redeems a code once, within 10 minutes, with its redirect URI and PKCE verifier, for the client it was issued to', async () => {
    const { tenant, clock, authorize, redeem } = await emulatedSignIn();
    const authorized = await authorize();
    expect(await redeem(authorized, { code_verifier: 'x'.repeat(43) })).toMatchObject(refused('invalid_grant', 501481));
    expect(await redeem(authorized, { redirect_uri: `${PAGE_ORIGIN}/elsewhere` })).toMatchObject(refused('invalid_grant', 500112));
    const other = tenant.addApp({ redirectUris: [REDIRECT_URI] });
    expect(await redeem(authorized, { client_id: other.appId })).toMatchObject(refused('invalid_grant', 9002313));
    expect((await redeem(authorized)).status).toBe(200);
    expect(await redeem(authorized)).toMatchObject(refused('invalid_grant', 54005));

    const late = await authorize();
    clock.now += 10 * MINUTE;
    expect(await redeem(late)).toMatchObject(refused('invalid_grant', 70008));
    expect(await redeem(await authorize({ code_challenge: null, code_challenge_method: null }))).toMatchObject(refused('invalid_request', 9002325));
  });
});

describe('Graph emulator: refusals at /authorize', () => {
  it('shows an error page, sending no one anywhere, for an unknown tenant or app and an unregistered redirect URI', async () => {
    const { tenant, app, browse, authorize } = await emulatedSignIn();
    const pages = [
      [await browse('/contoso.example/oauth2/v2.0/authorize', { client_id: app.appId, redirect_uri: REDIRECT_URI }), 90002],
      [await authorize({ client_id: crypto.randomUUID() }), 700016],
      [await authorize({ redirect_uri: `${PAGE_ORIGIN}/elsewhere` }), 50011],
      [await authorize({ redirect_uri: null }), 900971],
    ] as const;
    app.servicePrincipal = 'deleted';
    const deleted = await authorize();
    for (const [page, aadsts] of [...pages, [deleted, 700016] as const]) {
      expect(page).toMatchObject({ status: 400, location: undefined });
      expect(page.text).toContain(`AADSTS${aadsts}: `);
    }
    expect(tenant.signedInUser).not.toBeNull();
  });

  it('sends the app its refusals: PKCE other than S256, other response types and modes, bad scopes, a disabled app', async () => {
    const { app, authorize } = await emulatedSignIn();
    expect(await authorize({ code_challenge_method: 'plain' })).toMatchObject(redirectedWith('invalid_request', 50149));
    expect(await authorize({ code_challenge_method: null })).toMatchObject(redirectedWith('invalid_request', 50149));
    expect(await authorize({ response_type: 'token' })).toMatchObject(redirectedWith('unsupported_response_type', 700051));
    expect(await authorize({ response_mode: 'form_post' })).toMatchObject(redirectedWith('invalid_request', 70007));
    expect(await authorize({ scope: null })).toMatchObject(redirectedWith('invalid_request', 900144));
    expect(await authorize({ scope: 'openid https://outlook.office.com/Calendars.Read' })).toMatchObject(redirectedWith('invalid_resource', 500011));
    expect(await authorize({ scope: `openid User.Read api://${app.appId}/access_as_user` })).toMatchObject({ status: 302, answer: { code: expect.any(String) } });
    app.servicePrincipal = 'disabled';
    expect(await authorize()).toMatchObject(redirectedWith('unauthorized_client', 7000112));
  });

  it('asks for a sign-in when nobody is signed in, and for consent when a colleague signs in to an app without admin consent', async () => {
    const { tenant, app, colleague, admin, authorize } = await emulatedSignIn();
    tenant.signInAs(null);
    expect(await authorize({ prompt: 'none' })).toMatchObject(redirectedWith('login_required', 50058));
    expect(await authorize()).toMatchObject(redirectedWith('interaction_required', 50058));
    tenant.signInAs(colleague.userPrincipalName);
    expect((await authorize()).answer.code).toEqual(expect.any(String));
    app.adminConsented = false;
    expect(await authorize()).toMatchObject(redirectedWith('consent_required', 65001));
    tenant.signInAs(admin.userPrincipalName);
    expect((await authorize()).answer.code).toEqual(expect.any(String));
  });

  it('signs out: the session ends, and the browser goes back to a registered address', async () => {
    const { tenant, browse, authorize } = await emulatedSignIn();
    const signedOut = await browse(`/${tenant.tenantId}/oauth2/v2.0/logout`, { post_logout_redirect_uri: REDIRECT_URI, state: 'bye' });
    expect(signedOut).toMatchObject({ status: 302, answer: { state: 'bye' } });
    expect(`${signedOut.location?.origin}${signedOut.location?.pathname}`).toBe(REDIRECT_URI);
    expect(await authorize({ prompt: 'none' })).toMatchObject(redirectedWith('login_required', 50058));
    expect(await browse(`/${tenant.tenantId}/oauth2/v2.0/logout`, { post_logout_redirect_uri: 'https://attacker.example/' })).toMatchObject({ status: 200, location: undefined });
  });
});

describe('Graph emulator: Graph for a signed-in user', () => {
  it("serves a delegated token with the right scp, only for the user's own mailbox, and refuses it once consent no longer covers the user", async () => {
    const { tenant, app, emulator, colleague, graph, signIn } = await emulatedSignIn();
    const room = tenant.addRoom({ displayName: 'Boardroom' });
    tenant.addMailbox({ displayName: 'Megan Bowen', emailAddress: 'megan@contoso.example' });
    const { access_token: places } = await signIn();
    expect(pageOf<{ displayName: string }>(await graph('/places/microsoft.graph.room', { token: places })).value.map((each) => each.displayName)).toEqual(['Boardroom']);
    const { access_token: profileOnly } = await signIn('openid offline_access User.Read');
    expect(await graph('/places/microsoft.graph.room', { token: profileOnly })).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
    const { access_token: forTheApp } = await signIn(`openid api://${app.appId}/access_as_user`);
    expect(await graph('/places/microsoft.graph.room', { token: forTheApp })).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });

    const { access_token: calendars } = await signIn(`openid ${emulator.url}/Calendars.Read`);
    const window = 'startDateTime=2026-10-20T00:00:00Z&endDateTime=2026-10-21T00:00:00Z';
    expect((await graph(`/users/megan@contoso.example/calendarView?${window}`, { token: calendars })).status).toBe(200);
    expect(await graph(`/users/${room.emailAddress}/calendarView?${window}`, { token: calendars })).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
    expect((await graph(`/users/${room.emailAddress}/calendarView?${window}`)).status).toBe(200);

    tenant.signInAs(colleague.userPrincipalName);
    const { access_token: colleagues } = await signIn();
    app.adminConsented = false;
    expect(await graph('/places/microsoft.graph.room', { token: colleagues })).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    expect((await graph('/places/microsoft.graph.room', { token: places })).status).toBe(200);
  });
});
