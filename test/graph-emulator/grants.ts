import { createHash, randomBytes } from 'node:crypto';
import { IdentityProblem } from './errors.ts';
import type { EmulatedUser } from './users.ts';

const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** Microsoft gives refresh tokens sent to a single-page app's redirect URI a fixed 24 hours from the sign-in, however often they are used. */
const SPA_SIGN_IN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Any other refresh token ends once unused for MaxInactiveTime, 90 days; none has a maximum age (identity platform docs: configurable-token-lifetimes.md). */
const MAX_INACTIVE_MS = 90 * 24 * 60 * 60 * 1000;

/** The platform of the redirect URI a code was sent to: a single-page app's, or a web app's (a confidential client). */
export type Platform = 'spa' | 'web';

/** A user's sign-in to an app, as its code and refresh tokens carry it. */
export interface SignIn {
  clientId: string;
  user: EmulatedUser;
  /** The `scope` of the authorization request: the default for token requests that name none. */
  scope: string;
  platform: Platform;
}

export interface CodeRequest extends SignIn {
  redirectUri: string;
  /** The S256 `code_challenge` of the authorization request, if it had one. */
  codeChallenge: string | undefined;
  nonce: string | undefined;
}

export interface Session extends SignIn {
  /** When the code was redeemed: a single-page app's refresh tokens' 24 hours run from here, and revocations since end them all. */
  signedInAt: number;
}

interface IssuedCode extends CodeRequest {
  issuedAt: number;
  redeemed: boolean;
}

interface IssuedRefreshToken {
  session: Session;
  issuedAt: number;
}

const malformed = () => new IdentityProblem('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');

/**
 * Authorization codes and refresh tokens: opaque strings for the app, what
 * they stand for kept here. A single-page app's codes need PKCE and its
 * refresh tokens end 24 hours after the sign-in; a web app's refresh tokens
 * each last 90 days unused. Every refresh returns a new refresh token, and
 * the ones issued before stay valid (identity platform docs: refresh-tokens.md).
 */
export class UserGrants {
  readonly #codes = new Map<string, IssuedCode>();
  readonly #refreshTokens = new Map<string, IssuedRefreshToken>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The platform of the code or refresh token a token request names, when it is one of the client's. */
  platformOf(clientId: string, body: Record<string, string | undefined>): Platform | undefined {
    const grant = body.grant_type === 'authorization_code' ? this.#codes.get(body.code ?? '') : this.#refreshTokens.get(body.refresh_token ?? '')?.session;
    return grant?.clientId === clientId ? grant.platform : undefined;
  }

  issueCode(request: CodeRequest): string {
    const code = randomBytes(48).toString('base64url');
    this.#codes.set(code, { ...request, issuedAt: this.#now(), redeemed: false });
    return code;
  }

  /** The sign-in a code stands for, once: for the client, redirect URI and PKCE verifier it was issued with, within 10 minutes. */
  redeemCode(clientId: string, code: string | undefined, redirectUri: string | undefined, verifier: string | undefined): { session: Session; nonce: string | undefined } {
    const issued = code === undefined ? undefined : this.#codes.get(code);
    if (!issued || issued.clientId !== clientId) throw malformed();
    if (issued.redeemed) throw new IdentityProblem('invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
    if (this.#now() >= issued.issuedAt + CODE_LIFETIME_MS) {
      throw new IdentityProblem('invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
    }
    if (redirectUri !== issued.redirectUri) {
      throw new IdentityProblem('invalid_grant', 500112, `The reply address '${redirectUri ?? ''}' does not match the reply address '${issued.redirectUri}' provided when requesting Authorization code.`);
    }
    // PKCE is required of single-page apps, and recommended to the others: checked whenever the request had a challenge (v2-oauth2-auth-code-flow.md).
    if (issued.codeChallenge === undefined && issued.platform === 'spa') {
      throw new IdentityProblem('invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.');
    }
    if (issued.codeChallenge !== undefined && (verifier === undefined || createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge)) {
      throw new IdentityProblem('invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
    }
    issued.redeemed = true;
    const { clientId: client, user, scope, platform, nonce } = issued;
    return { session: { clientId: client, user, scope, platform, signedInAt: this.#now() }, nonce };
  }

  /** A new refresh token for the session, with the seconds a single-page app's has left (the answer's refresh_token_expires_in). */
  issueRefreshToken(session: Session): { token: string; expiresIn: number | undefined } {
    const token = randomBytes(64).toString('base64url');
    this.#refreshTokens.set(token, { session, issuedAt: this.#now() });
    return { token, expiresIn: session.platform === 'spa' ? Math.floor((session.signedInAt + SPA_SIGN_IN_LIFETIME_MS - this.#now()) / 1000) : undefined };
  }

  /** The session of a refresh token still valid: not expired, not revoked, and asking no new interaction of the user. */
  redeemRefreshToken(clientId: string, token: string | undefined): Session {
    const issued = token === undefined ? undefined : this.#refreshTokens.get(token);
    if (!issued || issued.session.clientId !== clientId) throw malformed();
    const { session } = issued;
    const now = this.#now();
    if (session.platform === 'spa' && now >= session.signedInAt + SPA_SIGN_IN_LIFETIME_MS) {
      throw new IdentityProblem(
        'invalid_grant',
        700084,
        `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which can't be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${new Date(session.signedInAt).toISOString()}.`,
      );
    }
    // Identity platform docs: reference-error-codes.md, AADSTS700082 (ExpiredOrRevokedGrantInactiveToken).
    if (session.platform === 'web' && now >= issued.issuedAt + MAX_INACTIVE_MS) {
      throw new IdentityProblem('invalid_grant', 700082, `The refresh token has expired due to inactivity. The token was issued on ${new Date(issued.issuedAt).toISOString()} and was inactive for 90.00:00:00.`);
    }
    refuseForUser(session);
    return session;
  }
}

/** What the user's state says of a sign-in: revoked since, or a policy asking them to sign in again (reference-error-codes.md). */
function refuseForUser({ user, signedInAt }: Session): void {
  if (user.signInSessionsValidFrom !== null && signedInAt < user.signInSessionsValidFrom) {
    throw new IdentityProblem(
      'invalid_grant',
      50173,
      'The provided grant has expired due to it being revoked, and a fresh auth token is needed. Either an admin or a user revoked the tokens for this user, causing subsequent token refreshes to fail and require reauthentication. Have the user sign in again.',
    );
  }
  const required = user.interactionRequired;
  if (required === null || signedInAt >= required.since) return;
  // MFA is asked for as interaction_required (v2-conditional-access-dev-guide.md); a block comes as invalid_grant, as clients meet it (OfficeDev/BotBuilder-MicrosoftTeams#284).
  if (required.aadsts === 50076) {
    throw new IdentityProblem(
      'interaction_required',
      50076,
      'Due to a configuration change made by the admin such as a Conditional Access policy, per-user enforcement, or because you moved to a new location, the user must use multifactor authentication to access the resource. Retry with a new authorize request for the resource.',
    );
  }
  throw new IdentityProblem('invalid_grant', 53003, 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.');
}
