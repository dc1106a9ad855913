import { z } from 'zod';
import { ClickShareFault } from './clickshare-fault.ts';

/**
 * The ClickShare REST API resources the driver uses, and what their answers
 * must hold, from Barco's "ClickShare REST API" reference (R5915531,
 * https://www.barco.com/manuals/R5915531/). Answers may hold more members
 * than these (newer firmware adds some, marked "Since version"); only these
 * are read.
 */

// "only the major version is required when calling the API endpoints (for example "v2")" (R5915531, 1.1 Versions).
const API = '/v2';

/** R5915531 2.42 configuration/system/status: GET. Subscribed to for sharing. */
export const STATUS_PATH = `${API}/configuration/system/status`;
/** R5915531 2.40 configuration/system/power-management: GET, PATCH (status is read-only). */
export const POWER_MANAGEMENT_PATH = `${API}/configuration/system/power-management`;
/** R5915531 2.31 configuration/personalization: GET, PATCH of meetingRoomName (not read-only). */
export const PERSONALIZATION_PATH = `${API}/configuration/personalization`;
/**
 * The operations that put the unit in standby and wake it. Barco's copy of
 * those sections of R5915531 was not at hand when this was written: the
 * paths and "POST, no body" are as integrations built on R5915531/13 call
 * them. Each call is read back through power-management (2.40), so a unit
 * that took it differently shows as a power that does not follow.
 */
export const STANDBY_PATH = `${API}/operations/standby`;
export const WAKEUP_PATH = `${API}/operations/wakeup`;

/** R5915531 2.42: "inUse" (a source is connected) and "sharing" (a connected source shares content on the display). */
export const SystemStatus = z.object({ inUse: z.boolean(), sharing: z.boolean() });
export type SystemStatus = z.infer<typeof SystemStatus>;

/** R5915531 2.40: "status", the current system state; supportedStatuses gives ['On', 'Standby']. */
export const PowerManagement = z.object({ status: z.string() });

/** R5915531 2.31: "meetingRoomName", the meeting room name that may be displayed. */
export const Personalization = z.object({ meetingRoomName: z.string() });

/** The unit's power as the admin page shows it; null for a state the reference does not list. */
export function powerOf(status: string): 'on' | 'standby' | null {
  // R5915531 2.40 supportedStatuses: ['On', 'Standby'].
  if (status === 'On') return 'on';
  if (status === 'Standby') return 'standby';
  return null;
}

/** A JSON answer read by its schema; anything else is an unexpected payload, named with `what`. */
export function readAnswer<T>(body: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ClickShareFault('unexpected-payload', `${what} answered with something that is not JSON: ${JSON.stringify(body.slice(0, 80))}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ClickShareFault('unexpected-payload', `${what} answered without what Barco's reference lists: ${z.prettifyError(parsed.error).replaceAll('\n', '; ')}`);
  return parsed.data;
}
