import express, { type Router } from 'express';
import { adminConsentRoutes } from './admin-consent.ts';
import { crossOriginRedemption, refuseCredential } from './client-credentials.ts';
import { graphResourceOf, type EmulatorContext } from './context.ts';
import { cors } from './cors.ts';
import { discoveryRoutes } from './discovery.ts';
import { identityError, IdentityProblem } from './errors.ts';
import { UserGrants } from './grants.ts';
import { requestedScopes } from './scopes.ts';
import { signInRoutes } from './sign-in.ts';
import type { EmulatedApp } from './tenant.ts';
import { TOKEN_LIFETIME_SECONDS, tokenIssuer, type AccessTokens } from './tokens.ts';
import { userTokens } from './user-tokens.ts';

/** What the browser calls across origins with fetch; the rest it navigates to. */
const CROSS_ORIGIN_PATHS = ['/:tenant/oauth2/v2.0/token', '/:tenant/v2.0/.well-known/openid-configuration', '/:tenant/discovery/v2.0/keys', '/common/discovery/instance'];
/** The request headers MSAL's token requests carry besides Content-Type. */
const MSAL_HEADERS = ['Content-Type', 'X-AnchorMailbox', 'client-request-id', 'return-client-request-id'];

/**
 * Microsoft's identity platform for one tenant: discovery and signing keys,
 * client-credentials tokens for the bridge, the auth code flow with PKCE for
 * the admin page's MSAL sign-in and for the bridge's delegated connection,
 * and admin consent.
 */
export async function identityPlatform(ctx: EmulatorContext): Promise<{ router: Router; tokens: AccessTokens }> {
  const { tenant } = ctx;
  const issuer = await tokenIssuer(ctx);
  const grants = new UserGrants(() => tenant.now());
  const forUser = userTokens(ctx, issuer, grants);
  const router = express.Router();
  router.use(CROSS_ORIGIN_PATHS, cors(['GET', 'POST', 'OPTIONS'], MSAL_HEADERS));
  router.use(discoveryRoutes(ctx, issuer.jwk), signInRoutes(ctx, grants), adminConsentRoutes(ctx));

  router.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false }), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const origin = req.get('origin');
    try {
      if (req.params.tenant !== tenant.tenantId) throw new IdentityProblem('invalid_request', 90002, `Tenant '${req.params.tenant}' not found.`);
      switch (body.grant_type) {
        case 'client_credentials':
          return res.json(await clientCredentials(body, origin));
        case 'authorization_code':
        case 'refresh_token':
          return res.json(await forUser(registeredClient(body.client_id), body, origin));
        default:
          throw new IdentityProblem('unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
      }
    } catch (error) {
      if (!(error instanceof IdentityProblem)) throw error;
      identityError(res, error.status, error.error, error.aadsts, error.message);
    }
  });

  async function clientCredentials(body: Record<string, string | undefined>, origin: string | undefined): Promise<object> {
    if (!body.scope?.endsWith('/.default')) {
      throw new IdentityProblem('invalid_scope', 1002012, 'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.');
    }
    if (origin !== undefined) throw crossOriginRedemption(origin);
    const client = registeredClient(body.client_id);
    // The resource must be this cloud's Graph (concepts/sdks/national-clouds.md, "Permission scopes"): another cloud's is unknown here (AADSTS500011).
    requestedScopes(body.scope, client, tenant.tenantId, graphResourceOf(ctx));
    const refusal = await refuseCredential(client, body, `${ctx.origin()}/${tenant.tenantId}/oauth2/v2.0/token`, tenant.now());
    if (refusal) throw new IdentityProblem(refusal.error, refusal.aadsts, refusal.description, refusal.status);
    return { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: await issuer.appToken(client) };
  }

  function registeredClient(clientId: string | undefined): EmulatedApp {
    const client = clientId ? tenant.apps.get(clientId) : undefined;
    if (!client || client.servicePrincipal === 'deleted') {
      throw new IdentityProblem('unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.tenantId}'.`);
    }
    if (client.servicePrincipal === 'disabled') throw new IdentityProblem('unauthorized_client', 7000112, `Application '${client.appId}' is disabled.`);
    return client;
  }

  return { router, tokens: issuer };
}
