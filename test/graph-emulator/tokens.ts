import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { graphResourceOf, type EmulatorContext } from './context.ts';
import type { EmulatedApp } from './tenant.ts';
import type { EmulatedUser } from './users.ts';

export const TOKEN_LIFETIME_SECONDS = 3599;

export interface AccessTokens {
  /** The claims of a Graph access token this platform issued and that is still valid on the tenant's clock; throws otherwise. */
  verify(token: string): Promise<JWTPayload>;
}

/** The platform's signing key and the tokens it signs, dated by the tenant's clock. */
export interface TokenIssuer extends AccessTokens {
  /** The public key, as the JWKS document lists it. */
  readonly jwk: JWK;
  /** An application token for Graph, carrying the app's roles: none while admin consent is missing. */
  appToken(client: EmulatedApp): Promise<string>;
  /** A token for `audience` that lets the app act for the user, carrying the granted scopes as `scp`. */
  userToken(client: EmulatedApp, user: EmulatedUser, audience: string, scopes: string[]): Promise<string>;
  /** Who signed in to the app, and the nonce of the sign-in request when there was one. */
  idToken(client: EmulatedApp, user: EmulatedUser, nonce: string | undefined): Promise<string>;
}

export async function tokenIssuer(ctx: EmulatorContext): Promise<TokenIssuer> {
  const { tenant } = ctx;
  const signing = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(signing.publicKey)), kid: 'emulator-key', use: 'sig', alg: 'RS256' };
  const issuer = () => `${ctx.origin()}/${tenant.tenantId}/v2.0`;

  function sign(claims: JWTPayload, audience: string, tokenIssuer = issuer()): Promise<string> {
    const issuedAt = Math.floor(tenant.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid!, typ: 'JWT' })
      .setIssuer(tokenIssuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
      .sign(signing.privateKey);
  }

  const person = (client: EmulatedApp, user: EmulatedUser) => ({
    tid: tenant.tenantId,
    oid: user.id,
    sub: pairwiseSubject(client, user),
    name: user.displayName,
    preferred_username: user.userPrincipalName,
  });

  return {
    jwk,
    // Entra issues an app-only token even when no permission is granted, then without `roles` (identity platform docs: v2-oauth2-client-creds-grant-flow.md, "Controlling tokens without the roles claim").
    appToken: (client) => {
      const roles = client.adminConsented && client.roles.length > 0 ? { roles: client.roles } : {};
      return sign({ tid: tenant.tenantId, appid: client.appId, azp: client.appId, oid: client.servicePrincipalId, ...roles }, graphResourceOf(ctx));
    },
    userToken: (client, user, audience, scopes) => {
      const ownApi = audience !== graphResourceOf(ctx);
      const roles = ownApi && user.appRoles.length > 0 ? { roles: user.appRoles } : {};
      const claims = { ...person(client, user), upn: user.userPrincipalName, appid: client.appId, azp: client.appId, scp: scopes.join(' '), ...roles };
      // Entra issues a token for an app's own API in the version its manifest accepts; v1.0 comes from the v1 issuer, whatever the authority.
      return ownApi && client.accessTokenAcceptedVersion === 1
        ? sign({ ...claims, ver: '1.0' }, audience, `https://sts.windows.net/${tenant.tenantId}/`)
        : sign({ ...claims, ver: '2.0' }, audience);
    },
    idToken: (client, user, nonce) => sign({ ...person(client, user), ver: '2.0', ...(nonce === undefined ? {} : { nonce }) }, client.appId),
    verify: async (token) =>
      (await jwtVerify(token, signing.publicKey, { audience: graphResourceOf(ctx), issuer: issuer(), currentDate: new Date(tenant.now()) })).payload,
  };
}

/** Microsoft's `sub` is pairwise: the same user has another one in every app, so no app can take it for the object id. */
function pairwiseSubject(client: EmulatedApp, user: EmulatedUser): string {
  return createHash('sha256').update(`${user.id}:${client.appId}`).digest('base64url');
}
