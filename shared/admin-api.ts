import { z } from 'zod';
import type { IntegrationWarning, IntegrationWarningCode } from './integration-warnings.ts';
import { Microsoft365Link, RoomId } from './model.ts';

/**
 * The admin page's HTTP API on the bridge, under `/api/admin`. Every route
 * but `GET /config` needs `Authorization: Bearer <token>`: the admin's
 * Microsoft token for this app (`apiScope`), or the bridge's local admin
 * token. Answers are JSON; a refusal is `{ code, message }` with the shared
 * error codes, and changes nothing.
 */
export const ADMIN_API_PATH = '/api/admin';

/** `GET /config`, public: what the admin page needs to sign in. No secret is ever in it. */
export interface AdminConfig {
  microsoft365: {
    tenantId: string;
    clientId: string;
    /** `{authorityHost}/{tenantId}`, for MSAL. */
    authority: string;
    /** The authority's host name, for MSAL's `knownAuthorities`. */
    knownAuthority: string;
    graphUrl: string;
    /** The scope of the token the page sends to the bridge: `api://{clientId}/access_as_user`. */
    apiScope: string;
  } | null;
}

/**
 * How the bridge stands with Microsoft 365, as the admin page's banner shows
 * it. Reasons are codes, so the page words them in the admin's language;
 * `detail` is Microsoft's own text, shown as it came.
 */
export type ConnectionState =
  | { state: 'not-connected'; reason: 'not-configured' }
  | { state: 'not-connected'; reason: 'revoked'; by: string; at: string }
  | { state: 'not-connected'; reason: 'not-signed-in' }
  | { state: 'consent-pending'; reason: 'consent-withdrawn'; detail: string }
  | { state: 'connected' }
  | { state: 'broken'; reason: IntegrationWarningCode; detail: string };

/** The bridge's application credential as its checks last found it: never the secret or key itself. */
export interface CredentialStatus {
  kind: 'secret' | 'certificate';
  keyId: string | null;
  expiresAt: string | null;
  lastCheckAt: string | null;
  lastRenewedAt: string | null;
  lastError: string | null;
}

export interface AdminRoom {
  id: string;
  name: string;
  timeZone: string;
  capacity: number | null;
  microsoft365: Microsoft365Link | null;
  /** When Exchange last confirmed the room's calendar; null for local rooms or before the first sync. */
  syncedAt: string | null;
  /** Walk-up changes not yet written to Exchange. */
  outboxDepth: number;
  /** Walk-up bookings from now on that exist only on the bridge: what a bulk export would send. */
  localFutureBookings: number;
  displays: number;
}

export interface AdminDisplay {
  id: string;
  roomId: string | null;
  linkedAt: string | null;
  linkedBy: string | null;
  /** When the display last connected or watched; displays that never came back are still listed. */
  lastSeenAt: string;
  online: boolean;
}

/**
 * What an admin did, as facts rather than sentences, so the page words each
 * entry in the admin's language. Names are as they were at the time.
 */
export const AuditEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('link'), display: z.string(), room: z.string(), mailbox: z.string().nullable() }),
  z.strictObject({ action: z.literal('unlink'), display: z.string(), room: z.string() }),
  z.strictObject({ action: z.literal('link-room'), room: z.string(), mailbox: z.string() }),
  z.strictObject({ action: z.literal('remove'), room: z.string(), mailbox: z.string().nullable() }),
  z.strictObject({ action: z.literal('revoke'), rooms: z.number().int().nonnegative() }),
  z.strictObject({
    action: z.literal('renew'),
    outcome: z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), kind: z.enum(['secret', 'certificate']), expiresAt: z.string().nullable() }),
      z.strictObject({ ok: z.literal(false), reason: z.string() }),
    ]),
  }),
  z.strictObject({
    action: z.literal('export'),
    room: z.string(),
    outcome: z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), exported: z.number().int().nonnegative(), refused: z.number().int().nonnegative() }),
      z.strictObject({ ok: z.literal(false), reason: z.string() }),
    ]),
  }),
]);
export type AuditEvent = z.infer<typeof AuditEvent>;
export type AuditAction = AuditEvent['action'];

export interface AuditEntry {
  at: string;
  /** Who: the admin's Microsoft user name, or "local admin token". */
  actor: string;
  event: AuditEvent;
}

/** `GET /status` and the answer of `POST /check` and `POST /revoke`. */
export interface AdminStatus {
  you: { name: string; via: 'microsoft' | 'local-token' };
  connection: ConnectionState;
  credential: CredentialStatus | null;
  warnings: IntegrationWarning[];
  rooms: AdminRoom[];
  displays: AdminDisplay[];
  /** Newest first, the last 200. */
  audit: AuditEntry[];
}

/** A room found in Microsoft 365 (Graph Places), as the admin picked it. */
export const DiscoveredRoom = z.strictObject({
  mailbox: z.email().max(320),
  name: z.string().trim().min(1).max(100),
  capacity: z.number().int().positive().max(10_000).nullable().default(null),
});
export type DiscoveredRoom = z.infer<typeof DiscoveredRoom>;

/**
 * `POST /links`: link the display showing `code` to a room of this bridge,
 * or to a Microsoft 365 room (the bridge's room linked to that mailbox, made
 * when there is none yet).
 */
export const LinkRequest = z.strictObject({
  code: z.string().min(1).max(40),
  room: z.union([z.strictObject({ roomId: RoomId }), z.strictObject({ microsoft365: DiscoveredRoom })]),
});
export type LinkRequest = z.input<typeof LinkRequest>;
export type ParsedLinkRequest = z.output<typeof LinkRequest>;

export interface LinkResult {
  display: AdminDisplay;
  room: AdminRoom;
}

/** `PUT /rooms/:id/microsoft-365`: the bridge's room takes its calendar from this Microsoft 365 room. */
export const RoomLinkRequest = z.strictObject({ mailbox: z.email().max(320), bookings: Microsoft365Link.shape.bookings.optional() });
export type RoomLinkRequest = z.input<typeof RoomLinkRequest>;

/** A booking Exchange would not take, and Exchange's reason. */
export interface ExportRefusal {
  meetingId: string;
  subject: string;
  start: string;
  end: string;
  reason: string;
}

/** `POST /rooms/:id/export` starts, `GET /rooms/:id/export` follows a bulk export of the room's future walk-up bookings. */
export interface ExportProgress {
  roomId: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  exported: number;
  refused: ExportRefusal[];
  /** Why it failed, when it did. */
  message: string | null;
}
