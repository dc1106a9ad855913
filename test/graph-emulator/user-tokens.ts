import { crossOriginRedemption, refuseCredential } from './client-credentials.ts';
import { graphResourceOf, type EmulatorContext } from './context.ts';
import { IdentityProblem } from './errors.ts';
import type { Platform, UserGrants } from './grants.ts';
import { requestedScopes, tokenResource } from './scopes.ts';
import type { EmulatedApp } from './tenant.ts';
import { TOKEN_LIFETIME_SECONDS, type TokenIssuer } from './tokens.ts';
import { consentCovers, type EmulatedUser } from './users.ts';

/** MSAL's key for the account (`client_info`): the user's object id and tenant, base64url-encoded JSON. */
export function clientInfo(user: EmulatedUser, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: user.id, utid: tenantId })).toString('base64url');
}

/**
 * The token endpoint's answer to an app redeeming a code or a refresh token:
 * an access token for the one resource the scopes name, an ID token with
 * `openid`, a refresh token with `offline_access`. A single-page app redeems
 * from the browser without a credential, a web app (a confidential client)
 * from its server with its secret or certificate.
 */
export function userTokens(ctx: EmulatorContext, issuer: TokenIssuer, grants: UserGrants) {
  const { tenant } = ctx;

  /**
   * Refuses a client the grant's platform does not let redeem it; for a grant
   * not known here, the request's shape says which platform it claims
   * (v2-oauth2-auth-code-flow.md, "Redirect URIs for single-page apps").
   */
  async function refuseClient(client: EmulatedApp, body: Record<string, string | undefined>, origin: string | undefined, platform: Platform | undefined): Promise<void> {
    const credential = body.client_secret !== undefined || body.client_assertion !== undefined;
    const spa = platform === undefined ? origin !== undefined : platform === 'spa';
    if (origin !== undefined && (credential || !spa)) throw crossOriginRedemption(origin);
    if (spa) {
      if (origin === undefined) throw new IdentityProblem('invalid_request', 9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.");
      return;
    }
    const refusal = await refuseCredential(client, body, `${ctx.origin()}/${tenant.tenantId}/oauth2/v2.0/token`, tenant.now());
    if (refusal) throw new IdentityProblem(refusal.error, refusal.aadsts, refusal.description, refusal.status);
  }

  return async (client: EmulatedApp, body: Record<string, string | undefined>, origin: string | undefined): Promise<object> => {
    await refuseClient(client, body, origin, grants.platformOf(client.appId, body));
    const { session, nonce } =
      body.grant_type === 'authorization_code'
        ? grants.redeemCode(client.appId, body.code, body.redirect_uri, body.code_verifier)
        : { session: grants.redeemRefreshToken(client.appId, body.refresh_token), nonce: undefined };
    const { user } = session;
    const scope = body.scope ?? session.scope;
    const requested = requestedScopes(scope, client, tenant.tenantId, graphResourceOf(ctx));
    const resource = tokenResource(requested, client, scope, graphResourceOf(ctx));
    if (!consentCovers(client, user, resource.scp)) {
      throw new IdentityProblem('invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${client.appId}' named '${client.displayName}'. Send an interactive authorization request for this user and resource.`);
    }
    const shownOidc = [...requested.oidc].filter((each) => each !== 'offline_access');
    // A refresh token only with offline_access (v2-oauth2-auth-code-flow.md); only a single-page app's tells its remaining lifetime.
    const refresh = requested.oidc.has('offline_access') ? grants.issueRefreshToken(session) : undefined;
    return {
      token_type: 'Bearer',
      scope: [...resource.granted, ...shownOidc].join(' '),
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: await issuer.userToken(client, user, resource.audience, resource.scp),
      ...(refresh ? { refresh_token: refresh.token } : {}),
      ...(refresh?.expiresIn === undefined ? {} : { refresh_token_expires_in: refresh.expiresIn }),
      ...(requested.oidc.has('openid') ? { id_token: await issuer.idToken(client, user, nonce) } : {}),
      ...(body.client_info === '1' ? { client_info: clientInfo(user, tenant.tenantId) } : {}),
    };
  };
}
