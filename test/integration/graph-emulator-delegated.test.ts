import { X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication, CryptoProvider, type Configuration } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { keyCredentialOf } from '../graph-emulator/certificates.ts';
import { delegatedScope, emulatedDelegation, msalNetwork, WEB_REDIRECT_URI, type EmulatedDelegation, type WebTokenSet } from '../graph-emulator/delegated-test-client.ts';
import { SECRET } from '../graph-emulator/graph-test-client.ts';
import { PAGE_ORIGIN, REDIRECT_URI } from '../graph-emulator/sign-in-test-client.ts';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

const refused = (error: string, aadsts: number, status = 400) => ({ status, body: { error, error_codes: [aadsts], error_description: expect.stringMatching(new RegExp(`^AADSTS${aadsts}: `)) } });
const tokensOf = (answer: { status: number; body: unknown }) => {
  if (answer.status !== 200) throw new Error(`No tokens: ${JSON.stringify(answer.body)}`);
  return answer.body as WebTokenSet;
};

describe('Graph emulator: a confidential client signs in a user with a code and PKCE', () => {
  it("redeems a Web redirect URI's code from the server with the client secret and the PKCE verifier", async () => {
    const { tenant, app, account, emulator, authorize, redeem } = await emulatedDelegation();
    const authorized = await authorize();
    expect(authorized).toMatchObject({ status: 302, answer: { code: expect.any(String), state: 'state-1' } });
    expect(`${authorized.location?.origin}${authorized.location?.pathname}`).toBe(WEB_REDIRECT_URI);

    const answer = await redeem(authorized);
    expect(answer).toMatchObject({ status: 200, body: { token_type: 'Bearer', scope: `${emulator.url}/Calendars.ReadWrite.Shared openid profile`, expires_in: 3599, refresh_token: expect.any(String), id_token: expect.any(String) } });
    expect(answer.body).not.toHaveProperty('refresh_token_expires_in');
    expect(decodeJwt(tokensOf(answer).access_token)).toMatchObject({ aud: emulator.url, appid: app.appId, oid: account.id, tid: tenant.tenantId, scp: 'Calendars.ReadWrite.Shared' });
    expect(await redeem(authorized)).toMatchObject(refused('invalid_grant', 54005));
  });

  it('refuses a redemption without a credential, with a wrong secret or verifier, or from a browser; PKCE is optional for a web app', async () => {
    const { emulator, authorize, redeem, token } = await emulatedDelegation();
    const authorized = await authorize();
    const redemption = { grant_type: 'authorization_code', code: authorized.answer.code!, redirect_uri: WEB_REDIRECT_URI, code_verifier: authorized.verifier, scope: delegatedScope(emulator.url) };
    expect(await token(redemption, {})).toMatchObject(refused('invalid_client', 7000218));
    expect(await token(redemption, { client_secret: 'not-the-secret' })).toMatchObject(refused('invalid_client', 7000215, 401));
    expect(await token(redemption, { client_secret: SECRET }, { origin: PAGE_ORIGIN })).toMatchObject(refused('invalid_request', 9002326));
    expect(await token(redemption, {}, { origin: PAGE_ORIGIN })).toMatchObject(refused('invalid_request', 9002326));
    expect(await redeem(authorized, { code_verifier: 'x'.repeat(43) })).toMatchObject(refused('invalid_grant', 501481));
    expect((await redeem(authorized)).status).toBe(200);

    const withoutPkce = await authorize({ code_challenge: null, code_challenge_method: null });
    expect((await token({ ...redemption, code: withoutPkce.answer.code!, code_verifier: '' }, { client_secret: SECRET })).status).toBe(200);
  });

  it("keeps a single-page app's rules for its redirect URI, and sends no one to an address neither platform registered", async () => {
    const { authorize, redeem } = await emulatedDelegation();
    const spaCode = await authorize({ redirect_uri: REDIRECT_URI });
    expect(await redeem(spaCode, { redirect_uri: REDIRECT_URI })).toMatchObject(refused('invalid_request', 9002327));
    const unregistered = await authorize({ redirect_uri: `${PAGE_ORIGIN}/elsewhere` });
    expect(unregistered).toMatchObject({ status: 400, location: undefined });
    expect(unregistered.text).toContain('AADSTS50011: ');
  });

  it('lets the account consent itself to Calendars.ReadWrite.Shared and offline_access, but not to a permission only an admin grants', async () => {
    const { app, account, emulator, authorize, connect, refresh, graph } = await emulatedDelegation();
    app.adminConsented = false;
    const tokens = await connect();
    expect(app.userConsents.get(account.id)).toEqual(new Set(['Calendars.ReadWrite.Shared']));
    expect((await graph('/me/calendars', { token: tokens.access_token })).status).toBe(200);
    expect(await authorize({ scope: `openid offline_access ${emulator.url}/Place.Read.All` })).toMatchObject({ status: 302, answer: { error: 'consent_required' } });
    expect(await refresh(tokens.refresh_token, { scope: `offline_access ${emulator.url}/Place.Read.All` })).toMatchObject(refused('invalid_grant', 65001));
  });
});

