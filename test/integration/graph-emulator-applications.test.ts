import { createHash, X509Certificate } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { keyCredentialOf } from '../graph-emulator/certificates.ts';
import { emulatedGraph, SECRET, type EmulatedGraph } from '../graph-emulator/graph-test-client.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const OWNED_BY = ['Calendars.ReadWrite', 'Place.Read.All', 'Application.ReadWrite.OwnedBy'];

interface Certificate {
  pem: string;
  privateKey: string;
  /** Base64 DER, as addKey takes it. */
  der: string;
  sha1Hex: string;
  x5t: string;
  x5tS256: string;
}

async function certificate(validTo = '2027-06-01T00:00:00Z'): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: 'Lintel bridge' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date('2026-01-01T00:00:00Z'),
    notAfterDate: new Date(validTo),
  });
  const raw = new X509Certificate(pems.cert).raw;
  return {
    pem: pems.cert,
    privateKey: pems.private,
    der: raw.toString('base64'),
    sha1Hex: createHash('sha1').update(raw).digest('hex').toUpperCase(),
    x5t: createHash('sha1').update(raw).digest('base64url'),
    x5tS256: createHash('sha256').update(raw).digest('base64url'),
  };
}

/** A JWT signed with `signer`'s private key, naming `named` (by default the same certificate) in its header. */
async function signed(
  signer: Certificate,
  claims: { aud: string; iss: string; sub?: string; nbf: number; exp: number },
  options: { alg?: 'RS256' | 'PS256'; named?: Certificate; header?: 'x5t' | 'x5t#S256' } = {},
): Promise<string> {
  const alg = options.alg ?? 'RS256';
  const named = options.named ?? signer;
  const header = options.header ?? 'x5t';
  return new SignJWT({ jti: crypto.randomUUID(), ...(claims.sub ? { sub: claims.sub } : {}) })
    .setProtectedHeader({ alg, typ: 'JWT', [header]: header === 'x5t' ? named.x5t : named.x5tS256 })
    .setAudience(claims.aud)
    .setIssuer(claims.iss)
    .setNotBefore(claims.nbf)
    .setExpirationTime(claims.exp)
    .sign(await importPKCS8(signer.privateKey, alg));
}

/** A client assertion for the token endpoint, valid for ten minutes of tenant time unless told otherwise. */
function clientAssertion(graph: EmulatedGraph, signer: Certificate, options: Parameters<typeof signed>[2] & { aud?: string; iss?: string; exp?: number } = {}) {
  const seconds = Math.floor(graph.clock.now / 1000);
  return signed(
    signer,
    { aud: options.aud ?? graph.tokenEndpoint, iss: options.iss ?? graph.app.appId, sub: options.iss ?? graph.app.appId, nbf: seconds - 60, exp: options.exp ?? seconds + 600 },
    options,
  );
}

/** The proof of possession addKey and removeKey require. */
function proof(graph: EmulatedGraph, signer: Certificate, aud = '00000002-0000-0000-c000-000000000000') {
  const seconds = Math.floor(graph.clock.now / 1000);
  return signed(signer, { aud, iss: graph.app.id, nbf: seconds, exp: seconds + 600 });
}

async function tokenWithCertificate(graph: EmulatedGraph, assertion: string) {
  return graph.tokenRequest({ client_assertion_type: JWT_BEARER, client_assertion: assertion });
}

