import type { INetworkModule } from '@azure/msal-node';
import { httpsJson, type HttpsAnswer } from '../support/https-client.ts';
import { emulatedGraph, SECRET, type EmulatedGraph } from './graph-test-client.ts';
import { signInClient, type BrowserAnswer, type TokenSet } from './sign-in-test-client.ts';
import type { EmulatedUser } from './users.ts';

/** Where the bridge receives the code, registered on the app's Web platform. */
export const WEB_REDIRECT_URI = 'https://lintel.contoso.example/api/admin/m365/callback';

/** What the bridge asks for its delegated connection, on the emulated cloud's Graph (its resource is its origin). */
export function delegatedScope(emulatorUrl: string): string {
  return `openid profile offline_access ${emulatorUrl}/Calendars.ReadWrite.Shared`;
}

/** A web app's token set: no refresh_token_expires_in, which only a single-page app's carries. */
export type WebTokenSet = Omit<TokenSet, 'refresh_token_expires_in'>;

/**
 * The emulated tenant with the account room calendars are shared with (a
 * user with a mailbox, not an admin), signed in at the identity platform,
 * and the bridge as a confidential client of the app's Web platform.
 */
export interface EmulatedDelegation extends EmulatedGraph {
  account: EmulatedUser;
  browse: ReturnType<typeof signInClient>['browse'];
  /** The bridge's authorization request with a PKCE pair made here; `params` replace its parameters, a null removes one. */
  authorize(params?: Record<string, string | null>): Promise<BrowserAnswer & { verifier: string }>;
  /** A token request from the bridge's server (no Origin unless `headers` has one) with the app's client secret, unless `credential` says otherwise. */
  token(params: Record<string, string>, credential?: Record<string, string>, headers?: Record<string, string>): Promise<HttpsAnswer>;
  redeem(authorized: BrowserAnswer & { verifier: string }, params?: Record<string, string>): Promise<HttpsAnswer>;
  refresh(refreshToken: string, params?: Record<string, string>): Promise<HttpsAnswer>;
  /** The whole connection: authorize, then redeem the code with the secret. */
  connect(scope?: string): Promise<WebTokenSet>;
}

export async function emulatedDelegation(options: { now?: string } = {}): Promise<EmulatedDelegation> {
  const graph = await emulatedGraph(options);
  const { tenant, app, emulator } = graph;
  app.webRedirectUris.push(WEB_REDIRECT_URI);
  const account = tenant.addUser({ displayName: 'Lintel Rooms', userPrincipalName: 'lintel-rooms@contoso.example' });
  tenant.addMailbox({ displayName: account.displayName, emailAddress: account.userPrincipalName });
  tenant.signInAs(account.userPrincipalName);
  const client = signInClient(graph);
  const authorize = (params: Record<string, string | null> = {}) => client.authorize({ redirect_uri: WEB_REDIRECT_URI, scope: delegatedScope(emulator.url), nonce: null, ...params });
  const token = (params: Record<string, string>, credential: Record<string, string> = { client_secret: SECRET }, headers: Record<string, string> = {}) =>
    client.token({ ...credential, ...params }, headers);
  const redeem = (authorized: BrowserAnswer & { verifier: string }, params: Record<string, string> = {}) =>
    token({ grant_type: 'authorization_code', code: authorized.answer.code ?? '', redirect_uri: WEB_REDIRECT_URI, code_verifier: authorized.verifier, client_info: '1', scope: delegatedScope(emulator.url), ...params });
  const refresh = (refreshToken: string, params: Record<string, string> = {}) => token({ grant_type: 'refresh_token', refresh_token: refreshToken, scope: delegatedScope(emulator.url), client_info: '1', ...params });
  const connect = async (scope = delegatedScope(emulator.url)) => {
    const answer = await redeem(await authorize({ scope }), { scope });
    if (answer.status !== 200) throw new Error(`No delegated connection: ${JSON.stringify(answer.body)}`);
    return answer.body as WebTokenSet;
  };
  return { ...graph, account, browse: client.browse, authorize, token, redeem, refresh, connect };
}

/** MSAL's network port over HTTPS that trusts the emulator's certificate, as the bridge's trusts a proxy's CA. */
export function msalNetwork(ca: string): INetworkModule {
  const send = async <T>(method: string, url: string, options?: { headers?: Record<string, string>; body?: string }) => {
    const answer = await httpsJson(url, { ca, method, headers: options?.headers ?? {}, ...(options?.body === undefined ? {} : { body: options.body }) });
    const headers = Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
    return { status: answer.status, headers, body: (answer.body ?? {}) as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
