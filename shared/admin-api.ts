import { z } from 'zod';
import { IntegrationWarning, INTEGRATION_WARNING_CODES } from './integration-warnings.ts';
import { Microsoft365Link, Room, RoomAccess, RoomId, RoomLocation, RoomStatus } from './model.ts';
import { CalDavCalendarConfig, IcsCalendarConfig } from './remote-calendar-config.ts';
import { SeriesRelease } from './series-release.ts';
import { STALE_DISPLAY_DAYS } from './stale-display.ts';
import { ProblemKind } from './problems.ts';

/**
 * The admin page's HTTP API on the bridge, under `/api/admin`. Every route
 * but `GET /config` needs `Authorization: Bearer <token>`: the admin's
 * Microsoft token for this app (`apiScope`), or the bridge's local admin
 * token. Answers are JSON; a refusal is `{ code, message }` with the shared
 * error codes, and changes nothing. The answers are zod schemas too, so the
 * OpenAPI document is generated from the same source as the types.
 */
export const ADMIN_API_PATH = '/api/admin';

const Instant = z.iso.datetime();

/** `GET /config`, public: what the admin page needs to sign in. No secret is ever in it. */
export const AdminConfig = z.object({
  microsoft365: z
    .object({
      tenantId: z.string(),
      clientId: z.string(),
      authority: z.string().describe('`{authorityHost}/{tenantId}`, for MSAL.'),
      knownAuthority: z.string().describe("The authority's host name, for MSAL's `knownAuthorities`."),
      graphUrl: z.string(),
      apiScope: z.string().describe('The scope of the token the page sends to the bridge: `api://{clientId}/access_as_user`.'),
    })
    .nullable(),
});
export type AdminConfig = z.infer<typeof AdminConfig>;

/**
 * How the bridge stands with Microsoft 365, as the admin page's banner shows
 * it. Reasons are codes, so the page words them in the admin's language;
 * `detail` is Microsoft's own text, shown as it came.
 */
export const ConnectionState = z.union([
  z.object({ state: z.literal('not-connected'), reason: z.literal('not-configured') }),
  z.object({ state: z.literal('not-connected'), reason: z.literal('revoked'), by: z.string(), at: Instant }),
  z.object({ state: z.literal('not-connected'), reason: z.literal('not-signed-in') }),
  z.object({ state: z.literal('not-connected'), reason: z.literal('no-account') }).describe('Delegated permissions, and no Microsoft account is connected yet.'),
  z.object({ state: z.literal('consent-pending'), reason: z.literal('consent-withdrawn'), detail: z.string() }),
  z.object({ state: z.literal('connected') }),
  z.object({ state: z.literal('broken'), reason: z.enum(INTEGRATION_WARNING_CODES), detail: z.string() }),
]);
export type ConnectionState = z.infer<typeof ConnectionState>;

/**
 * The Microsoft account the bridge acts as with delegated permissions: who it
 * is, who connected it and when, and when its refresh token was last used
 * (Microsoft lets one lapse after 90 days unused). Never a token.
 */
export const M365Account = z.object({
  username: z.string().describe("The account's user name, e.g. rooms@contoso.com."),
  name: z.string().nullable(),
  connectedAt: Instant,
  connectedBy: z.string(),
  lastRefreshAt: Instant.nullable().describe('When the bridge last had a new token with the refresh token.'),
});
export type M365Account = z.infer<typeof M365Account>;

/**
 * How the bridge signs in to Microsoft 365: with application permissions
 * (admin consent, client credentials), or with delegated permissions as one
 * Microsoft account that room calendars are shared with
 * (`LINTEL_M365_PERMISSIONS=delegated`).
 */
export const M365Access = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('application') }),
  z.object({
    mode: z.literal('delegated'),
    account: M365Account.nullable().describe('Null until an admin connects one.'),
    redirectUri: z.string().describe("The Web redirect URI Lintel's app registration must list: `<public url>/api/admin/m365/callback`."),
  }),
]);
export type M365Access = z.infer<typeof M365Access>;

/** `POST /m365/account/authorize`: where to send the admin's browser to sign in as the account. */
export const AccountAuthorization = z.object({ url: z.url() });
export type AccountAuthorization = z.infer<typeof AccountAuthorization>;

