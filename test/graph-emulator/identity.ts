import express, { type Router } from 'express';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { refuseCredential } from './client-credentials.ts';
import { GRAPH_RESOURCE, type EmulatorContext } from './context.ts';
import { identityError } from './errors.ts';
import type { EmulatedApp } from './tenant.ts';

const TOKEN_LIFETIME_SECONDS = 3599;

export interface AccessTokens {
  /** The claims of a Graph access token this platform issued and that is still valid on the tenant's clock; throws otherwise. */
  verify(token: string): Promise<JWTPayload>;
}

/** Microsoft's identity platform for one tenant: discovery, signing keys, and client-credentials tokens for Graph. */
export async function identityPlatform(ctx: EmulatorContext): Promise<{ router: Router; tokens: AccessTokens }> {
  const { tenant } = ctx;
  const signing = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(signing.publicKey)), kid: 'emulator-key', use: 'sig', alg: 'RS256' };
  const issuer = () => `${ctx.origin()}/${tenant.tenantId}/v2.0`;
  const router = express.Router();

  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const base = `${ctx.origin()}/${req.params.tenant}`;
    res.json({
      issuer: `${base}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    });
  });

  router.get('/:tenant/discovery/v2.0/keys', (_req, res) => {
    res.json({ keys: [jwk] });
  });

  router.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false }), async (req, res) => {
    const body = req.body as Record<string, string | undefined>;
    if (req.params.tenant !== tenant.tenantId) return identityError(res, 400, 'invalid_request', 90002, `Tenant '${req.params.tenant}' not found.`);
    if (body.grant_type !== 'client_credentials') return identityError(res, 400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    if (!body.scope?.endsWith('/.default')) {
      return identityError(res, 400, 'invalid_scope', 1002012, 'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.');
    }
    const client = body.client_id ? tenant.apps.get(body.client_id) : undefined;
    if (!client || client.servicePrincipal === 'deleted') {
      return identityError(res, 400, 'unauthorized_client', 700016, `Application with identifier '${body.client_id}' was not found in the directory '${tenant.tenantId}'.`);
    }
    if (client.servicePrincipal === 'disabled') return identityError(res, 400, 'unauthorized_client', 7000112, `Application '${client.appId}' is disabled.`);
    const refusal = await refuseCredential(client, body, `${ctx.origin()}/${tenant.tenantId}/oauth2/v2.0/token`, tenant.now());
    if (refusal) return identityError(res, refusal.status, refusal.error, refusal.aadsts, refusal.description);
    if (!client.adminConsented) return identityError(res, 400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${client.appId}'.`);
    res.json({ token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: await accessToken(client) });
  });

  function accessToken(client: EmulatedApp): Promise<string> {
    const issuedAt = Math.floor(tenant.now() / 1000);
    return new SignJWT({ tid: tenant.tenantId, appid: client.appId, azp: client.appId, oid: client.servicePrincipalId, roles: client.roles })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
      .setIssuer(issuer())
      .setAudience(GRAPH_RESOURCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
      .sign(signing.privateKey);
  }

  const tokens: AccessTokens = {
    verify: async (token) =>
      (await jwtVerify(token, signing.publicKey, { audience: GRAPH_RESOURCE, issuer: issuer(), currentDate: new Date(tenant.now()) })).payload,
  };
  return { router, tokens };
}
