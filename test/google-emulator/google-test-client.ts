import { Agent } from 'node:https';
import { admin, type admin_directory_v1 } from '@googleapis/admin';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { JWT } from 'google-auth-library';
import { onTestFinished, vi } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from './google-emulator.ts';
import type { ServiceAccountKeyFile } from './service-accounts.ts';
import { GOOGLE_TOKEN_URL } from './token-endpoint.ts';
import { EmulatedWorkspace, type WorkspaceOptions } from './workspace.ts';

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
export const CALENDAR_READONLY_SCOPE = 'https://www.googleapis.com/auth/calendar.readonly';
export const RESOURCES_READONLY_SCOPE = 'https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly';

export interface GoogleClients {
  auth: JWT;
  calendar: calendar_v3.Calendar;
  directory: admin_directory_v1.Admin;
}

/**
 * The real client libraries, pointed at the emulator. google-auth-library
 * 10.5's JWT gets its token through gtoken, which always posts to
 * https://oauth2.googleapis.com/token and sets no option for another URL;
 * so its transporter (a Gaxios, `AuthClient.transporter`) gets a request
 * interceptor that sends that URL to the key file's `token_uri`, and
 * `transporterOptions.agent` trusts the emulator's certificate. The API
 * clients send through the same transporter (`rootUrl` points them here).
 * Retries are off unless asked for, so a test sees each injected fault.
 */
export function googleClients(emulator: GoogleEmulator, keyFile: ServiceAccountKeyFile, options: { scopes: string[]; subject?: string; retry?: boolean }): GoogleClients {
  const auth = new JWT({
    email: keyFile.client_email,
    key: keyFile.private_key,
    keyId: keyFile.private_key_id,
    scopes: options.scopes,
    ...(options.subject ? { subject: options.subject } : {}),
    transporterOptions: { agent: new Agent({ ca: emulator.ca }) },
  });
  auth.transporter.interceptors.request.add({
    resolved: async (config) => {
      if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(keyFile.token_uri);
      return config;
    },
  });
  const rootUrl = `${emulator.url}/`;
  const retry = options.retry ?? false;
  return {
    auth,
    calendar: calendar({ version: 'v3', auth, rootUrl, retry }),
    directory: admin({ version: 'directory_v1', auth, rootUrl, retry }),
  };
}

export interface EmulatedGoogle {
  workspace: EmulatedWorkspace;
  emulator: GoogleEmulator;
  /** The emulator's clock; `Date` is faked to follow it, so the libraries sign and cache tokens by it too. */
  clock: { now: number };
  /** Moves the clock (and the faked `Date`) on. */
  advance(ms: number): void;
  clients(keyFile: ServiceAccountKeyFile, options: { scopes: string[]; subject?: string; retry?: boolean }): GoogleClients;
}

/**
 * A workspace and its running emulator at a fixed instant, closed when the
 * test ends. Only `Date` is faked (timers stay real, so sockets work): the
 * libraries' JWT `iat`/`exp` and token expiry then agree with the
 * emulator's clock without ever reading the real time.
 */
export async function emulatedGoogle(options: { now?: string } & Omit<WorkspaceOptions, 'now'> = {}): Promise<EmulatedGoogle> {
  const { now, ...workspaceOptions } = options;
  const clock = { now: Date.parse(now ?? '2027-03-22T08:00:00Z') };
  vi.useFakeTimers({ toFake: ['Date'], now: clock.now });
  const workspace = new EmulatedWorkspace({ domain: 'example.com', timeZone: 'Europe/Amsterdam', ...workspaceOptions });
  const emulator = await startGoogleEmulator(workspace, () => clock.now);
  onTestFinished(async () => {
    vi.useRealTimers();
    await emulator.close();
  });
  return {
    workspace,
    emulator,
    clock,
    advance(ms) {
      clock.now += ms;
      vi.setSystemTime(clock.now);
    },
    clients: (keyFile, clientOptions) => googleClients(emulator, keyFile, clientOptions),
  };
}

/** The error body a failed library call carries (a GaxiosError's response). */
export async function googleFailure(call: Promise<unknown>): Promise<{ status: number; body: { error: { code: number; message: string; errors: { domain: string; reason: string }[]; status?: string } } }> {
  try {
    await call;
  } catch (error) {
    const response = (error as { response?: { status: number; data: unknown } }).response;
    if (!response) throw error;
    return { status: response.status, body: response.data as never };
  }
  throw new Error('expected the call to fail');
}

/** What the token endpoint answered when a JWT client's `authorize()` failed: the library's message, the status and the OAuth error body. */
export async function tokenFailure(auth: JWT): Promise<{ message: string; status: number; data: { error: string; error_description?: string } }> {
  try {
    await auth.authorize();
  } catch (error) {
    const { message, response } = error as { message: string; response?: { status: number; data: unknown } };
    if (!response) throw error;
    return { message, status: response.status, data: response.data as never };
  }
  throw new Error('expected the token request to fail');
}