describe('Graph emulator: the application and its credentials', () => {
  it('shows the application to itself, by object id or appId, with credentials but never secret values', async () => {
    const cert = await certificate();
    const graph = await emulatedGraph({ roles: OWNED_BY, certificatePem: cert.pem });
    const other = graph.tenant.addApp({ displayName: 'Other', secret: 'another secret' });
    const byId = await graph.graph(`/applications/${graph.app.id}`);
    expect(byId).toMatchObject({
      status: 200,
      body: {
        id: graph.app.id,
        appId: graph.app.appId,
        passwordCredentials: [{ hint: 's3c', secretText: null, keyId: graph.app.passwordCredentials[0]!.keyId, endDateTime: '2027-05-01T00:00:00.000Z' }],
        keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', customKeyIdentifier: cert.sha1Hex, key: null, endDateTime: '2027-06-01T00:00:00.000Z' }],
      },
    });
    expect(JSON.stringify(byId.body)).not.toContain(SECRET);
    expect((await graph.graph(`/applications(appId='${graph.app.appId}')`)).body).toEqual(byId.body);
    expect(await graph.graph(`/applications/${other.id}`)).toMatchObject({ status: 403, body: { error: { code: 'Authorization_RequestDenied' } } });
    expect(await graph.graph(`/applications/${crypto.randomUUID()}`)).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });

    const unprivileged = await emulatedGraph();
    expect(await unprivileged.graph(`/applications/${unprivileged.app.id}`)).toMatchObject({ status: 403, body: { error: { code: 'Authorization_RequestDenied' } } });
  });

  it('rolls its secret: addPassword returns the new secret once, which then works; a removed secret no longer does', async () => {
    const graph = await emulatedGraph({ roles: OWNED_BY });
    const oldKeyId = graph.app.passwordCredentials[0]!.keyId;
    const added = await graph.graph(`/applications/${graph.app.id}/addPassword`, {
      method: 'POST',
      body: { passwordCredential: { displayName: 'Rolled by Lintel', endDateTime: '2027-10-20T00:00:00Z' } },
    });
    expect(added).toMatchObject({ status: 200, body: { displayName: 'Rolled by Lintel', endDateTime: '2027-10-20T00:00:00.000Z' } });
    const { secretText, keyId, hint } = added.body as { secretText: string; keyId: string; hint: string };
    expect(secretText).toHaveLength(40);
    expect(hint).toBe(secretText.slice(0, 3));
    expect((await graph.tokenRequest({ client_secret: secretText })).status).toBe(200);

    expect((await graph.graph(`/applications(appId='${graph.app.appId}')/removePassword`, { method: 'POST', body: { keyId: oldKeyId } })).status).toBe(204);
    expect(await graph.tokenRequest({ client_secret: SECRET })).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000215] } });
    expect((await graph.tokenRequest({ client_secret: secretText })).status).toBe(200);
    const listed = (await graph.graph(`/applications/${graph.app.id}`)).body as { passwordCredentials: { keyId: string }[] };
    expect(listed.passwordCredentials.map((credential) => credential.keyId)).toEqual([keyId]);
    expect(await graph.graph(`/applications/${graph.app.id}/removePassword`, { method: 'POST', body: { keyId: oldKeyId } })).toMatchObject({ status: 400 });

    const unprivileged = await emulatedGraph();
    expect(await unprivileged.graph(`/applications/${unprivileged.app.id}/addPassword`, { method: 'POST', body: {} })).toMatchObject({ status: 403 });
  });

  it('reports its service principal', async () => {
    const graph = await emulatedGraph({ roles: OWNED_BY });
    const other = graph.tenant.addApp({ displayName: 'Retired', servicePrincipal: 'disabled' });
    expect(await graph.graph(`/servicePrincipals(appId='${graph.app.appId}')`)).toMatchObject({
      status: 200,
      body: { id: graph.app.servicePrincipalId, appId: graph.app.appId, accountEnabled: true },
    });
    expect((await graph.graph(`/servicePrincipals(appId='${other.appId}')`)).body).toMatchObject({ accountEnabled: false });
    other.servicePrincipal = 'deleted';
    expect((await graph.graph(`/servicePrincipals(appId='${other.appId}')`)).status).toBe(404);
  });
});

