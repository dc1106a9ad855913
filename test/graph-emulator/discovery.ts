import express, { type Router } from 'express';
import type { JWK } from 'jose';
import type { EmulatorContext } from './context.ts';
import { identityError } from './errors.ts';
import { param } from './front-channel.ts';

/**
 * What MSAL reads before it signs anyone in: the OpenID configuration of an
 * authority, its signing keys, and instance discovery, which vouches for the
 * emulator's host as an authority the way Microsoft's vouches for its clouds.
 */
export function discoveryRoutes(ctx: EmulatorContext, jwk: JWK): Router {
  const router = express.Router();
  const host = () => new URL(ctx.origin()).host;

  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const base = `${ctx.origin()}/${req.params.tenant}`;
    res.json({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'fragment'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'name', 'preferred_username', 'oid', 'tid', 'ver'],
      request_uri_parameter_supported: false,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      // Graph is served by the emulator too, so the host to call it on is the emulator's.
      msgraph_host: host(),
    });
  });

  router.get('/:tenant/discovery/v2.0/keys', (_req, res) => {
    res.json({ keys: [jwk] });
  });

  router.get('/common/discovery/instance', (req, res) => {
    const endpoint = URL.parse(param(req, 'authorization_endpoint') ?? '');
    const authority = endpoint?.host === host() ? endpoint.pathname.split('/')[1] : undefined;
    if (!authority) return identityError(res, 400, 'invalid_instance', 50049, 'Unknown or invalid instance.');
    res.json({
      tenant_discovery_endpoint: `${ctx.origin()}/${authority}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host(), preferred_cache: host(), aliases: [host()] }],
    });
  });

  return router;
}
