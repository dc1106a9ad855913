import { expect } from 'vitest';
import { ADMIN_API_PATH, AdminStatus, type AdminStatus as Status } from '../../shared/admin-api.ts';
import type { IntegrationWarningCode } from '../../shared/integration-warnings.ts';
import type { RoomState } from '../../shared/model.ts';
import type { BridgeProcess } from './bridge-process.ts';
import { getJson, postJson } from './http.ts';
import { until } from './until.ts';

/** An open room's state, as its display reads it from a bridge process. */
export async function roomStateOf(bridge: BridgeProcess, roomId: string): Promise<RoomState> {
  const answer = await getJson(`${bridge.url}/api/rooms/${roomId}/state`);
  expect(answer.status).toBe(200);
  return answer.body as RoomState;
}

/** A walk-up action on an open room, as its display posts it (a fresh id). */
export function actOn(bridge: BridgeProcess, roomId: string, action: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  return postJson(`${bridge.url}/api/rooms/${roomId}/actions`, { id: crypto.randomUUID(), ...action });
}

/** The local admin token a bridge process printed on its console when it made it. */
export function adminTokenOf(bridge: BridgeProcess): string {
  const token = /local admin token[^:]*: (\S+)/.exec(bridge.startupOutput)?.[1];
  if (token === undefined) throw new Error('the bridge printed no local admin token');
  return token;
}

/** The admin page's status once it shows a warning of `code`, within `timeoutMs`. */
export function statusWithWarning(bridge: BridgeProcess, code: IntegrationWarningCode, timeoutMs: number): Promise<Status> {
  const token = adminTokenOf(bridge);
  return until(
    async () => {
      const answer = await fetch(`${bridge.url}${ADMIN_API_PATH}/status`, { headers: { authorization: `Bearer ${token}` } });
      const status = AdminStatus.parse(await answer.json());
      return status.warnings.some((warning) => warning.code === code) ? status : undefined;
    },
    timeoutMs,
    `the ${code} warning on the admin page`,
  );
}
