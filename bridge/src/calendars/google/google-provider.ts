import { Agent } from 'node:https';
import { admin } from '@googleapis/admin';
import { calendar } from '@googleapis/calendar';
import { JWT } from 'google-auth-library';
import type { ProviderAnswer, RemoteCalendarProvider } from '../remote/remote-provider.ts';
import { googleFailure } from './google-failure.ts';
import { GoogleCalendar } from './google-calendar.ts';
import type { ServiceAccountKey } from './service-account-key.ts';
import type { GoogleDirectory } from './google-directory.ts';
import { discoverGoogleRooms } from './google-rooms.ts';

// Calendar API scopes: read and write events of calendars the account can reach.
export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
/** Where google-auth-library's JWT client always asks for tokens (gtoken has no option for another). */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface GoogleOptions {
  key: ServiceAccountKey;
  /** LINTEL_GOOGLE_SUBJECT: the user the service account acts as (domain-wide delegation); null: as itself. */
  subject: string | null;
  /** LINTEL_GOOGLE_API_URL and LINTEL_GOOGLE_TOKEN_URL, for tests and proxies. */
  apiUrl: string;
  tokenUrl: string;
  /** LINTEL_GOOGLE_CA_FILE's certificate, as PEM. */
  ca?: string | undefined;
}

/**
 * The service account's signed-in client, shared by every Google room: one
 * access token for all, renewed by the library before it expires
 * ("Using OAuth 2.0 for Server to Server Applications").
 */
export function serviceAccountClient(options: GoogleOptions, scopes: readonly string[]): JWT {
  const auth = new JWT({
    email: options.key.client_email,
    key: options.key.private_key,
    keyId: options.key.private_key_id,
    scopes: [...scopes],
    ...(options.subject ? { subject: options.subject } : {}),
    ...(options.ca ? { transporterOptions: { agent: new Agent({ ca: options.ca }) } } : {}),
  });
  if (options.tokenUrl !== GOOGLE_TOKEN_URL) {
    auth.transporter.interceptors.request.add({
      resolved: (config) => {
        if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(options.tokenUrl);
        return Promise.resolve(config);
      },
    });
  }
  return auth;
}

/** Admin SDK scope to read the resource calendars (rooms), with their buildings (Directory API, resources.calendars). */
export const RESOURCES_SCOPE = 'https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly';

/**
 * The Workspace's directory of rooms, read as LINTEL_GOOGLE_SUBJECT: the Admin
 * SDK answers administrators only, so without one the admin is told to set it.
 */
export function googleDirectory(options: GoogleOptions, now: () => number): GoogleDirectory {
  const directory = options.subject ? admin({ version: 'directory_v1', auth: serviceAccountClient(options, [RESOURCES_SCOPE]), rootUrl: `${options.apiUrl}/`, retry: false }) : undefined;
  return {
    discoverRooms: () =>
      directory
        ? discoverGoogleRooms(directory, now)
        : Promise.resolve({ ok: false, failure: 'refused', message: 'Discovering Google rooms needs LINTEL_GOOGLE_SUBJECT: a Workspace administrator the service account acts as, through domain-wide delegation.' }),
  };
}

/**
 * Whether Google gives the service account a token for the Calendar API (as
 * its subject, when it has one): the key is Google's and not deleted, the
 * bridge's clock is right, delegation is set up. Tried before a key is saved.
 */
export async function checkServiceAccount(options: GoogleOptions, now: number): Promise<ProviderAnswer<void>> {
  // "Using OAuth 2.0 for Server to Server Applications": the JWT-bearer grant answers a token, or invalid_grant / unauthorized_client (google-failure.ts).
  try {
    await serviceAccountClient(options, [CALENDAR_SCOPE]).getAccessToken();
    return { ok: true, value: undefined };
  } catch (error) {
    return googleFailure(error, options.key.client_email, now);
  }
}

/** Rooms whose calendar is a Google Workspace resource calendar, reached as the configured service account. */
export function googleProvider(options: GoogleOptions): RemoteCalendarProvider<'google'> {
  const auth = serviceAccountClient(options, [CALENDAR_SCOPE]);
  // Retries are the engine's (it honours Retry-After and backs off), not the library's.
  const api = calendar({ version: 'v3', auth, rootUrl: `${options.apiUrl}/`, retry: false });
  return {
    type: 'google',
    connect: (_room, config, deps) => new GoogleCalendar({ api, calendarId: config.calendarId, organizer: options.subject, clock: deps.clock }),
  };
}
