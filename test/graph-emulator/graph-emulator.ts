import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import { generate } from 'selfsigned';
import { graphError, identityError } from './errors.ts';
import type { EmulatedTenant } from './tenant.ts';

export interface GraphEmulator {
  /** https://127.0.0.1:<port>; identity at /<tenant>/..., Graph at /v1.0/... */
  url: string;
  /** The self-signed certificate to trust, as PEM. */
  ca: string;
  close(): Promise<void>;
}

const TOKEN_LIFETIME_SECONDS = 3599;
const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const PAGE_MAX = 100;

/**
 * Microsoft's identity platform and Graph, as far as Lintel uses them, on
 * HTTPS with a certificate made now (the Graph JS client sends tokens only
 * over https). Response shapes follow Microsoft's documentation; no code in
 * the project ever talks to Microsoft itself. `now` is the tenant's clock, so
 * tests can let tokens and secrets expire.
 */
export async function startGraphEmulator(tenant: EmulatedTenant, now: () => number = Date.now): Promise<GraphEmulator> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  const signing = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(signing.publicKey)), kid: 'emulator-key', use: 'sig', alg: 'RS256' };

  const app = express();
  let issuer = '';

  app.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const base = `${issuer}/${req.params.tenant}`;
    res.json({
      issuer: `${base}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  app.get('/:tenant/discovery/v2.0/keys', (_req, res) => {
    res.json({ keys: [jwk] });
  });

  app.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false }), async (req, res) => {
    const body = req.body as Record<string, string | undefined>;
    if (req.params.tenant !== tenant.tenantId) return identityError(res, 400, 'invalid_request', 90002, `Tenant '${req.params.tenant}' not found.`);
    if (body.grant_type !== 'client_credentials') return identityError(res, 400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    if (!body.scope?.endsWith('/.default')) return identityError(res, 400, 'invalid_scope', 1002012, 'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.');
    const client = body.client_id ? tenant.apps.get(body.client_id) : undefined;
    if (!client || client.servicePrincipal === 'deleted') {
      return identityError(res, 400, 'unauthorized_client', 700016, `Application with identifier '${body.client_id}' was not found in the directory '${tenant.tenantId}'.`);
    }
    if (client.servicePrincipal === 'disabled') return identityError(res, 400, 'unauthorized_client', 7000112, `Application '${client.appId}' is disabled.`);
    const secret = client.secrets.find((s) => s.secretText === body.client_secret);
    if (!secret) return identityError(res, 401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
    if (Date.parse(secret.endDateTime) <= now()) {
      return identityError(res, 401, 'invalid_client', 7000222, `The provided client secret keys for app '${client.appId}' are expired.`);
    }
    if (!client.adminConsented) return identityError(res, 400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${client.appId}'.`);
    const accessToken = await new SignJWT({ tid: tenant.tenantId, appid: client.appId, azp: client.appId, roles: client.roles })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
      .setIssuer(`${issuer}/${tenant.tenantId}/v2.0`)
      .setAudience(GRAPH_AUDIENCE)
      .setIssuedAt(Math.floor(now() / 1000))
      .setExpirationTime(Math.floor(now() / 1000) + TOKEN_LIFETIME_SECONDS)
      .sign(signing.privateKey);
    res.json({ token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken });
  });

  const graph = express.Router();
  graph.use(async (req, res, next) => {
    const fault = tenant.faults.shift();
    if (fault?.kind === 'throttle') {
      res.setHeader('Retry-After', String(fault.retryAfterSeconds));
      return graphError(res, 429, 'TooManyRequests', 'Too many requests.');
    }
    if (fault?.kind === 'server-error') return graphError(res, fault.status, 'ServiceNotAvailable', 'The service is temporarily unavailable.');
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    try {
      const { payload } = await jwtVerify(token, signing.publicKey, { audience: GRAPH_AUDIENCE, issuer: `${issuer}/${tenant.tenantId}/v2.0`, currentDate: new Date(now()) });
      const client = tenant.apps.get(String(payload.appid));
      if (!client || client.servicePrincipal !== 'enabled') return graphError(res, 401, 'InvalidAuthenticationToken', 'The application is disabled or was deleted.');
      res.locals.roles = payload.roles;
      next();
    } catch (error) {
      graphError(res, 401, 'InvalidAuthenticationToken', `Access token validation failure: ${(error as Error).message}`);
    }
  });

  graph.get('/places/microsoft.graph.room', (req, res) => {
    if (!(res.locals.roles as string[]).includes('Place.Read.All')) return graphError(res, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    const top = Math.min(PAGE_MAX, Number(req.query.$top ?? PAGE_MAX) || PAGE_MAX);
    const skip = Math.max(0, Number(req.query.$skip ?? 0) || 0);
    const listed = tenant.rooms.filter((room) => !room.hiddenFromAddressList);
    const page = listed.slice(skip, skip + top);
    const next = skip + top < listed.length ? `${issuer}/v1.0/places/microsoft.graph.room?$top=${top}&$skip=${skip + top}` : undefined;
    res.json({
      '@odata.context': `${GRAPH_AUDIENCE}/v1.0/$metadata#places/microsoft.graph.room`,
      value: page.map(({ hiddenFromAddressList: _hidden, ...room }) => ({ '@odata.type': '#microsoft.graph.room', ...room })),
      ...(next ? { '@odata.nextLink': next } : {}),
    });
  });

  graph.use((req, res) => graphError(res, 400, 'BadRequest', `Resource not found for the segment '${req.path}'.`));
  app.use('/v1.0', graph);

  const server: Server = createServer({ key: pems.private, cert: pems.cert }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: issuer,
    ca: pems.cert,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
