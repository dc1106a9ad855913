import express, { type Router } from 'express';
import { DOCUMENTED_AUTHORITY_HOST, OPENID_CONFIGURATION, TOKEN_RESPONSE } from './identity-examples.ts';

/**
 * The identity platform as its pages document it: the OpenID configuration
 * MSAL reads before asking for a token, and the client credentials token.
 * Nothing is checked: every request gets the documented answer.
 */
export function identityRoutes(origin: () => string): Router {
  const router = express.Router();

  // docs/identity-platform/v2-protocols-oidc.md, "Sample response", with its endpoints on the fake's host.
  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const here = (url: string) => url.replace(DOCUMENTED_AUTHORITY_HOST, origin());
    res.json({
      ...OPENID_CONFIGURATION,
      authorization_endpoint: here(OPENID_CONFIGURATION.authorization_endpoint),
      token_endpoint: here(OPENID_CONFIGURATION.token_endpoint),
      jwks_uri: here(OPENID_CONFIGURATION.jwks_uri),
      // The sample is cut short before `issuer`, which MSAL cannot do without. OpenID Connect Discovery
      // (the page's own reference for the fields, section 4.3) makes it the URL the document was asked
      // at, less /.well-known/openid-configuration: that is the only value filled in.
      issuer: `${origin()}/${req.params.tenant}/v2.0`,
    });
  });

  // docs/identity-platform/v2-oauth2-client-creds-grant-flow.md, "Successful response".
  router.post('/:tenant/oauth2/v2.0/token', (_req, res) => {
    res.json(TOKEN_RESPONSE);
  });

  return router;
}
