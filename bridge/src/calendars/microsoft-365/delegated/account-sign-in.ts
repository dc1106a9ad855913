import { createHash, randomBytes } from 'node:crypto';
import type { ConfidentialClientApplication } from '@azure/msal-node';
import { z } from 'zod';
import { MINUTE_MS, type Clock } from '../../../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../../../shared/errors.ts';
import { errorText, firstLine } from '../msal-client.ts';
import { accountScopes } from './account-client.ts';
import type { AccountStore, StoredAccount } from './account-store.ts';
import type { TokenSeal } from '../../../store/token-seal.ts';

/** A sign-in not finished in this long is refused: the admin starts again. */
const SIGN_IN_MS = 10 * MINUTE_MS;

/** What a sign-in carries through Microsoft and back, sealed in its `state`. */
const SignInState = z.object({ verifier: z.string(), nonce: z.string(), by: z.string(), at: z.number() });

/** Microsoft's answer at the redirect URI, as its query has it (identity platform docs: v2-oauth2-auth-code-flow.md). */
export interface SignInAnswer {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
}

/**
 * Connecting the account: the authorization code flow with PKCE, Lintel a
 * confidential client redeeming the code with its own credential
 * (identity platform docs: v2-oauth2-auth-code-flow.md). The PKCE verifier,
 * who started and when travel in `state`, sealed, so any bridge process
 * sharing the store and key can finish it; `nonce` goes to the admin's
 * browser as a cookie too, so only the browser that started a sign-in can
 * finish it (no one can slip their own account in with a link).
 */
export class AccountSignIn {
  readonly #msal: ConfidentialClientApplication;
  readonly #accounts: AccountStore;
  readonly #seal: TokenSeal;
  readonly #clock: Clock;
  readonly #scopes: string[];
  readonly #redirectUri: () => string;

  constructor(deps: { msal: ConfidentialClientApplication; accounts: AccountStore; seal: TokenSeal; clock: Clock; graphUrl: string; redirectUri: () => string }) {
    this.#msal = deps.msal;
    this.#accounts = deps.accounts;
    this.#seal = deps.seal;
    this.#clock = deps.clock;
    this.#scopes = accountScopes(deps.graphUrl);
    this.#redirectUri = deps.redirectUri;
  }

  get redirectUri(): string {
    return this.#redirectUri();
  }

  /** Where to send the admin's browser, and the nonce its cookie must bring back. */
  async start(by: string): Promise<{ url: string; nonce: string }> {
    const verifier = randomBytes(32).toString('base64url');
    const nonce = randomBytes(16).toString('base64url');
    const state = this.#seal.seal(JSON.stringify({ verifier, nonce, by, at: this.#clock.now() }));
    const connected = this.#accounts.account();
    const url = await this.#msal.getAuthCodeUrl({
      scopes: this.#scopes,
      redirectUri: this.redirectUri,
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
      codeChallengeMethod: 'S256',
      state,
      // The admin may be signed in as themselves: the account to connect is another one, chosen here; a reconnect suggests the one before.
      prompt: 'select_account',
      ...(connected ? { loginHint: connected.username } : {}),
    });
    return { url, nonce };
  }

  /** Redeems Microsoft's answer and connects the account it signed in, in place of any before; `nonce` is the browser's cookie. */
  async finish(answer: SignInAnswer, nonce: string | undefined): Promise<Result<StoredAccount>> {
    const opened = answer.state ? this.#seal.open(answer.state) : null;
    const state = opened === null ? null : SignInState.safeParse(JSON.parse(opened));
    if (!state?.success || nonce === undefined || state.data.nonce !== nonce) {
      return fail('unauthorized', 'This sign-in was not started from this browser: start it again from the admin page.');
    }
    if (this.#clock.now() - state.data.at > SIGN_IN_MS) return fail('expired', 'The sign-in took longer than 10 minutes: start it again.');
    if (answer.error) return fail('not-connected', `${answer.error}: ${answer.error_description ?? ''}`.trim());
    if (!answer.code) return fail('invalid-input', 'Microsoft answered without a code.');
    try {
      const result = await this.#msal.acquireTokenByCode({ code: answer.code, scopes: this.#scopes, redirectUri: this.redirectUri, codeVerifier: state.data.verifier });
      const account = result.account;
      if (!account) return fail('not-connected', 'Microsoft answered without an account.');
      const now = this.#clock.now();
      const connected: StoredAccount = {
        username: account.username,
        name: account.name ?? null,
        homeAccountId: account.homeAccountId,
        connectedAt: now,
        connectedBy: state.data.by,
        lastRefreshAt: now,
        sealedTokenCache: this.#seal.seal(this.#msal.getTokenCache().serialize()),
      };
      this.#accounts.save(connected);
      return ok(connected);
    } catch (error) {
      return fail('not-connected', firstLine(errorText(error)));
    }
  }
}
