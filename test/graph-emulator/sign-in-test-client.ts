import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { httpsJson, type HttpsAnswer } from '../support/https-client.ts';
import { emulatedGraph, type EmulatedGraph } from './graph-test-client.ts';
import type { GraphEmulator } from './graph-emulator.ts';
import type { EmulatedApp, EmulatedTenant } from './tenant.ts';
import type { EmulatedUser } from './users.ts';

/** Where the admin page runs, and its redirect URI as the app registers it. */
export const PAGE_ORIGIN = 'https://lintel.contoso.example';
export const REDIRECT_URI = `${PAGE_ORIGIN}/admin/`;
/** What the admin page asks at sign-in, on the emulated cloud's Graph (its resource is its origin). */
export function signInScope(emulatorUrl: string): string {
  return `openid profile offline_access ${emulatorUrl}/Place.Read.All`;
}

/** What the browser gets from a page of the identity platform; a redirect is not followed. */
export interface BrowserAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Where the answer sends the browser. */
  location: URL | undefined;
  /** What the redirect carries back to the app, from its query or its fragment. */
  answer: Record<string, string>;
  text: string;
}

export interface TokenSet {
  token_type: string;
  scope: string;
  expires_in: number;
  access_token: string;
  id_token: string;
  refresh_token: string;
  refresh_token_expires_in: number;
  client_info: string;
}

/** The emulated tenant with an admin and a colleague who is not one, the app registered for the admin page, and the admin signed in. */
export interface EmulatedSignIn extends EmulatedGraph {
  admin: EmulatedUser;
  colleague: EmulatedUser;
  /** Opens a page of the identity platform, `path` under the emulator's URL. */
  browse(path: string, query: Record<string, string>, headers?: Record<string, string>): Promise<BrowserAnswer>;
  /**
   * An authorization request as MSAL sends it, with a PKCE pair made here;
   * `params` replace its parameters, a null removes one.
   */
  authorize(params?: Record<string, string | null>): Promise<BrowserAnswer & { verifier: string }>;
  /** A token request from the admin page (its Origin), for the app unless `client_id` says otherwise. */
  token(params: Record<string, string>, headers?: Record<string, string>): Promise<HttpsAnswer>;
  /** The code a successful authorization request answers, redeemed with its verifier. */
  redeem(authorized: BrowserAnswer & { verifier: string }, params?: Record<string, string>): Promise<HttpsAnswer>;
  /** The signed-in user's whole sign-in: authorize, then redeem the code. */
  signIn(scope?: string): Promise<TokenSet>;
}

/** How a single-page app signs in at the emulator: the pages it opens and the token requests it makes. */
export interface SignInClient {
  browse: EmulatedSignIn['browse'];
  authorize: EmulatedSignIn['authorize'];
  token: EmulatedSignIn['token'];
  redeem: EmulatedSignIn['redeem'];
  signIn: EmulatedSignIn['signIn'];
}

export async function emulatedSignIn(options: { now?: string } = {}): Promise<EmulatedSignIn> {
  const graph = await emulatedGraph(options);
  const { tenant } = graph;
  const admin = tenant.addUser({ displayName: 'Megan Bowen', userPrincipalName: 'megan@contoso.example', isAdmin: true });
  const colleague = tenant.addUser({ displayName: 'Alex Wilber', userPrincipalName: 'alex@contoso.example' });
  tenant.signInAs(admin.userPrincipalName);
  return { ...graph, admin, colleague, ...signInClient(graph) };
}

/** The admin page's sign-in against a running emulator, for `app` (its redirect URI is registered here). */
export function signInClient({ tenant, app, emulator }: { tenant: EmulatedTenant; app: EmulatedApp; emulator: GraphEmulator }): SignInClient {
  if (!app.redirectUris.includes(REDIRECT_URI)) app.redirectUris.push(REDIRECT_URI);
  const tokenEndpoint = `${emulator.url}/${tenant.tenantId}/oauth2/v2.0/token`;
  const browse = (path: string, query: Record<string, string>, headers: Record<string, string> = {}) =>
    open(`${emulator.url}${path}?${new URLSearchParams(query).toString()}`, emulator.ca, headers);
  const authorize = async (params: Record<string, string | null> = {}) => {
    const verifier = randomBytes(32).toString('base64url');
    const query: Record<string, string | null> = {
      client_id: app.appId,
      scope: signInScope(emulator.url),
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      client_info: '1',
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...params,
    };
    const given = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== null);
    return { ...(await browse(`/${tenant.tenantId}/oauth2/v2.0/authorize`, Object.fromEntries(given))), verifier };
  };
  const token = (params: Record<string, string>, headers: Record<string, string> = { origin: PAGE_ORIGIN }) =>
    httpsJson(tokenEndpoint, {
      ca: emulator.ca,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', ...headers },
      body: new URLSearchParams({ client_id: app.appId, ...params }).toString(),
    });
  const redeem = (authorized: BrowserAnswer & { verifier: string }, params: Record<string, string> = {}) =>
    token({ grant_type: 'authorization_code', code: authorized.answer.code ?? '', redirect_uri: REDIRECT_URI, code_verifier: authorized.verifier, client_info: '1', ...params });
  const signIn = async (scope = signInScope(emulator.url)) => {
    const answer = await redeem(await authorize({ scope }), { scope });
    if (answer.status !== 200) throw new Error(`No sign-in: ${JSON.stringify(answer.body)}`);
    return answer.body as TokenSet;
  };
  return { browse, authorize, token, redeem, signIn };
}

function open(url: string, ca: string, headers: Record<string, string>): Promise<BrowserAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const location = res.headers.location === undefined ? undefined : new URL(res.headers.location);
        const carried = location ? new URLSearchParams(location.hash ? location.hash.slice(1) : location.search) : new URLSearchParams();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, location, answer: Object.fromEntries(carried), text });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
