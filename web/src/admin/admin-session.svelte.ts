import type { AccountInfo, IPublicClientApplication } from '@azure/msal-browser';
import type { AdminConfig } from '../../../shared/admin-api.ts';
import { graphScope } from '../../../shared/graph-scopes.ts';
import { adminConsentUrl, readConsentReturn, type ConsentReturn } from './admin-consent.ts';
import { signInLinkRefusal, type SignInLinkRefusal } from './sign-in-link.ts';

export type Microsoft365Config = NonNullable<AdminConfig['microsoft365']>;
/** The part of MSAL the session uses, so tests can stand in for it. */
export type Msal = Pick<
  IPublicClientApplication,
  'initialize' | 'handleRedirectPromise' | 'getAllAccounts' | 'getActiveAccount' | 'setActiveAccount' | 'loginRedirect' | 'acquireTokenSilent' | 'logoutRedirect'
>;

/** Room discovery reads Graph's room directory, on the Graph of the bridge's cloud. */
export function graphPlacesScope(config: Microsoft365Config): string {
  return graphScope(config.graphUrl, 'Place.Read.All');
}

/** Sign-in asks for Graph's room directory too, so discovery needs no second consent screen. */
export function signInScopes(config: Microsoft365Config): string[] {
  return ['openid', 'profile', 'offline_access', graphPlacesScope(config)];
}
const TOKEN_KEY = 'lintel.admin.token';
const CONSENT_STATE_KEY = 'lintel.admin.consentState';
const CHECK_AFTER_CONSENT_KEY = 'lintel.admin.checkAfterConsent';

export interface SessionDeps {
  /** sessionStorage: a sign-in lasts as long as the tab, and never reaches another one. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  origin: string;
  /** MSAL, loaded only for a bridge with Microsoft 365: an admin page without it never downloads it. */
  createMsal: (config: Microsoft365Config, redirectUri: string) => Promise<Msal>;
  navigate: (url: string) => void;
  newState: () => string;
}

export function browserSessionDeps(): SessionDeps {
  return {
    storage: sessionStorage,
    origin: location.origin,
    createMsal: async (config, redirectUri) =>
      new (await import('@azure/msal-browser')).PublicClientApplication({
        // knownAuthorities: without it MSAL asks login.microsoftonline.com whether the authority is real,
        // which fails for a national cloud behind a proxy, or an emulator in tests.
        auth: { clientId: config.clientId, authority: config.authority, knownAuthorities: [config.knownAuthority], redirectUri },
        cache: { cacheLocation: 'sessionStorage' },
      }),
    navigate: (url) => location.assign(url),
    newState: () => crypto.randomUUID(),
  };
}

/**
 * Who is signed in to the admin page, and the tokens that come with it:
 * with Microsoft (MSAL, auth code + PKCE), one token per resource (the
 * bridge's API, and Graph for room discovery); or with the bridge's local
 * admin token, typed in and kept for this tab only.
 */
export class AdminSession {
  config = $state<AdminConfig | null>(null);
  via = $state<'microsoft' | 'local-token' | null>(null);
  /** The Microsoft account's user name, when signed in with Microsoft. */
  userName = $state<string | null>(null);
  /** Why the last sign-in or token request failed, in Microsoft's words. */
  problem = $state<string | null>(null);
  /** Microsoft wants the admin to sign in again (consent changed, the session ended). */
  needsSignIn = $state(false);
  ready = $state(false);
  /** The admin consent page's answer, when this page load is a return from it. */
  consent = $state<ConsentReturn | null>(null);
  /** A one-time sign-in link is being exchanged for the local admin token. */
  signingInByLink = $state(false);
  /** Why the bridge refused the one-time sign-in link this page was opened with. */
  linkRefused = $state<SignInLinkRefusal | null>(null);

