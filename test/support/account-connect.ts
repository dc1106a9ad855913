import { request } from 'node:https';
import { AccountAuthorization } from '../../shared/admin-api.ts';
import { adminRequest } from './admin-client.ts';
import { TEST_ADMIN_TOKEN } from './in-process-bridge.ts';
import type { EmulatedTenant } from '../graph-emulator/tenant.ts';
import type { M365Bridge } from './m365-bridge.ts';

/** Where the admin page runs and signs in, and the emulated Microsoft it sends the browser to. */
export interface AccountConnectTarget {
  bridgeUrl: string;
  adminToken: string;
  tenant: EmulatedTenant;
  emulatorCa: string;
}

/**
 * "Connect with a Microsoft account", as an admin's browser goes through it:
 * the admin page asks the bridge where to sign in (and gets the sign-in
 * cookie), Microsoft signs `upn` in and sends the browser to the bridge's
 * callback, which sends it back to the admin page. Answers where it ended.
 */
export async function connectAccountAt(target: AccountConnectTarget, upn: string, options: { cookie?: boolean } = {}): Promise<URLSearchParams> {
  target.tenant.signInAs(upn);
  const started = await adminRequest(target.bridgeUrl, 'POST', '/m365/account/authorize', { token: target.adminToken });
  if (started.status !== 200) throw new Error(`The bridge did not start a sign-in: ${JSON.stringify(started.body)}`);
  const { url } = AccountAuthorization.parse(started.body);
  const cookie = started.headers.get('set-cookie')?.split(';')[0] ?? '';
  const callback = await redirectOf(url, target.emulatorCa);
  const back = await fetch(callback, { headers: options.cookie === false ? {} : { cookie }, redirect: 'manual' });
  const adminPage = new URL(back.headers.get('location') ?? '', target.bridgeUrl);
  if (back.status !== 303 || adminPage.pathname !== '/admin/') throw new Error(`The callback answered ${back.status} to ${adminPage.href}`);
  return adminPage.searchParams;
}

/** The same for an in-process bridge, signed in with the test's local admin token. */
export function connectAccount(m365: M365Bridge, upn: string, options: { cookie?: boolean } = {}): Promise<URLSearchParams> {
  return connectAccountAt({ bridgeUrl: m365.bridge.url, adminToken: TEST_ADMIN_TOKEN, tenant: m365.tenant, emulatorCa: m365.emulator.ca }, upn, options);
}

/** Where an identity platform page sends the browser. */
function redirectOf(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      res.resume();
      if (res.statusCode === 302 && res.headers.location) resolve(res.headers.location);
      else reject(new Error(`Microsoft's sign-in answered ${res.statusCode} without a redirect`));
    })
      .on('error', reject)
      .end();
  });
}