describe("Graph emulator: a confidential client's refresh tokens", () => {
  it('answers each refresh with a new refresh token; the old ones keep working until 90 days unused', async () => {
    const { emulator, clock, connect, refresh, token } = await emulatedDelegation();
    const first = await connect();
    clock.now += 60 * MINUTE;
    const second = tokensOf(await refresh(first.refresh_token));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second).not.toHaveProperty('refresh_token_expires_in');
    const third = tokensOf(await refresh(first.refresh_token));
    expect(new Set([first.refresh_token, second.refresh_token, third.refresh_token]).size).toBe(3);
    expect(await refresh(first.refresh_token, { scope: `${emulator.url}/Calendars.ReadWrite.Shared` })).toMatchObject({ status: 200, body: expect.not.objectContaining({ refresh_token: expect.anything() }) });
    expect(await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, {})).toMatchObject(refused('invalid_client', 7000218));
    expect(await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, { client_secret: SECRET }, { origin: PAGE_ORIGIN })).toMatchObject(refused('invalid_request', 9002326));

    clock.now += 90 * DAY - 60 * MINUTE - 1;
    expect((await refresh(first.refresh_token)).status).toBe(200);
    clock.now += 1;
    const expired = await refresh(first.refresh_token);
    expect(expired).toMatchObject(refused('invalid_grant', 700082));
    expect((expired.body as { error_description: string }).error_description).toContain(`The token was issued on ${new Date(clock.now - 90 * DAY).toISOString()}`);
    expect((await refresh(second.refresh_token)).status).toBe(200);
  });

  it("refuses every refresh token of the user's earlier sign-ins once their sessions are revoked, until they sign in again", async () => {
    const { tenant, account, clock, connect, refresh } = await emulatedDelegation();
    const before = await connect();
    clock.now += MINUTE;
    tenant.revokeSignInSessions(account.userPrincipalName);
    expect(await refresh(before.refresh_token)).toMatchObject(refused('invalid_grant', 50173));
    const after = await connect();
    expect((await refresh(after.refresh_token)).status).toBe(200);
    expect(await refresh(before.refresh_token)).toMatchObject(refused('invalid_grant', 50173));
  });

  it('asks for MFA (interaction_required, 50076) or tells of a Conditional Access block (53003) on every refresh until the user signs in again', async () => {
    const { tenant, account, clock, connect, refresh } = await emulatedDelegation();
    const before = await connect();
    clock.now += MINUTE;
    tenant.requireInteraction(account.userPrincipalName, 50076);
    expect(await refresh(before.refresh_token)).toMatchObject(refused('interaction_required', 50076));
    expect(await refresh(before.refresh_token)).toMatchObject(refused('interaction_required', 50076));
    const afterMfa = await connect();
    expect((await refresh(afterMfa.refresh_token)).status).toBe(200);

    clock.now += MINUTE;
    tenant.requireInteraction(account.userPrincipalName, 53003);
    expect(await refresh(afterMfa.refresh_token)).toMatchObject(refused('invalid_grant', 53003));
    expect((await refresh((await connect()).refresh_token)).status).toBe(200);
  });
});

