import { Agent } from 'node:https';
import { calendar } from '@googleapis/calendar';
import { JWT } from 'google-auth-library';
import type { RemoteCalendarProvider } from '../remote/remote-provider.ts';
import { GoogleCalendar } from './google-calendar.ts';
import type { ServiceAccountKey } from './service-account-key.ts';

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
