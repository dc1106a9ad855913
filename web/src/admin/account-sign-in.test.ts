import { describe, expect, it } from 'vitest';
import { AdminApiError } from './admin-api.ts';
import { AccountSignIn, type AccountSignInDeps } from './account-sign-in.svelte.ts';

const SIGN_IN_URL = 'https://login.microsoftonline.com/tenant-1/oauth2/v2.0/authorize?client_id=app-1&state=s';

/** A tab: its sessionStorage outlives the trip to Microsoft, so each page load gets the same items. */
function tab(authorize: AccountSignInDeps['api']['authorizeAccount'] = async () => ({ url: SIGN_IN_URL })) {
  const items = new Map<string, string>();
  const navigations: string[] = [];
  const refused: AdminApiError[] = [];
  const calls: string[] = [];
  const load = () =>
    new AccountSignIn({
      api: { authorizeAccount: () => (calls.push('POST /m365/account/authorize'), authorize()) },
      storage: { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) },
      navigate: (url) => void navigations.push(url),
      unauthorized: (error) => void refused.push(error),
    });
  return { load, navigations, refused, calls };
}

describe('connecting the Microsoft account', () => {
  it("asks the bridge for the sign-in address and sends the browser there", async () => {
    const { load, navigations, calls } = tab();
    const page = load();
    await page.start();
    expect(calls).toEqual(['POST /m365/account/authorize']);
    expect(navigations).toEqual([SIGN_IN_URL]);
    expect(page.starting).toBe(true);
  });

  it('reads the answer once, when this tab started the sign-in', async () => {
    const { load } = tab();
    await load().start();

    const back = load();
    back.takeReturn('?account=connected');
    expect(back.outcome).toEqual({ outcome: 'connected' });

    // The same answer again (a link kept, history replayed) is not taken for a new one.
    const replayed = load();
    replayed.takeReturn('?account=connected');
    expect(replayed.outcome).toEqual({ outcome: 'unrequested' });

    const plain = load();
    plain.takeReturn('');
    expect(plain.outcome).toBeNull();
  });

  it("keeps Microsoft's reason when the account was not connected", async () => {
    const { load } = tab();
    await load().start();
    const back = load();
    back.takeReturn('?account=failed&error=interaction_required&error_description=AADSTS50076%3A+MFA+required');
    expect(back.outcome).toEqual({ outcome: 'failed', error: 'interaction_required', description: 'AADSTS50076: MFA required' });
  });

  it('stays on the page with the reason when the bridge refuses, and goes back to sign-in for a refused token', async () => {
    const { load, navigations, refused } = tab(async () => {
      throw new AdminApiError('unauthorized', 'Token expired', 401);
    });
    const page = load();
    await page.start();
    expect(navigations).toEqual([]);
    expect(page.starting).toBe(false);
    expect(page.problem?.code).toBe('unauthorized');
    expect(refused.map((error) => error.message)).toEqual(['Token expired']);

    // Nothing was started, so an answer in the address is not this tab's.
    const next = load();
    next.takeReturn('?account=connected');
    expect(next.outcome).toEqual({ outcome: 'unrequested' });
  });
});