/**
 * A calendar the connected account reaches (`GET /m365/calendars`): its own,
 * and the room calendars shared with or delegated to it. A room is linked to
 * a calendar by its owner's mailbox, whose main calendar the bridge syncs.
 */
export const AccountCalendar = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.object({ name: z.string().nullable(), address: z.string() }),
  canEdit: z.boolean().describe('Whether the account may write to it: walk-up bookings need that.'),
  isDefault: z.boolean().describe("Whether it is its owner's main calendar, the one the bridge syncs."),
  roomId: z.string().nullable().describe("The bridge's room linked to the owner's mailbox, if any."),
});
export type AccountCalendar = z.infer<typeof AccountCalendar>;

export const AccountCalendars = z.object({ calendars: z.array(AccountCalendar) });
export type AccountCalendars = z.infer<typeof AccountCalendars>;

/** The bridge's application credential as its checks last found it: never the secret or key itself. */
export const CredentialStatus = z.object({
  kind: z.enum(['secret', 'certificate']),
  keyId: z.string().nullable(),
  expiresAt: Instant.nullable(),
  lastCheckAt: Instant.nullable(),
  lastRenewedAt: Instant.nullable(),
  lastError: z.string().nullable(),
});
export type CredentialStatus = z.infer<typeof CredentialStatus>;

/** One of a room's devices as the admin page shows it (bridge/src/devices/room-device.ts). */
export const AdminDevice = z.object({
  kind: z.enum(['base-unit', 'display', 'clickshare']),
  describe: z.string().describe('What and where it is, e.g. "Samsung MDC at 10.0.0.5:1515, display id 1".'),
  connected: z.boolean(),
  lastContactAt: Instant.nullable().describe('When it last answered; null before it ever did.'),
  power: z.enum(['on', 'standby']).nullable().describe("The screen's power as last read back; null when unknown."),
  lastFault: z
    .object({ code: z.string(), text: z.string(), at: Instant })
    .nullable()
    .describe('Its last fault (no answer, a refusal, garbage, a lost connection), kept after it recovers.'),
});
export type AdminDevice = z.infer<typeof AdminDevice>;

export const AdminRoom = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  capacity: z.number().int().nullable(),
  location: RoomLocation,
  status: RoomStatus.nullable().describe('The status its displays show now; null when the bridge cannot tell.'),
  access: RoomAccess,
  microsoft365: Microsoft365Link.nullable(),
  calendar: z
    .object({
      type: z.enum(['google', 'caldav', 'ics']),
      describe: z.string().describe('Where it is, without secrets: a CalDAV or ICS URL without its user and password, a Google calendar id.'),
      changedHere: z.boolean().describe("A CalDAV or ICS room added on the admin page: its calendar's address, account and password are changed there (`PUT /rooms/{id}/calendar`); a rooms file's in the file."),
      walkUps: IcsCalendarConfig.shape.walkUps.unwrap().optional().describe('An ICS room: whether it takes walk-up bookings, kept in the bridge only ("local"), or none ("refused").'),
    })
    .nullable()
    .describe("The room's calendar on Google Workspace, a CalDAV server or an ICS feed; null for local or Microsoft 365 rooms."),
  syncedAt: Instant.nullable().describe("When the room's remote calendar (Exchange, Google, CalDAV, ICS) last confirmed it; null for local rooms or before the first sync."),
  outboxDepth: z.number().int().describe('Walk-up changes not yet written to the room\'s remote calendar.'),
  localFutureBookings: z.number().int().describe('Walk-up bookings from now on that exist only on the bridge: what a bulk export would send.'),
  displays: z.number().int(),
  devices: z.array(AdminDevice).describe('The devices the hardware policy drives in this room, as this bridge process sees them.'),
});
export type AdminRoom = z.infer<typeof AdminRoom>;

/** A display's name as an admin gives it: what the displays table and Identify show instead of its id. */
export const DisplayName = z.string().trim().min(1, 'A display needs a name: type one.').max(60, 'A display name has at most 60 characters.');

