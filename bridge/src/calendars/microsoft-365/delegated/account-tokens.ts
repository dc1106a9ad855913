import { InteractionRequiredAuthError, type ConfidentialClientApplication } from '@azure/msal-node';
import type { Clock } from '../../../../../shared/clock.ts';
import type { IntegrationWarningCode } from '../../../../../shared/integration-warnings.ts';
import { TokenUnavailable, type GraphTokens } from '../graph-tokens.ts';
import { classifySignInFailure, CREDENTIAL_WARNINGS, errorText, firstLine } from '../msal-client.ts';
import type { WarningBoard } from '../../remote/warning-board.ts';
import { accountScopes } from './account-client.ts';
import type { AccountStore } from './account-store.ts';

/** OAuth errors a refresh gets when only an interactive sign-in helps (RFC 6749 section 5.2; OpenID Connect Core 3.1.2.6). */
const NEEDS_SIGN_IN = new Set(['invalid_grant', 'interaction_required', 'login_required', 'consent_required']);

/** Every sign-in problem a connected account can have; a token clears them all. */
const ACCOUNT_WARNINGS: IntegrationWarningCode[] = [...CREDENTIAL_WARNINGS, 'account-reconnect-needed'];

/**
 * Delegated tokens for Graph: the connected account's, had with its refresh
 * token through MSAL. A refresh token Microsoft will no longer take (unused
 * for too long, revoked, a password reset by an admin, or an interactive sign-in that
 * Conditional Access or MFA asks for) raises "reconnect the account": sync
 * stops until an admin signs in again, and says so instead of failing quietly.
 */
export class AccountTokens implements GraphTokens {
  readonly #msal: ConfidentialClientApplication;
  readonly #accounts: AccountStore;
  readonly #warnings: WarningBoard;
  readonly #clock: Clock;
  readonly #scopes: string[];
  #forceRefresh = false;
  #signedIn = false;

  constructor(deps: { msal: ConfidentialClientApplication; accounts: AccountStore; warnings: WarningBoard; clock: Clock; graphUrl: string }) {
    this.#msal = deps.msal;
    this.#accounts = deps.accounts;
    this.#warnings = deps.warnings;
    this.#clock = deps.clock;
    this.#scopes = accountScopes(deps.graphUrl);
  }

  /** A delegated token carries the account's consent: it is never a token that grants nothing. */
  readonly consentMissing = false;

  get signedIn(): boolean {
    return this.#signedIn;
  }

  invalidate(): void {
    this.#forceRefresh = true;
  }

  /** The account was removed: nothing it had counts any more. */
  forget(): void {
    this.#signedIn = false;
    this.#forceRefresh = false;
  }

  async getToken(): Promise<string> {
    const stored = this.#accounts.account();
    // No account is not a fault to warn of: the admin page says "connect a Microsoft account".
    if (!stored) throw new TokenUnavailable('account-reconnect-needed', 'No Microsoft account is connected.');
    const forceRefresh = this.#forceRefresh;
    try {
      const account = await this.#msal.getTokenCache().getAccountByHomeId(stored.homeAccountId);
      if (!account) throw new TokenUnavailable('account-reconnect-needed', `${stored.username}: the bridge holds no token for this account (its data dir's key changed?): sign in again.`);
      const result = await this.#msal.acquireTokenSilent({ account, scopes: this.#scopes, forceRefresh });
      if (forceRefresh) this.#forceRefresh = false;
      if (!result.fromCache) this.#accounts.refreshedAt(this.#clock.now());
      this.#signedIn = true;
      this.#warnings.clearAll(...ACCOUNT_WARNINGS);
      return result.accessToken;
    } catch (error) {
      const unavailable = error instanceof TokenUnavailable ? error : this.#classify(error, stored.username);
      this.#warnings.clearAll(...ACCOUNT_WARNINGS.filter((code) => code !== unavailable.warning));
      this.#warnings.raise(unavailable.warning, unavailable.message);
      throw unavailable;
    }
  }

  #classify(error: unknown, username: string): TokenUnavailable {
    // invalid_grant (AADSTS700082 expired, 50173 revoked) and interaction_required (50076, 53003): only a new sign-in helps.
    // Identity platform docs: refresh-tokens.md ("Token revocation"), reference-error-codes. MSAL raises the first as a plain ServerError.
    const code = (error as { errorCode?: unknown }).errorCode;
    if (error instanceof InteractionRequiredAuthError || (typeof code === 'string' && NEEDS_SIGN_IN.has(code))) {
      return new TokenUnavailable('account-reconnect-needed', `${username}: ${firstLine(errorText(error))}`);
    }
    return classifySignInFailure(error);
  }
}