  readonly #deps: SessionDeps;
  #msal: Msal | null = null;
  #account: AccountInfo | null = null;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
  }

  get redirectUri(): string {
    return `${this.#deps.origin}/admin/`;
  }

  get microsoft365(): Microsoft365Config | null {
    return this.config?.microsoft365 ?? null;
  }

  /** Takes in the consent page's answer (from `search`), MSAL's sign-in answer, and whoever signed in earlier in this tab. */
  async start(config: AdminConfig, search: string): Promise<void> {
    const { storage } = this.#deps;
    this.config = config;
    this.consent = readConsentReturn(search, storage.getItem(CONSENT_STATE_KEY));
    if (this.consent) storage.removeItem(CONSENT_STATE_KEY);
    if (this.consent?.outcome === 'granted') storage.setItem(CHECK_AFTER_CONSENT_KEY, '1');
    if (config.microsoft365) await this.#startMsal(config.microsoft365);
    if (!this.via && storage.getItem(TOKEN_KEY)) this.via = 'local-token';
    this.ready = true;
  }

  async #startMsal(config: Microsoft365Config): Promise<void> {
    try {
      const msal = await this.#deps.createMsal(config, this.redirectUri);
      await msal.initialize();
      this.#msal = msal;
      const answer = await msal.handleRedirectPromise();
      const account = answer?.account ?? msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
      if (!account) return;
      msal.setActiveAccount(account);
      this.#account = account;
      this.via = 'microsoft';
      this.userName = account.username || account.name || null;
    } catch (error) {
      this.problem = describe(error);
    }
  }

  async signInWithMicrosoft(): Promise<void> {
    const config = this.microsoft365;
    if (!this.#msal || !config) return;
    this.problem = null;
    try {
      await this.#msal.loginRedirect({ scopes: signInScopes(config), ...(this.#account ? { loginHint: this.#account.username } : {}) });
    } catch (error) {
      this.problem = describe(error);
    }
  }

  useLocalToken(token: string): void {
    const trimmed = token.trim();
    if (!trimmed) return;
    this.#deps.storage.setItem(TOKEN_KEY, trimmed);
    this.via = 'local-token';
    this.problem = null;
  }

  /** Signs in with the local admin token the bridge gives for a one-time link's code (`exchange`), or keeps why it did not. */
  async useSignInLink(exchange: () => Promise<string>): Promise<void> {
    this.signingInByLink = true;
    this.linkRefused = null;
    try {
      this.useLocalToken(await exchange());
    } catch (error) {
      this.linkRefused = signInLinkRefusal(String((error as { code?: unknown }).code ?? ''));
    } finally {
      this.signingInByLink = false;
    }
  }

  /** Forgets the local token and the Microsoft sign-in (which ends at Microsoft, then comes back here). */
  async signOut(): Promise<void> {
    this.#deps.storage.removeItem(TOKEN_KEY);
    const account = this.#account;
    this.via = null;
    this.userName = null;
    this.#account = null;
    this.needsSignIn = false;
    if (this.#msal && account) await this.#msal.logoutRedirect({ account, postLogoutRedirectUri: this.redirectUri });
  }

  /** The local token was refused: back to the sign-in form, with the reason. */
  dropLocalToken(reason: string): void {
    this.#deps.storage.removeItem(TOKEN_KEY);
    if (this.via === 'local-token') this.via = null;
    this.problem = reason;
  }

  /** Sends the admin to Microsoft's page to grant Lintel's permissions for the whole tenant. */
  startAdminConsent(): void {
    const config = this.microsoft365;
    if (!config) return;
    const state = this.#deps.newState();
    this.#deps.storage.setItem(CONSENT_STATE_KEY, state);
    this.#deps.navigate(adminConsentUrl({ authority: config.authority, clientId: config.clientId, graphUrl: config.graphUrl, redirectUri: this.redirectUri, state }));
  }

  /** True once after consent was granted: the bridge should check its connection (once someone is signed in to ask). */
  takeCheckAfterConsent(): boolean {
    if (this.#deps.storage.getItem(CHECK_AFTER_CONSENT_KEY) === null) return false;
    this.#deps.storage.removeItem(CHECK_AFTER_CONSENT_KEY);
    return true;
  }

  /** The bearer token for the bridge, or null when nobody is signed in. */
  async bridgeToken(): Promise<string | null> {
    if (this.via === 'local-token') return this.#deps.storage.getItem(TOKEN_KEY);
    const config = this.microsoft365;
    if (this.via === 'microsoft' && config) return this.#msalToken([config.apiScope]);
    return null;
  }

  /** A Graph token for room discovery; only a Microsoft sign-in has one. */
  async graphToken(): Promise<string> {
    const config = this.microsoft365;
    if (this.via !== 'microsoft' || !config) throw new Error('Sign in with Microsoft to discover rooms.');
    return this.#msalToken([graphPlacesScope(config)]);
  }

  /**
   * A token from MSAL's cache or its refresh token. When Microsoft wants the
   * admin back (consent withdrawn, a 24 h SPA refresh token ended), the page
   * says so and offers a button: redirecting on its own could loop.
   */
  async #msalToken(scopes: string[]): Promise<string> {
    if (!this.#msal || !this.#account) throw new Error('Not signed in with Microsoft.');
    try {
      return (await this.#msal.acquireTokenSilent({ scopes, account: this.#account })).accessToken;
    } catch (error) {
      // MSAL's InteractionRequiredAuthError, by its name: the class lives in MSAL's chunk.
      if (error instanceof Error && error.name === 'InteractionRequiredAuthError') this.needsSignIn = true;
      throw error;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