export const AdminDisplay = z.object({
  id: z.string(),
  name: DisplayName.nullable().describe('The name an admin gave it; null until one does.'),
  roomId: z.string().nullable(),
  linkedAt: Instant.nullable(),
  linkedBy: z.string().nullable(),
  lastSeenAt: Instant.describe('When the display last connected or watched; displays that never came back are still listed.'),
  address: z.string().nullable().describe('The network address it last connected from, as the bridge saw it.'),
  credentialIssuedAt: Instant.nullable().describe('When its credential was made (with the pairing code it was linked by); null when it holds none.'),
  online: z.boolean(),
  staleDays: z
    .number()
    .int()
    .nullable()
    .describe(`Whole days since it was last seen, once it is offline and that is ${STALE_DISPLAY_DAYS} or more: \`POST /displays/forget-stale\` forgets it; null otherwise.`),
});
export type AdminDisplay = z.infer<typeof AdminDisplay>;

/**
 * A recurring meeting's no-shows in a row (checkIn.strikes), counted by Lintel
 * itself: the room, and the series' subject and organizer only as the room's
 * privacy showed them (null for what it hides).
 */
const seriesInRoom = { room: z.string(), subject: z.string().nullable(), organizer: z.string().nullable() };

/**
 * What an admin did, or Lintel on its own, as facts rather than sentences, so the page words each
 * entry in the admin's language. Names are as they were at the time.
 */
export const AuditEvent = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('link'), display: z.string(), room: z.string(), mailbox: z.string().nullable() }),
  z.strictObject({ action: z.literal('unlink'), display: z.string(), room: z.string() }),
  z.strictObject({ action: z.literal('forget'), display: z.string(), room: z.string().nullable() }),
  z.strictObject({ action: z.literal('rename-display'), display: z.string(), name: z.string(), before: z.string().nullable() }),
  z.strictObject({ action: z.literal('room-access'), room: z.string(), access: RoomAccess }),
  z.strictObject({ action: z.literal('link-room'), room: z.string(), mailbox: z.string() }),
  z.strictObject({ action: z.literal('remove'), room: z.string(), mailbox: z.string().nullable() }),
  z.strictObject({ action: z.literal('revoke'), rooms: z.number().int().nonnegative() }),
  z.strictObject({ action: z.literal('connect-account'), account: z.string() }),
  z.strictObject({ action: z.literal('sign-in-link'), address: z.string().nullable().describe('Where the browser that used it connected from.') }),
  z.strictObject({ action: z.literal('resolve-problem'), room: z.string(), kind: ProblemKind, reportedAt: Instant }),
  z.strictObject({ action: z.literal('remove-account'), account: z.string(), rooms: z.number().int().nonnegative() }),
  z.strictObject({ action: z.literal('add-room'), room: z.string(), calendar: z.string().describe("Where its calendar is, without secrets (a feed's site, a server's address).") }),
  z.strictObject({ action: z.literal('room-calendar'), room: z.string(), calendar: z.string(), password: z.boolean().describe('Whether its password was changed.') }),
  z.strictObject({ action: z.literal('connect-google'), serviceAccount: z.string(), subject: z.string().nullable() }),
  z.strictObject({ action: z.literal('disconnect-google'), serviceAccount: z.string() }),
  z.strictObject({ action: z.literal('no-show-strike'), ...seriesInRoom, strike: z.number().int().positive(), of: z.number().int().positive() }),
  z.strictObject({ action: z.literal('series-released'), ...seriesInRoom, noShows: z.number().int().positive(), release: SeriesRelease }),
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

export const AuditEntry = z.object({
  at: Instant,
  actor: z.string().describe('Who: the admin\'s Microsoft user name, "local admin token", or "Lintel" for what the bridge did on its own.'),
  event: AuditEvent,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * The Google Workspace service account the bridge acts as: set in the
 * environment (LINTEL_GOOGLE_CREDENTIALS_FILE, changed there only) or
 * connected on the admin page. Never the key.
 */
export const GoogleConnection = z.object({
  serviceAccount: z.string().describe("The service account's email, e.g. lintel@project.iam.gserviceaccount.com."),
  subject: z.string().nullable().describe('The user it acts as through domain-wide delegation; null: as itself.'),
  configuredIn: z.enum(['environment', 'admin-page']),
  connectedAt: Instant.nullable().describe('When it was connected on the admin page; null when set in the environment.'),
});
export type GoogleConnection = z.infer<typeof GoogleConnection>;

/**
 * `PUT /google`: connect Google Workspace with a service account's JSON key
 * (the file's text, as Google Cloud's console downloads it), tested with
 * Google before it is saved; a refused key changes nothing.
 */
export const GoogleConnectRequest = z.strictObject({
  key: z.string().min(1).max(10_000).describe("The service account's JSON key file's text."),
  subject: z.email().max(320).nullable().describe('A Workspace user to act as (domain-wide delegation), needed to discover rooms; null: the service account acts as itself on calendars shared with it.'),
});
export type GoogleConnectRequest = z.infer<typeof GoogleConnectRequest>;

/** A CalDAV account's password as the admin page gives it: kept by the bridge, sealed in its store; never shown again. */
const CalDavPassword = z.string().min(1).max(1024);

/** The calendar of a room added on the admin page: a CalDAV collection with its account, or a published feed. */
export const NewRoomCalendar = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('caldav'),
    url: CalDavCalendarConfig.shape.url,
    username: CalDavCalendarConfig.shape.username,
    password: CalDavPassword.describe('Kept by the bridge, sealed in its store; never shown again.'),
  }),
  IcsCalendarConfig,
]);
export type NewRoomCalendar = z.input<typeof NewRoomCalendar>;

