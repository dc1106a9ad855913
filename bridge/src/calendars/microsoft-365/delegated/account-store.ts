import type { M365Account } from '../../../../../shared/admin-api.ts';
import { toIso } from '../../../../../shared/clock.ts';
import type { SqlDatabase } from '../../../store/sql-database.ts';

/** The connected account as stored: who it is, and MSAL's token cache, sealed (token-seal.ts). */
export interface StoredAccount {
  username: string;
  name: string | null;
  /** MSAL's key for the account in its token cache. */
  homeAccountId: string;
  connectedAt: number;
  connectedBy: string;
  lastRefreshAt: number | null;
  sealedTokenCache: string;
}

interface AccountRow {
  username: string;
  name: string | null;
  home_account_id: string;
  connected_at: number;
  connected_by: string;
  last_refresh_at: number | null;
  token_cache: string;
}

/**
 * The one Microsoft account a bridge with delegated permissions acts as. It
 * is in the store, not in a process, so every bridge process sharing the
 * store uses the same account and the latest refresh token any of them had.
 */
export class AccountStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  account(): StoredAccount | undefined {
    const row = this.#db
      .prepare('SELECT username, name, home_account_id, connected_at, connected_by, last_refresh_at, token_cache FROM m365_account WHERE id = 1')
      .get() as AccountRow | undefined;
    return row && {
      username: row.username,
      name: row.name,
      homeAccountId: row.home_account_id,
      connectedAt: row.connected_at,
      connectedBy: row.connected_by,
      lastRefreshAt: row.last_refresh_at,
      sealedTokenCache: row.token_cache,
    };
  }

  /** The account, as the admin page shows it: never its tokens. */
  described(): M365Account | null {
    const account = this.account();
    if (!account) return null;
    return {
      username: account.username,
      name: account.name,
      connectedAt: toIso(account.connectedAt),
      connectedBy: account.connectedBy,
      lastRefreshAt: account.lastRefreshAt === null ? null : toIso(account.lastRefreshAt),
    };
  }

  /** Connects `account`, in place of any connected before. */
  save(account: StoredAccount): void {
    this.#db
      .prepare(
        `INSERT INTO m365_account (id, username, name, home_account_id, connected_at, connected_by, last_refresh_at, token_cache) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET username = excluded.username, name = excluded.name, home_account_id = excluded.home_account_id,
           connected_at = excluded.connected_at, connected_by = excluded.connected_by, last_refresh_at = excluded.last_refresh_at, token_cache = excluded.token_cache`,
      )
      .run(account.username, account.name, account.homeAccountId, account.connectedAt, account.connectedBy, account.lastRefreshAt, account.sealedTokenCache);
  }

  /** MSAL's cache changed (a new access or refresh token): kept for every process, and for after a restart. */
  saveTokenCache(sealedTokenCache: string): void {
    this.#db.prepare('UPDATE m365_account SET token_cache = ? WHERE id = 1').run(sealedTokenCache);
  }

  refreshedAt(at: number): void {
    this.#db.prepare('UPDATE m365_account SET last_refresh_at = ? WHERE id = 1').run(at);
  }

  remove(): void {
    this.#db.prepare('DELETE FROM m365_account').run();
  }
}