describe('Graph emulator: certificate credentials', () => {
  it('issues a token for a client assertion signed by a registered certificate, RS256 with x5t or PS256 with x5t#S256', async () => {
    const cert = await certificate();
    const graph = await emulatedGraph({ certificatePem: cert.pem });
    expect(await tokenWithCertificate(graph, await clientAssertion(graph, cert))).toMatchObject({ status: 200, body: { token_type: 'Bearer' } });
    expect((await tokenWithCertificate(graph, await clientAssertion(graph, cert, { alg: 'PS256', header: 'x5t#S256' }))).status).toBe(200);
  });

  it('refuses a wrong key, an unregistered or expired certificate, a wrong audience or issuer, and an assertion expired on tenant time', async () => {
    const cert = await certificate();
    const stranger = await certificate();
    const expired = await certificate('2026-06-01T00:00:00Z');
    const graph = await emulatedGraph({ certificatePem: cert.pem });
    graph.app.keyCredentials.push(keyCredentialOf(expired.pem));
    const refused = async (assertion: string, aadsts: number, text: RegExp) => {
      const answer = await tokenWithCertificate(graph, assertion);
      expect(answer).toMatchObject({ body: { error: 'invalid_client', error_codes: [aadsts] } });
      expect((answer.body as { error_description: string }).error_description).toMatch(text);
    };
    await refused(await clientAssertion(graph, stranger, { named: cert }), 700027, /failed signature validation/);
    await refused(await clientAssertion(graph, stranger), 700027, /not registered on application/);
    await refused(await clientAssertion(graph, expired), 700027, /expired/);
    await refused(await clientAssertion(graph, cert, { aud: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' }), 50027, /audience/);
    await refused(await clientAssertion(graph, cert, { iss: crypto.randomUUID() }), 700021, /client_id/);
    await refused(await clientAssertion(graph, cert, { exp: Math.floor(graph.clock.now / 1000) - 301 }), 700024, /valid time range/);
  });

  it('rolls its certificate: addKey with a proof signed by the current one, then removeKey of the old one', async () => {
    const current = await certificate();
    const next = await certificate('2028-01-01T00:00:00Z');
    const graph = await emulatedGraph({ certificatePem: current.pem });
    const oldKeyId = graph.app.keyCredentials[0]!.keyId;
    const addKey = async (proofToken: string) =>
      graph.graph(`/applications/${graph.app.id}/addKey`, {
        method: 'POST',
        body: { keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: next.der }, passwordCredential: null, proof: proofToken },
      });

    expect(await addKey(await proof(graph, current, '00000003-0000-0000-c000-000000000000'))).toMatchObject({ status: 401, body: { error: { code: 'Authentication_MissingOrMalformed' } } });
    expect(await addKey(await proof(graph, next))).toMatchObject({ status: 401 });
    const added = await addKey(await proof(graph, current));
    expect(added).toMatchObject({ status: 200, body: { customKeyIdentifier: next.sha1Hex, type: 'AsymmetricX509Cert', usage: 'Verify', key: null, endDateTime: '2028-01-01T00:00:00.000Z' } });
    expect((await tokenWithCertificate(graph, await clientAssertion(graph, next))).status).toBe(200);

    const removed = await graph.graph(`/applications/${graph.app.id}/removeKey`, { method: 'POST', body: { keyId: oldKeyId, proof: await proof(graph, next) } });
    expect(removed.status).toBe(204);
    expect(await tokenWithCertificate(graph, await clientAssertion(graph, current))).toMatchObject({ status: 401, body: { error_codes: [700027] } });
    expect(graph.app.keyCredentials.map((key) => key.customKeyIdentifier)).toEqual([next.sha1Hex]);
  });

  it('refuses a proof signed by an expired certificate', async () => {
    const expired = await certificate('2026-06-01T00:00:00Z');
    const next = await certificate();
    const graph = await emulatedGraph({ certificatePem: expired.pem });
    const answer = await graph.graph(`/applications/${graph.app.id}/addKey`, {
      method: 'POST',
      body: { keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: next.der }, passwordCredential: null, proof: await proof(graph, expired) },
    });
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'Authentication_MissingOrMalformed' } } });
    expect(graph.app.keyCredentials).toHaveLength(1);
  });
});
