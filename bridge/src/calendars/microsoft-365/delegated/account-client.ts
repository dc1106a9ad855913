import type { ConfidentialClientApplication, ICachePlugin } from '@azure/msal-node';
import { graphScope } from '../../../../../shared/graph-scopes.ts';
import type { Logger } from '../../../logger.ts';
import type { HttpsFetch } from '../https-fetch.ts';
import { confidentialClient, type AppCredential, type M365Connection } from '../msal-client.ts';
import type { AccountStore } from './account-store.ts';
import type { TokenSeal } from '../../../store/token-seal.ts';

/** An empty MSAL token cache: what a bridge with no connected account, or one it cannot open, starts from. */
const EMPTY_CACHE = '{}';

/**
 * The delegated permission the account grants Lintel: its own calendar and
 * those shared with or delegated to it, read and written (Graph docs:
 * permissions-reference, Calendars.ReadWrite.Shared). MSAL adds openid,
 * profile and offline_access, the last of which brings the refresh token.
 */
export function accountScopes(graphUrl: string): string[] {
  return [graphScope(graphUrl, 'Calendars.ReadWrite.Shared')];
}

/**
 * MSAL's confidential client for the connected account, its token cache kept
 * sealed in the store: read before every use, so each bridge process uses the
 * refresh token any of them got last, and written after every change, so a
 * rotated refresh token outlives the process (MSAL Node docs: token cache
 * serialization with a cache plugin).
 */
export function accountClient(
  connection: M365Connection,
  credential: AppCredential,
  deps: { fetch: HttpsFetch; logger: Logger; accounts: AccountStore; seal: TokenSeal },
): ConfidentialClientApplication {
  const cachePlugin: ICachePlugin = {
    beforeCacheAccess: (context) => {
      const stored = deps.accounts.account();
      const cache = stored ? deps.seal.open(stored.sealedTokenCache) : null;
      if (stored && cache === null) deps.logger.warn("the connected Microsoft account's tokens cannot be opened with this data dir's key: reconnect the account");
      context.tokenCache.deserialize(cache ?? EMPTY_CACHE);
      return Promise.resolve();
    },
    afterCacheAccess: (context) => {
      if (context.cacheHasChanged) deps.accounts.saveTokenCache(deps.seal.seal(context.tokenCache.serialize()));
      return Promise.resolve();
    },
  };
  return confidentialClient(connection, credential, { fetch: deps.fetch, logger: deps.logger, cachePlugin });
}
