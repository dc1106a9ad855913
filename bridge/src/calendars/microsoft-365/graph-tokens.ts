import type { IntegrationWarningCode } from '../../../../shared/integration-warnings.ts';

/** A token could not be had; `warning` says why in the admin's terms. */
export class TokenUnavailable extends Error {
  readonly warning: IntegrationWarningCode;
  constructor(warning: IntegrationWarningCode, message: string) {
    super(message);
    this.warning = warning;
  }
}

/**
 * Where the Graph gateway gets its access tokens: the application's own
 * (client credentials, token-source.ts) or a connected Microsoft account's
 * (delegated permissions, delegated/account-tokens.ts).
 *
 * Rules every source keeps:
 * - `getToken` answers a token Graph should accept, or throws
 *   `TokenUnavailable` naming the warning that says why; it raises and
 *   clears its own sign-in warnings.
 * - After `invalidate`, the next `getToken` does not hand out the token
 *   Graph just rejected.
 * - `consentMissing` is true only while the latest token grants nothing, so
 *   Graph's refusals then say nothing about the resource asked for.
 * - `signedIn` is whether a token was had since start.
 */
export interface GraphTokens {
  getToken(): Promise<string>;
  invalidate(): void;
  readonly consentMissing: boolean;
  readonly signedIn: boolean;
}