describe('Graph emulator: msal-node as the confidential client', () => {
  const scopes = (emulatorUrl: string) => [`${emulatorUrl}/Calendars.ReadWrite.Shared`];
  const msalFor = (delegation: EmulatedDelegation, credential: Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate'>) => {
    const { tenant, app, emulator } = delegation;
    return new ConfidentialClientApplication({
      auth: { clientId: app.appId, authority: `${emulator.url}/${tenant.tenantId}`, knownAuthorities: [new URL(emulator.url).host], ...credential },
      system: { networkClient: msalNetwork(emulator.ca) },
    });
  };
  /** MSAL's authorization URL, opened by the browser where the account is signed in: the code the emulator sends back. */
  const codeFor = async (delegation: EmulatedDelegation, msal: ConfidentialClientApplication, challenge: string) => {
    const url = new URL(await msal.getAuthCodeUrl({ scopes: scopes(delegation.emulator.url), redirectUri: WEB_REDIRECT_URI, codeChallenge: challenge, codeChallengeMethod: 'S256', state: 'connect-1' }));
    const authorized = await delegation.browse(url.pathname, Object.fromEntries(url.searchParams));
    expect(authorized).toMatchObject({ status: 302, answer: { code: expect.any(String), state: 'connect-1' } });
    return authorized.answer.code!;
  };

  it('gets tokens by code with PKCE and the client secret, refreshes them silently, and surfaces a revocation and an MFA requirement', async () => {
    const delegation = await emulatedDelegation();
    const { tenant, account, emulator, clock, graph } = delegation;
    const msal = msalFor(delegation, { clientSecret: SECRET });
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const byCode = await msal.acquireTokenByCode({ code: await codeFor(delegation, msal, challenge), scopes: scopes(emulator.url), redirectUri: WEB_REDIRECT_URI, codeVerifier: verifier });
    expect(byCode.account).toMatchObject({ homeAccountId: `${account.id}.${tenant.tenantId}`, tenantId: tenant.tenantId, username: account.userPrincipalName });
    const refreshToken = () => Object.values(JSON.parse(msal.getTokenCache().serialize()).RefreshToken as Record<string, { secret: string }>).map((each) => each.secret);
    const [first] = refreshToken();

    clock.now += MINUTE;
    const refreshed = await msal.acquireTokenSilent({ account: byCode.account!, scopes: scopes(emulator.url), forceRefresh: true });
    expect(refreshed.accessToken).not.toBe(byCode.accessToken);
    expect(refreshToken()).toEqual([expect.not.stringMatching(`^${first}$`)]);
    expect((await graph('/me/calendars', { token: refreshed.accessToken })).status).toBe(200);

    clock.now += MINUTE;
    tenant.requireInteraction(account.userPrincipalName, 50076);
    await expect(msal.acquireTokenSilent({ account: byCode.account!, scopes: scopes(emulator.url), forceRefresh: true })).rejects.toMatchObject({ errorCode: 'interaction_required', message: expect.stringContaining('AADSTS50076') });
    tenant.revokeSignInSessions(account.userPrincipalName);
    await expect(msal.acquireTokenSilent({ account: byCode.account!, scopes: scopes(emulator.url), forceRefresh: true })).rejects.toMatchObject({ errorCode: 'invalid_grant', message: expect.stringContaining('AADSTS50173') });
  });

  it('redeems the code with a certificate assertion as the client credential', async () => {
    const now = new Date();
    const pems = await generate([{ name: 'commonName', value: 'Lintel bridge' }], { keySize: 2048, algorithm: 'sha256', notBeforeDate: new Date(now.getTime() - DAY), notAfterDate: new Date(now.getTime() + 365 * DAY) });
    // MSAL dates its assertion by the real clock, so the tenant's runs from now too.
    const delegation = await emulatedDelegation({ now: now.toISOString() });
    delegation.app.keyCredentials.push(keyCredentialOf(pems.cert));
    const thumbprintSha256 = new X509Certificate(pems.cert).fingerprint256.replaceAll(':', '');
    const msal = msalFor(delegation, { clientCertificate: { thumbprintSha256, privateKey: pems.private, x5c: pems.cert } });
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const byCode = await msal.acquireTokenByCode({ code: await codeFor(delegation, msal, challenge), scopes: scopes(delegation.emulator.url), redirectUri: WEB_REDIRECT_URI, codeVerifier: verifier });
    expect(decodeJwt(byCode.accessToken)).toMatchObject({ oid: delegation.account.id, scp: 'Calendars.ReadWrite.Shared' });
    expect((await msal.acquireTokenSilent({ account: byCode.account!, scopes: scopes(delegation.emulator.url), forceRefresh: true })).accessToken).toEqual(expect.any(String));
  });
});
