import { createHash, randomBytes } from 'node:crypto';
import { IdentityProblem } from './errors.ts';
import type { EmulatedUser } from './users.ts';

const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** Microsoft gives refresh tokens sent to a single-page app's redirect URI a fixed 24 hours from the sign-in, however often they are used. */
const SPA_SIGN_IN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** A user's sign-in to an app, as its code and refresh tokens carry it. */
export interface SignIn {
  clientId: string;
  user: EmulatedUser;
  /** The `scope` of the authorization request: the default for token requests that name none. */
  scope: string;
}

export interface CodeRequest extends SignIn {
  redirectUri: string;
  /** The S256 `code_challenge` of the authorization request, if it had one. */
  codeChallenge: string | undefined;
  nonce: string | undefined;
}

export interface Session extends SignIn {
  /** When the code was redeemed: the refresh tokens' 24 hours run from here. */
  signedInAt: number;
}

interface IssuedCode extends CodeRequest {
  issuedAt: number;
  redeemed: boolean;
}

const malformed = () => new IdentityProblem('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');

/**
 * Authorization codes and refresh tokens: opaque strings for the app, what
 * they stand for kept here. Every redirect URI is a single-page app's, so
 * codes need PKCE and refresh tokens end 24 hours after the sign-in.
 */
export class UserGrants {
  readonly #codes = new Map<string, IssuedCode>();
  readonly #refreshTokens = new Map<string, Session>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
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
    if (issued.codeChallenge === undefined) throw new IdentityProblem('invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.');
    if (verifier === undefined || createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge) {
      throw new IdentityProblem('invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
    }
    issued.redeemed = true;
    const { clientId: client, user, scope, nonce } = issued;
    return { session: { clientId: client, user, scope, signedInAt: this.#now() }, nonce };
  }

  /** A new refresh token for the session; the ones issued before stay valid, as Microsoft's do. Returns it with its remaining seconds. */
  issueRefreshToken(session: Session): { token: string; expiresIn: number } {
    const token = randomBytes(64).toString('base64url');
    this.#refreshTokens.set(token, session);
    return { token, expiresIn: Math.floor((session.signedInAt + SPA_SIGN_IN_LIFETIME_MS - this.#now()) / 1000) };
  }

  redeemRefreshToken(clientId: string, token: string | undefined): Session {
    const session = token === undefined ? undefined : this.#refreshTokens.get(token);
    if (!session || session.clientId !== clientId) throw malformed();
    if (this.#now() >= session.signedInAt + SPA_SIGN_IN_LIFETIME_MS) {
      throw new IdentityProblem(
        'invalid_grant',
        700084,
        `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which can't be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${new Date(session.signedInAt).toISOString()}.`,
      );
    }
    return session;
  }
}
