import { onTestFinished } from 'vitest';
import { httpsJson, type HttpsAnswer } from '../support/https-client.ts';
import { startGraphEmulator, type GraphEmulator } from './graph-emulator.ts';
import { EmulatedTenant, type EmulatedApp } from './tenant.ts';

export const SECRET = 's3cret~value';
const TOKEN_RENEWAL_MS = 55 * 60 * 1000;

export interface GraphRequest {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** The bearer token; the app's own by default, none with null. */
  token?: string | null;
}

/** A tenant with the Lintel app, its emulator (closed when the test ends), a settable clock, and plain HTTPS requests to it. */
export interface EmulatedGraph {
  tenant: EmulatedTenant;
  app: EmulatedApp;
  emulator: GraphEmulator;
  tokenEndpoint: string;
  clock: { now: number };
  /** A client-credentials request; `client_id`, `grant_type` and `scope` default to the app's. */
  tokenRequest(params: Record<string, string>): Promise<HttpsAnswer>;
  /** An access token got with a secret (the app's first by default). */
  accessToken(secret?: string): Promise<string>;
  /** A Graph request; `path` is under /v1.0, or an absolute link the emulator gave. */
  graph(path: string, request?: GraphRequest): Promise<HttpsAnswer>;
}

export async function emulatedGraph(
  options: { now?: string; roles?: string[]; secretEndDateTime?: string; certificatePem?: string } = {},
): Promise<EmulatedGraph> {
  const clock = { now: Date.parse(options.now ?? '2026-10-20T08:00:00Z') };
  const tenant = new EmulatedTenant(undefined, () => clock.now);
  const app = tenant.addApp({
    secret: SECRET,
    secretEndDateTime: options.secretEndDateTime ?? '2027-05-01T00:00:00Z',
    ...(options.roles ? { roles: options.roles } : {}),
    ...(options.certificatePem ? { certificatePem: options.certificatePem } : {}),
  });
  const emulator = await startGraphEmulator(tenant);
  onTestFinished(() => emulator.close());
  const tokenEndpoint = `${emulator.url}/${tenant.tenantId}/oauth2/v2.0/token`;
  const tokenRequest = (params: Record<string, string>) =>
    httpsJson(tokenEndpoint, {
      ca: emulator.ca,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.appId, scope: `${emulator.url}/.default`, ...params }).toString(),
    });
  const accessToken = async (secret = SECRET) => {
    const answer = await tokenRequest({ client_secret: secret });
    if (answer.status !== 200) throw new Error(`No token: ${JSON.stringify(answer.body)}`);
    return (answer.body as { access_token: string }).access_token;
  };
  let own: { token: string; expiresAt: number } | undefined;
  const ownToken = async () => {
    // Renewed, as a client would, once the tenant's clock has moved past its expiry.
    if (!own || clock.now >= own.expiresAt) own = { token: await accessToken(), expiresAt: clock.now + TOKEN_RENEWAL_MS };
    return own.token;
  };
  const graph = async (path: string, request: GraphRequest = {}) => {
    const token = request.token === undefined ? await ownToken() : request.token;
    const headers: Record<string, string> = { ...request.headers };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const url = path.startsWith('https://') ? path : `${emulator.url}/v1.0${path}`;
    return httpsJson(url, { ca: emulator.ca, method: request.method ?? 'GET', headers, ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }) });
  };
  return { tenant, app, emulator, tokenEndpoint, clock, tokenRequest, accessToken, graph };
}

/** A Graph collection page. */
export interface Page<T = Record<string, unknown>> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export function pageOf<T = Record<string, unknown>>(answer: HttpsAnswer): Page<T> {
  if (answer.status !== 200) throw new Error(`Expected a page, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as Page<T>;
}