/**
 * `POST /rooms`: a new room of this bridge on a CalDAV server or an ICS feed.
 * The bridge reads the calendar once before it saves anything: a wrong
 * password, a wrong address or a server that does not answer is refused
 * (`calendar-check-failed`, with the server's reason) and nothing is kept.
 */
export const NewRoomRequest = z.strictObject({
  name: Room.shape.name,
  timeZone: Room.shape.timeZone.optional().describe("The room's IANA time zone; the bridge's own when left out."),
  capacity: Room.shape.capacity.optional(),
  calendar: NewRoomCalendar,
});
export type NewRoomRequest = z.input<typeof NewRoomRequest>;

/**
 * `PUT /rooms/{id}/calendar`: a CalDAV or ICS room added on the admin page
 * takes another address, account or password (what is left out stays as it
 * is; the password is never shown), tried with the server before it replaces
 * the old settings; refused (nothing changed) while walk-up changes wait to be
 * written to another calendar than the new one.
 */
export const RoomCalendarRequest = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('caldav'),
    url: CalDavCalendarConfig.shape.url.optional(),
    username: CalDavCalendarConfig.shape.username.optional(),
    password: CalDavPassword.optional(),
  }),
  z.strictObject({ type: z.literal('ics'), url: IcsCalendarConfig.shape.url.optional(), walkUps: IcsCalendarConfig.shape.walkUps.unwrap().optional() }),
]);
export type RoomCalendarRequest = z.infer<typeof RoomCalendarRequest>;

/** `GET /status` and the answer of `POST /check` and `POST /revoke`. */
export const AdminStatus = z.object({
  google: GoogleConnection.nullable().describe('Null when Google Workspace is not connected; else its rooms can be listed (`GET /google/rooms`) and linked.'),
  you: z.object({ name: z.string(), via: z.enum(['microsoft', 'local-token']) }),
  connection: ConnectionState,
  access: M365Access.nullable().describe('Null when Microsoft 365 is not configured.'),
  credential: CredentialStatus.nullable(),
  warnings: z.array(IntegrationWarning),
  rooms: z.array(AdminRoom),
  displays: z.array(AdminDisplay),
  audit: z.array(AuditEntry).describe('Newest first, the last 200.'),
});
export type AdminStatus = z.infer<typeof AdminStatus>;

/** A room found in Microsoft 365 (Graph Places), as the admin picked it. */
export const DiscoveredRoom = z.strictObject({
  mailbox: z.email().max(320),
  name: z.string().trim().min(1).max(100),
  capacity: z.number().int().positive().max(10_000).nullable().default(null),
  /** Graph's building and floor number, so the new room takes part in "find a free room" at once. */
  location: RoomLocation.prefault({}),
});
export type DiscoveredRoom = z.infer<typeof DiscoveredRoom>;

/** A room found in Google Workspace (the Admin SDK's resource calendars), as `GET /google/rooms` lists it and the admin picks it. */
export const DiscoveredGoogleRoom = z.strictObject({
  calendarId: z.string().min(1).max(1024).describe("The resource calendar's id, its resource email (c_…@resource.calendar.google.com)."),
  name: z.string().trim().min(1).max(100),
  capacity: z.number().int().positive().max(10_000).nullable().default(null),
  location: RoomLocation.prefault({}),
});
export type DiscoveredGoogleRoom = z.infer<typeof DiscoveredGoogleRoom>;

