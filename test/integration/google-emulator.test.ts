import { createSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CALENDAR_SCOPE, emulatedGoogle, googleFailure, RESOURCES_READONLY_SCOPE, tokenFailure } from '../google-emulator/google-test-client.ts';
import { newServiceAccountKey } from '../google-emulator/service-accounts.ts';
import { httpsJson } from '../support/https-client.ts';

async function withRoom() {
  const google = await emulatedGoogle();
  const room = google.workspace.addResource({ resourceName: 'Aurora', capacity: 8 });
  const { account, keyFile } = google.workspace.addServiceAccount({ name: 'lintel-bridge' });
  google.workspace.share(room.resourceEmail, account.clientEmail, 'writer');
  return { ...google, room, account, keyFile };
}

/** A JWT-bearer assertion signed by hand, for claims the library would never send. */
function assertion(claims: Record<string, unknown>, privateKeyPem: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKeyPem, 'base64url')}`;
}

describe('Google emulator: service account token grant', () => {
  it('hands out a key file as the console downloads it, whose token_uri is the emulator', async () => {
    const { emulator, keyFile, account } = await withRoom();
    expect(Object.keys(keyFile)).toEqual(['type', 'project_id', 'private_key_id', 'private_key', 'client_email', 'client_id', 'auth_uri', 'token_uri', 'auth_provider_x509_cert_url', 'client_x509_cert_url', 'universe_domain']);
    expect(keyFile).toMatchObject({ type: 'service_account', client_email: account.clientEmail, token_uri: emulator.tokenUrl });
    expect(keyFile.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(keyFile.private_key_id).toMatch(/^[0-9a-f]{40}$/);
    expect(keyFile.client_id).toMatch(/^\d{21}$/);
  });

  it('grants google-auth-library a Bearer token for 3599 s and lets the calendar client read a shared room', async () => {
    const { workspace, keyFile, room, clients, clock } = await withRoom();
    const { auth, calendar } = clients(keyFile, { scopes: [CALENDAR_SCOPE] });
    const tokens = await auth.authorize();
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.expiry_date).toBe(clock.now + 3599 * 1000);
    const list = await calendar.events.list({ calendarId: room.resourceEmail });
    expect(list.status).toBe(200);
    expect(list.data).toMatchObject({ kind: 'calendar#events', accessRole: 'writer', items: [] });
    expect(workspace.requests({ method: 'POST', path: '/token' })).toHaveLength(1);
    expect(workspace.requests({ path: `/calendar/v3/calendars/${room.resourceEmail}/events` })[0]).toMatchObject({ status: 200, principal: { serviceAccount: keyFile.client_email } });
  });

  it('refuses an assertion signed with a key that is not the account\'s: invalid_grant "Invalid JWT Signature."', async () => {
    const { keyFile, clients } = await withRoom();
    const { auth } = clients({ ...keyFile, private_key: newServiceAccountKey().privateKeyPem }, { scopes: [CALENDAR_SCOPE] });
    expect(await tokenFailure(auth)).toEqual({ message: 'invalid_grant: Invalid JWT Signature.', status: 400, data: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } });
  });

  it('refuses a deleted key the same way', async () => {
    const { workspace, keyFile, clients } = await withRoom();
    workspace.deleteServiceAccountKey(keyFile.client_email, keyFile.private_key_id);
    expect(await tokenFailure(clients(keyFile, { scopes: [CALENDAR_SCOPE] }).auth)).toMatchObject({ message: 'invalid_grant: Invalid JWT Signature.' });
  });

  it('refuses an assertion out of a reasonable timeframe (clock skew) as Google words it', async () => {
    const { workspace, keyFile, clients } = await withRoom();
    // The emulator's clock runs two hours ahead of the (faked) clock the library signs with.
    const signedAt = Date.now();
    workspace.now = () => signedAt + 2 * 3600 * 1000;
    expect((await tokenFailure(clients(keyFile, { scopes: [CALENDAR_SCOPE] }).auth)).data).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    });
  });

  it('refuses an assertion whose exp is more than an hour after its iat', async () => {
    const { emulator, keyFile, clock } = await withRoom();
    const iat = Math.floor(clock.now / 1000);
    const answer = await httpsJson(emulator.tokenUrl, {
      ca: emulator.ca,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: assertion({ iss: keyFile.client_email, scope: CALENDAR_SCOPE, aud: emulator.tokenUrl, iat, exp: iat + 7200 }, keyFile.private_key),
      }).toString(),
    });
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('accepts aud = the key file token_uri as well as https://oauth2.googleapis.com/token, and refuses other audiences and no scope', async () => {
    const { emulator, keyFile, clock } = await withRoom();
    const iat = Math.floor(clock.now / 1000);
    const grant = (claims: Record<string, unknown>) =>
      httpsJson(emulator.tokenUrl, {
        ca: emulator.ca,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: assertion({ iss: keyFile.client_email, iat, exp: iat + 3600, ...claims }, keyFile.private_key) }).toString(),
      });
    expect(await grant({ aud: emulator.tokenUrl, scope: CALENDAR_SCOPE })).toMatchObject({ status: 200, body: { expires_in: 3599, token_type: 'Bearer' } });
    expect((await grant({ aud: 'https://example.org/token', scope: CALENDAR_SCOPE })).body).toMatchObject({ error: 'invalid_grant' });
    expect((await grant({ aud: emulator.tokenUrl })).body).toEqual({ error: 'invalid_scope', error_description: 'Invalid OAuth scope or ID token audience provided.' });
  });

  it('impersonates a user (sub) only with domain-wide delegation for every requested scope', async () => {
    const { workspace, keyFile, clients } = await withRoom();
    workspace.addUser({ email: 'desk', name: 'Front desk' });
    const withoutDelegation = await tokenFailure(clients(keyFile, { scopes: [CALENDAR_SCOPE], subject: 'desk@example.com' }).auth);
    expect(withoutDelegation).toMatchObject({ status: 401, data: { error: 'unauthorized_client', error_description: 'Unauthorized client or scope in request.' } });

    workspace.delegateDomainWide(keyFile.client_email, ['https://www.googleapis.com/auth/calendar.readonly']);
    const otherScope = await tokenFailure(clients(keyFile, { scopes: [CALENDAR_SCOPE], subject: 'desk@example.com' }).auth);
    expect(otherScope.data).toMatchObject({ error: 'unauthorized_client' });

    workspace.delegateDomainWide(keyFile.client_email, [CALENDAR_SCOPE]);
    const delegated = clients(keyFile, { scopes: [CALENDAR_SCOPE], subject: 'desk@example.com' });
    const primary = await delegated.calendar.events.list({ calendarId: 'primary' });
    expect(primary.data).toMatchObject({ accessRole: 'owner', summary: 'desk@example.com' });
    expect(workspace.requests({ path: '/calendar/v3/calendars/primary/events' })[0]?.principal).toEqual({ serviceAccount: keyFile.client_email, subject: 'desk@example.com' });

    const stranger = await tokenFailure(clients(keyFile, { scopes: [CALENDAR_SCOPE], subject: 'nobody@example.com' }).auth);
    expect(stranger.data).toEqual({ error: 'invalid_grant', error_description: 'Not a valid email or user ID.' });
  });
});

describe('Google emulator: API authorization', () => {
  it('answers 401 authError without a bearer token, with an unknown one, and once the token expired', async () => {
    const { emulator, room, keyFile, clients, advance } = await withRoom();
    const url = `${emulator.url}/calendar/v3/calendars/${encodeURIComponent(room.resourceEmail)}/events`;
    const anonymous = await httpsJson(url, { ca: emulator.ca });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({
      error: { code: 401, message: 'Invalid Credentials', errors: [{ domain: 'global', reason: 'authError', message: 'Invalid Credentials', locationType: 'header', location: 'Authorization' }], status: 'UNAUTHENTICATED' },
    });
    expect((await httpsJson(url, { ca: emulator.ca, headers: { authorization: 'Bearer ya29.made-up' } })).status).toBe(401);

    const { auth } = clients(keyFile, { scopes: [CALENDAR_SCOPE] });
    const { access_token: token } = await auth.authorize();
    expect((await httpsJson(url, { ca: emulator.ca, headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    advance(3600 * 1000);
    expect((await httpsJson(url, { ca: emulator.ca, headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('answers 404 notFound for a calendar not shared with the service account, and 403 for a token without a calendar scope', async () => {
    const { workspace, keyFile, clients } = await withRoom();
    const hidden = workspace.addResource({ resourceName: 'Boardroom', domainRole: 'none' });
    const { calendar } = clients(keyFile, { scopes: [CALENDAR_SCOPE] });
    const failure = await googleFailure(calendar.events.list({ calendarId: hidden.resourceEmail }));
    expect(failure).toEqual({ status: 404, body: { error: { code: 404, message: 'Not Found', errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }], status: 'NOT_FOUND' } } });

    const directoryOnly = clients(keyFile, { scopes: [RESOURCES_READONLY_SCOPE] });
    const scopeFailure = await googleFailure(directoryOnly.calendar.events.list({ calendarId: hidden.resourceEmail }));
    expect(scopeFailure).toMatchObject({ status: 403, body: { error: { errors: [{ reason: 'insufficientPermissions' }] } } });
  });

  it('refuses writes with reader access: 403 requiredAccessLevel', async () => {
    const { workspace, keyFile, clients, room } = await withRoom();
    workspace.share(room.resourceEmail, keyFile.client_email, 'reader');
    const { calendar } = clients(keyFile, { scopes: [CALENDAR_SCOPE] });
    const failure = await googleFailure(calendar.events.insert({ calendarId: room.resourceEmail, requestBody: { start: { dateTime: '2027-03-22T10:00:00Z' }, end: { dateTime: '2027-03-22T10:30:00Z' } } }));
    expect(failure).toMatchObject({ status: 403, body: { error: { errors: [{ domain: 'calendar', reason: 'requiredAccessLevel' }] } } });
  });
});
