import type {
  AccountAuthorization,
  AccountCalendars,
  AdminConfig,
  AdminDisplay,
  AdminRoom,
  AdminStatus,
  DisplayNameRequest,
  ExportProgress,
  ForgetResult,
  ForgetStaleResult,
  IdentifyResult,
  SignInLinkRequest,
  SignInLinkResult,
  GoogleConnectRequest,
  GoogleConnection,
  GoogleRooms,
  LinkRequest,
  LinkResult,
  NewRoomRequest,
  RoomAccessRequest,
  RoomCalendarRequest,
  RoomLinkRequest,
} from '../../../shared/admin-api.ts';
import { isErrorCode, type ErrorCode } from '../../../shared/errors.ts';
import type { InsightsQuery } from '../../../shared/insights.ts';
import type { AdminProblems, Problem } from '../../../shared/problems.ts';

/**
 * `ADMIN_API_PATH` of shared/admin-api.ts (a test holds them equal): importing
 * the value would bring that module's zod schemas into the page for one string.
 */
export const ADMIN_API_BASE = '/api/admin';

/** The bridge's error codes, plus one for "no answer at all" (the bridge is down, or the network). */
export type AdminProblemCode = ErrorCode | 'unreachable';

/**
 * A refusal from the bridge, as the page shows it: the code picks the
 * localised text, the bridge's own message adds the details, and
 * `retryAfterSeconds` (from `Retry-After`) says when trying again can work.
 */
export class AdminApiError extends Error {
  readonly code: AdminProblemCode;
  readonly status: number;
  readonly retryAfterSeconds: number | null;

