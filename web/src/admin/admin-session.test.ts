import { InteractionRequiredAuthError, type AccountInfo } from '@azure/msal-browser';
import { describe, expect, it } from 'vitest';
import type { AdminConfig } from '../../../shared/admin-api.ts';
import { AdminSession, type Msal, type SessionDeps } from './admin-session.svelte.ts';

const CONFIG: AdminConfig = {
  microsoft365: {
    tenantId: 'tenant-1',
    clientId: 'app-1',
    authority: 'https://127.0.0.1:8443/tenant-1',
    knownAuthority: '127.0.0.1:8443',
    graphUrl: 'https://127.0.0.1:8443',
    apiScope: 'api://app-1/access_as_user',
  },
};

const ACCOUNT = { homeAccountId: 'h', environment: 'e', tenantId: 'tenant-1', username: 'admin@contoso.example', localAccountId: 'l', name: 'Ada Admin' } as AccountInfo;

/** MSAL as the session sees it: scripted sign-in answer and token answers, every call recorded. */
function fakeMsal(options: { signedIn?: boolean; tokenError?: Error } = {}) {
  const calls: [string, unknown][] = [];
  let active: AccountInfo | null = null;
  const msal: Msal = {
    initialize: async () => void calls.push(['initialize', null]),
    handleRedirectPromise: async () => (options.signedIn ? ({ account: ACCOUNT } as never) : null),
    getAllAccounts: () => [],
    getActiveAccount: () => active,
    setActiveAccount: (account) => void (active = account),
    loginRedirect: async (request) => void calls.push(['loginRedirect', request]),
    logoutRedirect: async (request) => void calls.push(['logoutRedirect', request]),
    acquireTokenSilent: async (request) => {
      calls.push(['acquireTokenSilent', request]);
      if (options.tokenError) throw options.tokenError;
      return { accessToken: `token for ${request.scopes.join(' ')}` } as never;
    },
  };
  return { msal, calls };
}

function session(msal: Msal) {
  const items = new Map<string, string>();
  const navigations: string[] = [];
  const made: [unknown, string][] = [];
  const deps: SessionDeps = {
    storage: { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) },
    origin: 'http://bridge.local:8080',
    createMsal: async (config, redirectUri) => (made.push([config, redirectUri]), msal),
    navigate: (url) => void navigations.push(url),
    newState: () => 'state-1',
  };
  return { session: new AdminSession(deps), items, navigations, made };
}

describe('admin session', () => {
  it('asks MSAL for one resource per token: the bridge API, or Graph for rooms', async () => {
    const { msal, calls } = fakeMsal({ signedIn: true });
    const { session: admin, made } = session(msal);
    await admin.start(CONFIG, '');
    expect(made).toEqual([[CONFIG.microsoft365, 'http://bridge.local:8080/admin/']]);
    expect(admin.via).toBe('microsoft');
    expect(admin.userName).toBe('admin@contoso.example');
    expect(await admin.bridgeToken()).toBe('token for api://app-1/access_as_user');
    expect(await admin.graphToken()).toBe('token for https://127.0.0.1:8443/Place.Read.All');
    expect(calls.filter(([name]) => name === 'acquireTokenSilent').map(([, request]) => request)).toEqual([
      { scopes: ['api://app-1/access_as_user'], account: ACCOUNT },
      { scopes: ['https://127.0.0.1:8443/Place.Read.All'], account: ACCOUNT },
    ]);
  });

  it('signs in with the Graph scope for rooms, by redirect', async () => {
    const { msal, calls } = fakeMsal();
    const { session: admin } = session(msal);
    await admin.start(CONFIG, '');
    expect(admin.via).toBeNull();
    await admin.signInWithMicrosoft();
    expect(calls.at(-1)).toEqual(['loginRedirect', { scopes: ['openid', 'profile', 'offline_access', 'https://127.0.0.1:8443/Place.Read.All'] }]);
  });

  it('says the admin must sign in again instead of redirecting on its own', async () => {
    const { msal, calls } = fakeMsal({ signedIn: true, tokenError: new InteractionRequiredAuthError('interaction_required', 'AADSTS50058') });
    const { session: admin } = session(msal);
    await admin.start(CONFIG, '');
    await expect(admin.bridgeToken()).rejects.toThrow();
    expect(admin.needsSignIn).toBe(true);
    expect(calls.some(([name]) => name === 'loginRedirect')).toBe(false);
  });

  it('keeps a local admin token for the tab and sends it as the bearer; signing out forgets it', async () => {
    const { msal } = fakeMsal();
    const { session: admin, items } = session(msal);
    await admin.start({ microsoft365: null }, '');
    expect(await admin.bridgeToken()).toBeNull();
    admin.useLocalToken('  secret-token \n');
    expect(admin.via).toBe('local-token');
    expect(await admin.bridgeToken()).toBe('secret-token');
    await expect(admin.graphToken()).rejects.toThrow(/Sign in with Microsoft/);

    // Another page load in the same tab.
    const reopened = new AdminSession(depsWith(items));
    await reopened.start({ microsoft365: null }, '');
    expect(reopened.via).toBe('local-token');

    await admin.signOut();
    expect(admin.via).toBeNull();
    expect(items.has('lintel.admin.token')).toBe(false);
  });

  it('signs out of Microsoft too, coming back to the admin page', async () => {
    const { msal, calls } = fakeMsal({ signedIn: true });
    const { session: admin } = session(msal);
    await admin.start(CONFIG, '');
    await admin.signOut();
    expect(admin.via).toBeNull();
    expect(calls.at(-1)).toEqual(['logoutRedirect', { account: ACCOUNT, postLogoutRedirectUri: 'http://bridge.local:8080/admin/' }]);
  });

  it('sends the admin to the consent page and reads its answer once, checking the connection once after', async () => {
    const { msal } = fakeMsal({ signedIn: true });
    const { session: admin, items, navigations } = session(msal);
    await admin.start(CONFIG, '');
    admin.startAdminConsent();
    expect(navigations).toHaveLength(1);
    expect(new URL(navigations[0]!).searchParams.get('state')).toBe('state-1');
    expect(items.get('lintel.admin.consentState')).toBe('state-1');

    const back = new AdminSession(depsWith(items, msal));
    await back.start(CONFIG, '?admin_consent=True&tenant=tenant-1&state=state-1');
    expect(back.consent).toEqual({ outcome: 'granted', tenant: 'tenant-1' });
    expect(items.has('lintel.admin.consentState')).toBe(false);
    expect(back.takeCheckAfterConsent()).toBe(true);
    expect(back.takeCheckAfterConsent()).toBe(false);

    const replayed = new AdminSession(depsWith(items, msal));
    await replayed.start(CONFIG, '?admin_consent=True&tenant=tenant-1&state=state-1');
    expect(replayed.consent).toEqual({ outcome: 'state-mismatch' });
    expect(replayed.takeCheckAfterConsent()).toBe(false);
  });
});

function depsWith(items: Map<string, string>, msal: Msal = fakeMsal().msal): SessionDeps {
  return {
    storage: { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) },
    origin: 'http://bridge.local:8080',
    createMsal: async () => msal,
    navigate: () => {},
    newState: () => 'state-2',
  };
}