/** `GET /google/rooms`: the Workspace's rooms, by name, for the admin to link a display to. */
export const GoogleRooms = z.object({ rooms: z.array(DiscoveredGoogleRoom) });
export type GoogleRooms = z.infer<typeof GoogleRooms>;

/**
 * `POST /links`: link the display showing `code` to a room of this bridge,
 * or to a Microsoft 365 or Google Workspace room (the bridge's room on that
 * calendar, made when there is none yet).
 */
export const LinkRequest = z.strictObject({
  code: z.string().min(1).max(40),
  room: z.union([z.strictObject({ roomId: RoomId }), z.strictObject({ microsoft365: DiscoveredRoom }), z.strictObject({ google: DiscoveredGoogleRoom })]),
});
export type LinkRequest = z.input<typeof LinkRequest>;
export type ParsedLinkRequest = z.output<typeof LinkRequest>;

export const LinkResult = z.object({ display: AdminDisplay, room: AdminRoom });
export type LinkResult = z.infer<typeof LinkResult>;

/** `PUT /rooms/:id/access`: who may read the room and act on it (see RoomAccess). */
export const RoomAccessRequest = z.strictObject({ access: RoomAccess });
export type RoomAccessRequest = z.infer<typeof RoomAccessRequest>;

/**
 * `POST /sign-in`, public: a one-time sign-in link's code (from the address's
 * `#signin=` fragment) for the local admin token, which the page then keeps
 * for the tab as if it were typed. Each code works once, within 10 minutes.
 */
export const SignInLinkRequest = z.strictObject({ code: z.string().min(1).max(100) });
export type SignInLinkRequest = z.infer<typeof SignInLinkRequest>;

export const SignInLinkResult = z.object({ token: z.string().describe("The bridge's local admin token, sent as `Authorization: Bearer` from then on.") });
export type SignInLinkResult = z.infer<typeof SignInLinkResult>;

/** `PUT /displays/:id/name`: the display's name, unique among this bridge's displays regardless of case. */
export const DisplayNameRequest = z.strictObject({ name: DisplayName });
export type DisplayNameRequest = z.infer<typeof DisplayNameRequest>;

/** `POST /displays/:id/identify`: what the display was told to show, full-screen, for `seconds`. */
export const IdentifyResult = z.object({
  name: z.string().describe('Its name, or its short id.'),
  room: z.string().nullable().describe('The room it shows; null while it shows its pairing code.'),
  seconds: z.number().int().positive(),
});
export type IdentifyResult = z.infer<typeof IdentifyResult>;

/** `POST /displays/:id/forget`: the display's record and credential are gone; it pairs again from scratch. */
export const ForgetResult = z.object({ id: z.string() });
export type ForgetResult = z.infer<typeof ForgetResult>;

/** `POST /displays/forget-stale`: the displays forgotten, each as `POST /displays/:id/forget` would. */
export const ForgetStaleResult = z.object({
  forgotten: z.array(z.string()).describe(`The ids of the displays offline and not seen for ${STALE_DISPLAY_DAYS} days or more, now forgotten.`),
});
export type ForgetStaleResult = z.infer<typeof ForgetStaleResult>;

/** `PUT /rooms/:id/microsoft-365`: the bridge's room takes its calendar from this Microsoft 365 room. */
export const RoomLinkRequest = z.strictObject({ mailbox: z.email().max(320), bookings: Microsoft365Link.shape.bookings.optional() });
export type RoomLinkRequest = z.input<typeof RoomLinkRequest>;

/** A booking Exchange would not take, and Exchange's reason. */
export const ExportRefusal = z.object({ meetingId: z.string(), subject: z.string(), start: Instant, end: Instant, reason: z.string() });
export type ExportRefusal = z.infer<typeof ExportRefusal>;

/** `POST /rooms/:id/export` starts, `GET /rooms/:id/export` follows a bulk export of the room's future walk-up bookings. */
export const ExportProgress = z.object({
  roomId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  exported: z.number().int(),
  refused: z.array(ExportRefusal),
  message: z.string().nullable().describe('Why it failed, when it did.'),
});
export type ExportProgress = z.infer<typeof ExportProgress>;
