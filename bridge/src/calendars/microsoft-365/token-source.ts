import type { ConfidentialClientApplication } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { graphDefaultScope } from '../../../../shared/graph-scopes.ts';
import type { IntegrationWarningCode } from '../../../../shared/integration-warnings.ts';
import type { Logger } from '../../logger.ts';
import { TokenUnavailable, type GraphTokens } from './graph-tokens.ts';
import type { HttpsFetch } from './https-fetch.ts';
import { classifySignInFailure, confidentialClient, CREDENTIAL_WARNINGS, type AppCredential, type M365Connection } from './msal-client.ts';
import type { WarningBoard } from '../remote/warning-board.ts';

export type { AppCredential, M365Connection } from './msal-client.ts';

/**
 * Application tokens for Graph by client credentials, through MSAL (which
 * caches them until shortly before they expire). A token Graph rejects is
 * invalidated, so the next request asks for a new one instead of failing
 * until the cached one runs out.
 */
export class TokenSource implements GraphTokens {
  readonly #connection: M365Connection;
  readonly #fetch: HttpsFetch;
  readonly #warnings: WarningBoard;
  readonly #logger: Logger;
  #msal: ConfidentialClientApplication;
  #credential: AppCredential;
  #forceRefresh = false;
  #signedIn = false;
  #consentMissing = false;

  constructor(connection: M365Connection, credential: AppCredential, fetch: HttpsFetch, warnings: WarningBoard, logger: Logger) {
    this.#connection = connection;
    this.#fetch = fetch;
    this.#warnings = warnings;
    this.#logger = logger;
    this.#credential = credential;
    this.#msal = this.#createClient(credential);
  }

  get credential(): AppCredential {
    return this.#credential;
  }

  /** Signs in with another credential from now on (after a renewal or an admin's change). */
  useCredential(credential: AppCredential): void {
    this.#credential = credential;
    this.#msal = this.#createClient(credential);
  }

  /** Records what the application says about the credential in use (its key id and expiry), keeping the signed-in client. */
  describeCredential(keyId: string, expiresAt: string | null): AppCredential {
    this.#credential = { ...this.#credential, keyId, expiresAt };
    return this.#credential;
  }

  /** Whether a token was had since the bridge started: until then the connection is unknown, not good. */
  get signedIn(): boolean {
    return this.#signedIn;
  }

  /** Whether the latest token grants no application permission: Graph refuses such a token everything, so its refusals say nothing of the resource asked for. */
  get consentMissing(): boolean {
    return this.#consentMissing;
  }

  invalidate(): void {
    this.#forceRefresh = true;
  }

  async getToken(): Promise<string> {
    // A token Graph rejected stays rejected until a fresh one is had: the cache would hand it out again.
    const skipCache = this.#forceRefresh;
    try {
      const result = await this.#msal.acquireTokenByClientCredential({ scopes: [graphDefaultScope(this.#connection.graphUrl)], skipCache });
      if (!result?.accessToken) throw new TokenUnavailable('credential-invalid', 'Microsoft 365 answered without an access token.');
      if (skipCache) this.#forceRefresh = false;
      this.#signedIn = true;
      this.#consentMissing = !grantsRoles(result.accessToken);
      if (this.#consentMissing) this.#showOnly('consent-withdrawn', 'Microsoft 365 issued a token without application permissions (no roles claim): admin consent is missing.');
      else this.#warnings.clearAll(...CREDENTIAL_WARNINGS);
      return result.accessToken;
    } catch (error) {
      const unavailable = error instanceof TokenUnavailable ? error : classifySignInFailure(error);
      this.#showOnly(unavailable.warning, unavailable.message);
      throw unavailable;
    }
  }

  /** One sign-in problem at a time: the latest says what is wrong now. */
  #showOnly(warning: IntegrationWarningCode, message: string): void {
    this.#warnings.clearAll(...CREDENTIAL_WARNINGS.filter((code) => code !== warning));
    this.#warnings.raise(warning, message);
  }

  /** Tries a credential without adopting it: a renewed one is only used once Microsoft 365 accepts it. */
  async accepts(credential: AppCredential): Promise<boolean> {
    try {
      const result = await this.#createClient(credential).acquireTokenByClientCredential({ scopes: [graphDefaultScope(this.#connection.graphUrl)], skipCache: true });
      return Boolean(result?.accessToken);
    } catch (error) {
      this.#logger.warn({ err: classifySignInFailure(error).message }, 'a new Microsoft 365 credential was not accepted');
      return false;
    }
  }

  #createClient(credential: AppCredential): ConfidentialClientApplication {
    return confidentialClient(this.#connection, credential, { fetch: this.#fetch, logger: this.#logger });
  }
}

/**
 * Whether an app-only token grants application permissions. Entra issues one
 * without `roles` when none is granted, as when admin consent is missing or
 * withdrawn (identity platform docs: v2-oauth2-client-creds-grant-flow.md,
 * "Controlling tokens without the roles claim"). One the bridge cannot decode
 * is taken to grant them: Graph is then the judge.
 */
function grantsRoles(accessToken: string): boolean {
  try {
    const { roles } = decodeJwt(accessToken);
    return Array.isArray(roles) && roles.length > 0;
  } catch {
    return true;
  }
}