  constructor(code: AdminProblemCode, message: string, status: number, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'AdminApiError';
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Whatever an action threw, as the one kind of problem the page shows. */
export const asAdminApiError = (error: unknown) => (error instanceof AdminApiError ? error : new AdminApiError('internal', String(error), 0));

export interface AdminApi {
  config(): Promise<AdminConfig>;
  /** The local admin token for a one-time sign-in link's code; needs no sign-in. */
  signInWithLink(request: SignInLinkRequest): Promise<SignInLinkResult>;
  status(): Promise<AdminStatus>;
  check(): Promise<AdminStatus>;
  link(request: LinkRequest): Promise<LinkResult>;
  unlink(displayId: string): Promise<void>;
  /** Deletes the display's record and credential: it pairs again from scratch. */
  forget(displayId: string): Promise<ForgetResult>;
  /** Forgets every display offline and not seen for 30 days or more, as the bridge's clock says. */
  forgetStale(): Promise<ForgetStaleResult>;
  renameDisplay(displayId: string, request: DisplayNameRequest): Promise<AdminDisplay>;
  /** Has a connected display show its name full-screen for a few seconds. */
  identify(displayId: string): Promise<IdentifyResult>;
  setRoomAccess(roomId: string, request: RoomAccessRequest): Promise<AdminRoom>;
  linkRoom(roomId: string, request: RoomLinkRequest): Promise<void>;
  removeRoom(roomId: string): Promise<void>;
  startExport(roomId: string): Promise<ExportProgress>;
  exportProgress(roomId: string): Promise<ExportProgress>;
  renewCredentials(): Promise<AdminStatus>;
  revoke(): Promise<AdminStatus>;
  authorizeAccount(): Promise<AccountAuthorization>;
  accountCalendars(): Promise<AccountCalendars>;
  /** Google Workspace's rooms, from its Admin SDK, to link a display to. */
  googleRooms(): Promise<GoogleRooms>;
  /** Connects Google Workspace with a service account's key, once Google accepted it. */
  connectGoogle(request: GoogleConnectRequest): Promise<GoogleConnection>;
  disconnectGoogle(): Promise<void>;
  /** Another address, account or password for a room added on the admin page, once its calendar answered with them. */
  changeRoomCalendar(roomId: string, request: RoomCalendarRequest): Promise<AdminRoom>;
  /** A new room on a CalDAV server or an ICS feed, once its calendar answered. */
  addRoom(request: NewRoomRequest): Promise<AdminRoom>;
  removeAccount(): Promise<AdminStatus>;
  /** Problems reported at the rooms, open ones first. */
  problems(): Promise<AdminProblems>;
  resolveProblem(problemId: string): Promise<Problem>;
  /** The bridge's InsightsAnswer, unchecked: the Insights section parses it in its own chunk, so zod stays out of this one. */
  insights(query: InsightsQuery): Promise<unknown>;
  /** The same numbers as a CSV file, one row per room. */
  insightsCsv(query: InsightsQuery): Promise<Blob>;
}

export interface AdminApiOptions {
  /** The bearer token for the bridge, or null when nobody is signed in. */
  token: () => Promise<string | null>;
  fetch?: typeof fetch;
  /** The clock for an HTTP-date `Retry-After`. */
  now?: () => number;
}

/**
 * The typed client of the bridge's admin API (`shared/admin-api.ts`).
 * Every failure, network ones included, ends as an AdminApiError, so a
 * component has one thing to show.
 */
export function createAdminApi(options: AdminApiOptions): AdminApi {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;

  async function send(method: string, path: string, { body, signedIn = true, accept = 'application/json' }: { body?: unknown; signedIn?: boolean; accept?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (signedIn) {
      // A token that cannot be had (a Microsoft sign-in that needs renewing) is a refusal like any other.
      const token = await options.token().catch((error: unknown) => {
        throw new AdminApiError('unauthorized', error instanceof Error ? error.message : String(error), 401);
      });
      if (!token) throw new AdminApiError('unauthorized', 'Not signed in.', 401);
      headers.authorization = `Bearer ${token}`;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${ADMIN_API_BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (error) {
      throw new AdminApiError('unreachable', error instanceof Error ? error.message : String(error), 0);
    }
    if (!response.ok) throw await refusal(response, now());
    return response;
  }

  async function call<T>(method: string, path: string, options: { body?: unknown; signedIn?: boolean } = {}): Promise<T> {
    const response = await send(method, path, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const room = (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`;
  const display = (displayId: string) => `/displays/${encodeURIComponent(displayId)}`;
  return {
    config: () => call('GET', '/config', { signedIn: false }),
    signInWithLink: (request) => call('POST', '/sign-in', { body: request, signedIn: false }),
    status: () => call('GET', '/status'),
    check: () => call('POST', '/check'),
    link: (request) => call('POST', '/links', { body: request }),
    unlink: (displayId) => call('DELETE', display(displayId)),
    forget: (displayId) => call('POST', `${display(displayId)}/forget`),
    forgetStale: () => call('POST', '/displays/forget-stale'),
    identify: (displayId) => call('POST', `${display(displayId)}/identify`),
    renameDisplay: (displayId, request) => call('PUT', `${display(displayId)}/name`, { body: request }),
    setRoomAccess: (roomId, request) => call('PUT', `${room(roomId)}/access`, { body: request }),
    linkRoom: (roomId, request) => call('PUT', `${room(roomId)}/microsoft-365`, { body: request }),
    removeRoom: (roomId) => call('DELETE', `${room(roomId)}/microsoft-365`),
    startExport: (roomId) => call('POST', `${room(roomId)}/export`),
    exportProgress: (roomId) => call('GET', `${room(roomId)}/export`),
    renewCredentials: () => call('POST', '/credentials/renew'),
    revoke: () => call('POST', '/revoke'),
    authorizeAccount: () => call('POST', '/m365/account/authorize'),
    accountCalendars: () => call('GET', '/m365/calendars'),
    googleRooms: () => call('GET', '/google/rooms'),
    connectGoogle: (request) => call('PUT', '/google', { body: request }),
    disconnectGoogle: () => call('DELETE', '/google'),
    addRoom: (request) => call('POST', '/rooms', { body: request }),
    changeRoomCalendar: (roomId, request) => call('PUT', `${room(roomId)}/calendar`, { body: request }),
    removeAccount: () => call('DELETE', '/m365/account'),
    problems: () => call('GET', '/problems'),
    resolveProblem: (problemId) => call('POST', `/problems/${encodeURIComponent(problemId)}/resolve`),
    insights: (query) => call('GET', `/insights?${insightsSearch(query)}`),
    insightsCsv: (query) => send('GET', `/insights.csv?${insightsSearch(query)}`, { accept: 'text/csv' }).then((response) => response.blob()),
  };
}

/** An insights query as the address's search part: the filters given, in the query's order. */
export function insightsSearch(query: InsightsQuery): string {
  return new URLSearchParams(Object.entries(query).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]]))).toString();
}

/** The bridge's `{ code, message }` when it sent one; else a code from the HTTP status (a proxy's error page, say). */
async function refusal(response: Response, now: number): Promise<AdminApiError> {
  let code: AdminProblemCode = codeForStatus(response.status);
  let message = response.statusText || `HTTP ${response.status}`;
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') {
      const answer = body as { code?: unknown; message?: unknown };
      if (isErrorCode(answer.code)) code = answer.code;
      if (typeof answer.message === 'string' && answer.message.trim()) message = answer.message;
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return new AdminApiError(code, message, response.status, retryAfterSeconds(response.headers.get('retry-after'), now));
}

function codeForStatus(status: number): AdminProblemCode {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === 413) return 'payload-too-large';
  if (status === 415) return 'unsupported-media-type';
  if (status === 429) return 'too-many-attempts';
  if (status === 502 || status === 503 || status === 504) return 'unreachable';
  if (status >= 400 && status < 500) return 'invalid-input';
  return 'internal';
}

/** `Retry-After` in whole seconds from now: either form HTTP allows (seconds, or a date), null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
