import express, { type Response, type Router } from 'express';
import { randomBytes } from 'node:crypto';
import { decodeJwt, verifyRs256 } from './jwt.ts';
import type { EmulatedWorkspace } from './workspace.ts';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** "aud: ... When making an access token request this value is always https://oauth2.googleapis.com/token" (§ Creating a JWT, claim set). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** How far `iat` and `exp` may stray from the emulator's clock. Google documents no figure; five minutes. */
export const CLOCK_SKEW_SECONDS = 300;
/** Lifetime of an access token (§ Handling the response: `"expires_in": 3599`). */
export const ACCESS_TOKEN_SECONDS = 3599;

const SHORT_LIVED = 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';

function refuse(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

/**
 * Google's OAuth 2.0 token endpoint for service accounts, as "Using OAuth
 * 2.0 for Server to Server Applications" documents it
 * (developers.google.com/identity/protocols/oauth2/service-account): a
 * JWT-bearer grant whose RS256 assertion the service account signed, with
 * `iss`, `scope`, `aud`, `iat`, `exp` and, for domain-wide delegation,
 * `sub`. Refusals use the page's error table (`error`/`error_description`).
 */
export function tokenEndpoint(workspace: EmulatedWorkspace): Router {
  const router = express.Router();
  // § Making the access token request: POST, application/x-www-form-urlencoded, grant_type and assertion.
  router.post('/token', express.urlencoded({ extended: false }), express.json(), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== JWT_BEARER) return refuse(res, 400, 'unsupported_grant_type', `Invalid grant_type: ${String(body.grant_type ?? '')}`);
    if (typeof body.assertion !== 'string') return refuse(res, 400, 'invalid_request', 'Missing required parameter: assertion');
    const jwt = decodeJwt(body.assertion);
    if (!jwt) return refuse(res, 400, 'invalid_grant', 'Bad Request');
    const { header, claims } = jwt;
    const account = typeof claims.iss === 'string' ? workspace.serviceAccounts.get(claims.iss) : undefined;
    if (!account) return refuse(res, 400, 'invalid_grant', 'Invalid grant: account not found');
    // Error table: disabled_client, "The OAuth client was disabled."
    if (account.disabled) return refuse(res, 401, 'disabled_client', 'The OAuth client was disabled.');
    // Error table: invalid_grant, "Invalid JWT Signature." — signed with a key not the account's, or deleted. § Creating a JWT: header {"alg":"RS256","typ":"JWT"}, optional kid.
    const keys = account.keys.filter((key) => !key.deleted && (header.kid === undefined || header.kid === key.keyId));
    if (header.alg !== 'RS256' || !keys.some((key) => verifyRs256(jwt, key.publicKey))) return refuse(res, 400, 'invalid_grant', 'Invalid JWT Signature.');
    const audiences = new Set([workspace.tokenUrl, GOOGLE_TOKEN_URL, 'https://www.googleapis.com/oauth2/v4/token', 'https://accounts.google.com/o/oauth2/token']);
    if (typeof claims.aud !== 'string' || !audiences.has(claims.aud)) return refuse(res, 400, 'invalid_grant', 'Invalid JWT: Failed audience check.');
    // § Creating a JWT: exp "has a maximum of 1 hour after the issued time"; error table: invalid_grant for iat/exp out of a reasonable timeframe.
    const now = Math.floor(workspace.now() / 1000);
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > 3600 || iat > now + CLOCK_SKEW_SECONDS || exp < now - CLOCK_SKEW_SECONDS) {
      return refuse(res, 400, 'invalid_grant', SHORT_LIVED);
    }
    // Error table: invalid_scope, "No scopes were requested (empty list of scopes), or one of the requested scopes doesn't exist".
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    if (scopes.length === 0 || scopes.some((scope) => !scope.startsWith('https://www.googleapis.com/auth/'))) {
      return refuse(res, 400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    }
    let subject: string | undefined;
    if (claims.sub !== undefined && claims.sub !== account.clientEmail) {
      // § Delegating domain-wide authority to the service account; error table: unauthorized_client when the client id is not authorised in the Admin console.
      if (!account.delegatedScopes) return refuse(res, 401, 'unauthorized_client', 'Unauthorized client or scope in request.');
      if (scopes.some((scope) => !account.delegatedScopes!.includes(scope))) {
        return refuse(res, 401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
      }
      subject = String(claims.sub).toLowerCase();
      if (!workspace.users.has(subject)) return refuse(res, 400, 'invalid_grant', 'Not a valid email or user ID.');
    }
    const token = `ya29.${randomBytes(32).toString('base64url')}`;
    workspace.accessTokens.set(token, { token, serviceAccount: account.clientEmail, ...(subject ? { subject } : {}), scopes, expiresAt: workspace.now() + ACCESS_TOKEN_SECONDS * 1000 });
    // § Handling the response: access_token, token_type Bearer, expires_in.
    res.json({ access_token: token, expires_in: ACCESS_TOKEN_SECONDS, token_type: 'Bearer' });
  });
  return router;
}
