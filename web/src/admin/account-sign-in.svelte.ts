import { asAdminApiError, type AdminApi, type AdminApiError } from './admin-api.ts';
import { readAccountReturn, type AccountReturn } from './account-return.ts';

const STARTED_KEY = 'lintel.admin.accountSignIn';

export interface AccountSignInDeps {
  api: Pick<AdminApi, 'authorizeAccount'>;
  /** sessionStorage: the mark that this tab started a sign-in survives the trip to Microsoft, and reaches no other tab. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  navigate: (url: string) => void;
  /** The bridge refused the admin's token; the page goes back to signing in. */
  unauthorized: (error: AdminApiError) => void;
}

export function browserAccountSignInDeps(api: AdminApi, unauthorized: (error: AdminApiError) => void): AccountSignInDeps {
  return { api, storage: sessionStorage, navigate: (url) => location.assign(url), unauthorized };
}

/**
 * Connecting (or reconnecting) the Microsoft account the bridge acts as
 * with delegated permissions: the bridge makes the sign-in address, the
 * browser goes there, and the page reads how it went when it comes back.
 */
export class AccountSignIn {
  /** How the sign-in this page load came back from went, if it is one. */
  outcome = $state<AccountReturn | null>(null);
  /** On the way to Microsoft: the page is about to leave. */
  starting = $state(false);
  problem = $state<AdminApiError | null>(null);

  readonly #deps: AccountSignInDeps;

  constructor(deps: AccountSignInDeps) {
    this.#deps = deps;
  }

  /** Sends the browser to Microsoft to sign in as the account the bridge should act as. */
  start = async (): Promise<void> => {
    this.starting = true;
    this.problem = null;
    this.outcome = null;
    try {
      const { url } = await this.#deps.api.authorizeAccount();
      this.#deps.storage.setItem(STARTED_KEY, '1');
      this.#deps.navigate(url);
    } catch (error) {
      this.starting = false;
      this.problem = asAdminApiError(error);
      if (this.problem.code === 'unauthorized') this.#deps.unauthorized(this.problem);
    }
  };

  /**
   * Reads the bridge's answer in `search`, once: only a tab that started a
   * sign-in takes one, so a link with made-up text shows nothing of it.
   */
  takeReturn(search: string): void {
    const requested = this.#deps.storage.getItem(STARTED_KEY) !== null;
    this.outcome = readAccountReturn(search, requested);
    if (this.outcome) this.#deps.storage.removeItem(STARTED_KEY);
  }
}
