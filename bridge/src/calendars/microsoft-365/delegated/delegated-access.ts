import type { Clock } from '../../../../../shared/clock.ts';
import type { Logger } from '../../../logger.ts';
import type { SqlDatabase } from '../../../store/sql-database.ts';
import type { HttpsFetch } from '../https-fetch.ts';
import type { AppCredential, M365Connection } from '../msal-client.ts';
import type { WarningBoard } from '../../remote/warning-board.ts';
import { accountClient } from './account-client.ts';
import { AccountSignIn } from './account-sign-in.ts';
import { AccountStore } from './account-store.ts';
import { AccountTokens } from './account-tokens.ts';
import type { TokenSeal } from '../../../store/token-seal.ts';

/** What the bridge needs to act as a connected account: its sign-in, its tokens, and where it is kept. */
export interface DelegatedAccess {
  readonly accounts: AccountStore;
  readonly tokens: AccountTokens;
  readonly signIn: AccountSignIn;
}

export interface DelegatedOptions {
  /** Seals the account's tokens in the store (token-seal.ts). */
  seal: TokenSeal;
  /** `<public url>/api/admin/m365/callback`, known once the bridge listens. */
  redirectUri: () => string;
}

/** Assembles delegated access over one MSAL client, so sign-in and tokens share its cache. */
export function delegatedAccess(
  deps: { db: SqlDatabase; connection: M365Connection; credential: AppCredential; fetch: HttpsFetch; logger: Logger; warnings: WarningBoard; clock: Clock },
  options: DelegatedOptions,
): DelegatedAccess {
  const accounts = new AccountStore(deps.db);
  const msal = accountClient(deps.connection, deps.credential, { fetch: deps.fetch, logger: deps.logger, accounts, seal: options.seal });
  const { graphUrl } = deps.connection;
  return {
    accounts,
    tokens: new AccountTokens({ msal, accounts, warnings: deps.warnings, clock: deps.clock, graphUrl }),
    signIn: new AccountSignIn({ msal, accounts, seal: options.seal, clock: deps.clock, graphUrl, redirectUri: options.redirectUri }),
  };
}
