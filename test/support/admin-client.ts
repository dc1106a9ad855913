import { io } from 'socket.io-client';
import { expect } from 'vitest';
import type { z } from 'zod';
import { ADMIN_APP_ROLE } from '../../bridge/src/admin/microsoft-identity.ts';
import { ADMIN_API_PATH, AdminStatus, type AuditEvent } from '../../shared/admin-api.ts';
import type { PairingCode } from '../../shared/socket-events.ts';
import { signInClient } from '../graph-emulator/sign-in-test-client.ts';
import { TEST_ADMIN_TOKEN } from './in-process-bridge.ts';
import type { M365Bridge } from './m365-bridge.ts';
import type { TestSocket } from './socket-client.ts';

export interface AdminAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A call to the bridge's admin API, as the admin page makes it. */
export async function adminRequest(
  bridgeUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<AdminAnswer> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${bridgeUrl}${ADMIN_API_PATH}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, headers: response.headers };
}

/** The Microsoft token the admin page sends the bridge, for the tenant's admin (added and signed in here). */
export async function microsoftAdminToken(
  m365: Pick<M365Bridge, 'tenant' | 'app' | 'emulator'>,
  { upn = 'megan@contoso.example', scope = `openid profile offline_access api://${m365.app.appId}/access_as_user`, appRoles = [ADMIN_APP_ROLE] } = {},
): Promise<string> {
  if (!m365.tenant.users.some((user) => user.userPrincipalName === upn)) {
    m365.tenant.addUser({ displayName: 'Megan Bowen', userPrincipalName: upn, isAdmin: true, appRoles });
  }
  m365.tenant.signInAs(upn);
  const tokens = await signInClient(m365).signIn(scope);
  return tokens.access_token;
}

/** A display that names no room, as one at `/` is: its socket, its id, and its pairing code when it is unpaired. */
export interface PairingDisplay {
  socket: TestSocket;
  displayId: string;
  /** The credential the last new code came with, kept as a display keeps it. */
  credential(): string | undefined;
  /** Asks the bridge for the code to show. */
  code(): Promise<PairingCode>;
  /** Resolves with the next room the bridge assigns (null: unlinked). */
  nextAssignment(): Promise<string | null>;
  watch(): ReturnType<TestSocket['emitWithAck']>;
  /** Resolves when the bridge closes the socket (as it does on unlink and forget). */
  closedByBridge(): Promise<void>;
  /** Connects again, as a display does after the bridge closed its socket. */
  reconnect(): Promise<void>;
}

/** A display as the web app is one: it keeps the credential given with a new code and sends it with every watch and code request. */
export async function pairingDisplay(bridgeUrl: string, displayId = crypto.randomUUID()): Promise<PairingDisplay> {
  const socket: TestSocket = io(bridgeUrl, { transports: ['websocket'], forceNew: true, reconnection: false });
  const connect = () =>
    new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
      socket.connect();
    });
  await connect();
  let credential: string | undefined;
  const withCredential = () => (credential === undefined ? { displayId } : { displayId, credential });
  const watch = () => socket.emitWithAck('room:watch', withCredential());
  await watch();
  return {
    socket,
    displayId,
    credential: () => credential,
    watch,
    async code() {
      const answer = await socket.emitWithAck('display:pairing-code', withCredential());
      if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
      credential = answer.data.credential ?? credential;
      return answer.data;
    },
    nextAssignment: () => new Promise((resolve) => socket.once('display:assigned', ({ roomId }) => resolve(roomId))),
    closedByBridge: () => new Promise((resolve) => socket.once('disconnect', (reason) => reason === 'io server disconnect' && resolve())),
    reconnect: connect,
  };
}

/** An admin API answer, checked against the schema the OpenAPI document publishes: nothing missing, nothing undocumented. */
export function documented<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.parse(body);
  expect(parsed).toEqual(body);
  return parsed;
}

/** The audit log as the admin page reads it, oldest first: who (`actor`) and the fact. */
export async function auditTrail(bridgeUrl: string): Promise<({ actor: string } & AuditEvent)[]> {
  const status = documented(AdminStatus, (await adminRequest(bridgeUrl, 'GET', '/status', { token: TEST_ADMIN_TOKEN })).body);
  return status.audit.map((entry) => ({ actor: entry.actor, ...entry.event })).reverse();
}
