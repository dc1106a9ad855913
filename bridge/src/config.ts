import { join } from 'node:path';
import envPaths from 'env-paths';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/errors.ts';
import { TimeZone } from '../../shared/model.ts';
import { describeIssues } from '../../shared/validation.ts';
import { projectRoot } from './project-root.ts';

const HttpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' }).transform((url) => url.replace(/\/+$/, ''));

const Flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** An MQTT topic to publish under: levels without wildcards, none empty, not `$…` (the broker's own, MQTT 3.1.1 section 4.7.2). */
const MqttTopicPrefix = z
  .string()
  .max(100)
  .regex(/^(?!\$)[^/#+]+(\/[^/#+]+)*$/, 'must be a topic such as lintel or building/lintel: no + or #, no empty level, not starting with $');

/** A site as browsers name it in `Origin`: http(s), host and port, nothing after (but the lone "/" addresses are often written with). */
const WebOrigin = z.string().transform((value, ctx) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an http(s) origin such as https://intranet.example.org` });
    return z.NEVER;
  }
  if (url.href !== `${url.origin}/`) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is more than an origin: give ${url.origin}` });
    return z.NEVER;
  }
  return url.origin;
});

/**
 * The bridge's whole configuration, read once from the environment at start.
 * Exported as JSON Schema in kiosk-config/schema/ for editors and installers.
 */
export const BridgeEnvironment = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080).describe('The HTTP port for displays, the admin page and the API.'),
  LINTEL_HOST: z.string().min(1).optional().describe('The address to listen on; all addresses by default.'),
  LINTEL_DATA_DIR: z
    .string()
    .min(1)
    .default(() => envPaths('lintel', { suffix: '' }).data)
    .describe("Where the bridge keeps its SQLite store and admin token (in LINTEL_DATABASE_URL instead when set); the user's data folder by default (~/.local/share/lintel)."),
  LINTEL_WEB_DIR: z
    .string()
    .min(1)
    .default(() => join(projectRoot(), 'dist', 'web'))
    .describe("The built web app; the checkout's dist/web by default."),
  LINTEL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LINTEL_TIME_ZONE: TimeZone.default(() => Intl.DateTimeFormat().resolvedOptions().timeZone).describe(
    "The demo room's time zone on first start, and that of rooms made for Microsoft 365 mailboxes; the machine's own by default.",
  ),
  LINTEL_DEMO_MEETINGS: Flag.default(true).describe('Seed the demo room with meetings around the current time on first start.'),
  LINTEL_CONFIG: z.string().min(1).optional().describe('A rooms file (JSON, see rooms.schema.json): the rooms this bridge serves and their settings.'),
  LINTEL_SERIAL_PATH: z
    .string()
    .min(1)
    .optional()
    .describe("The base unit's serial port for the first room (e.g. /dev/ttyACM0), when the rooms file names none; else the simulated unit."),
  LINTEL_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .optional()
    .describe("Where phones reach this bridge (the display's QR code), e.g. http://lintel.example.org:8080."),
  LINTEL_ALLOWED_ORIGINS: z
    .string()
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
    .pipe(z.array(WebOrigin))
    .optional()
    .describe(
      "Other sites whose pages may change bookings and connect live, comma-separated origins, e.g. https://intranet.example.org,http://signage.example.org:8000. Pages of the bridge's own address and of LINTEL_PUBLIC_URL always may; programs that send no Origin (integrations, curl) are not affected.",
    ),
  LINTEL_M365_TENANT_ID: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Microsoft 365: the tenant (directory) id; with the client id and a credential it turns the integration on.'),
  LINTEL_M365_CLIENT_ID: z.string().min(1).max(100).optional().describe("Microsoft 365: Lintel's application (client) id."),
  LINTEL_M365_CLIENT_SECRET: z.string().min(1).optional().describe('A client secret; prefer a certificate (LINTEL_M365_CERTIFICATE_FILE).'),
  LINTEL_M365_CERTIFICATE_FILE: z.string().min(1).optional().describe("A PEM file with the application's certificate and its private key."),
  LINTEL_M365_SERVICE_MAILBOX: z
    .email()
    .optional()
    .describe("The mailbox that organizes walk-up bookings; without one they are made on each room's calendar."),
  LINTEL_M365_AUTHORITY_HOST: HttpsUrl.default('https://login.microsoftonline.com').describe('The sign-in authority (another one for national clouds).'),
  LINTEL_M365_GRAPH_URL: HttpsUrl.default('https://graph.microsoft.com').describe('Microsoft Graph (another one for national clouds).'),
  LINTEL_M365_CA_FILE: z.string().min(1).optional().describe("One more certificate authority to trust, e.g. a TLS-inspecting proxy's (PEM file)."),
  LINTEL_M365_PERMISSIONS: z
    .enum(['application', 'delegated'])
    .default('application')
    .describe(
      "How the bridge acts in Microsoft 365: 'application' (application permissions with admin consent) or 'delegated' (as one Microsoft account the room calendars are shared with, connected on the admin page).",
    ),
  LINTEL_M365_SYNC_SECONDS: z.coerce.number().int().min(5).max(300).default(15).describe("How often each room's calendar is synced, in seconds."),
  LINTEL_CALENDAR_SYNC_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(3600)
    .default(15)
    .describe("How often each room's Google Workspace, CalDAV or ICS calendar is read, in seconds."),
  LINTEL_GOOGLE_CREDENTIALS_FILE: z
    .string()
    .min(1)
    .optional()
    .describe("Google Workspace: the service account's JSON key file, as Google Cloud's console downloads it."),
  LINTEL_GOOGLE_SUBJECT: z
    .email()
    .optional()
    .describe('Google Workspace: the user the service account acts as, through domain-wide delegation (an admin, to discover rooms). Unset: the service account acts as itself, on resource calendars shared with it.'),
  LINTEL_GOOGLE_API_URL: HttpsUrl.default('https://www.googleapis.com').describe("Google's APIs (another one for tests or a proxy)."),
  LINTEL_GOOGLE_TOKEN_URL: HttpsUrl.default('https://oauth2.googleapis.com/token').describe("Google's OAuth token endpoint (another one for tests or a proxy)."),
  LINTEL_GOOGLE_CA_FILE: z.string().min(1).optional().describe("One more certificate authority to trust for Google's hosts, e.g. a TLS-inspecting proxy's (PEM file)."),
  LINTEL_REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' })
    .optional()
    .describe(
      'Several bridge processes behind one address: the Redis they share displays and sync leases through. They share LINTEL_DATABASE_URL, or LINTEL_DATA_DIR on one machine. Unset for one process.',
    ),
  LINTEL_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL, e.g. postgresql://lintel@db.example.org/lintel' })
    .optional()
    .describe(
      'A PostgreSQL database as the store instead of SQLite in LINTEL_DATA_DIR: for bridge processes on several machines. Unset: SQLite.',
    ),
  LINTEL_METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters, e.g. from `openssl rand -hex 32`')
    .optional()
    .describe(
      'A secret: /api/metrics answers only requests with `Authorization: Bearer <this>` (a Prometheus server, from anywhere). Unset: only requests from this machine (loopback).',
    ),
  LINTEL_MQTT_URL: z
    .url({ protocol: /^mqtts?$/, error: 'must be an mqtt:// or mqtts:// URL, e.g. mqtts://lintel:password@broker.example.org:8883' })
    .optional()
    .describe(
      "An MQTT broker for Home Assistant and building systems: every room's state (retained), Home Assistant discovery, and the rooms' occupancy topics. A user and password go in the URL, percent-encoded. Unset: no MQTT.",
    ),
  LINTEL_MQTT_TOPIC_PREFIX: MqttTopicPrefix.default('lintel').describe("Where the rooms' states go: <prefix>/<room id>/state, and the bridge's availability: <prefix>/status. One per bridge on a shared broker."),
  LINTEL_MQTT_DISCOVERY_PREFIX: MqttTopicPrefix.default('homeassistant').describe("Home Assistant's MQTT discovery prefix (its MQTT integration's setting)."),
  LINTEL_ALERT_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://hooks.example.org/lintel' })
    .optional()
    .describe(
      'Where problems reported at the rooms\' displays go: a JSON POST per problem ({ id, roomId, roomName, kind, note, reportedAt }, header Idempotency-Key: <id>), retried until it answers 2xx, kept across restarts. It may hold a secret: logs show its site only. Unset: problems are listed on the admin page only.',
    ),
})
  .superRefine((env, ctx) => {
    const given = ['LINTEL_M365_TENANT_ID', 'LINTEL_M365_CLIENT_ID'].filter((key) => env[key as keyof typeof env] !== undefined);
    const credential = env.LINTEL_M365_CLIENT_SECRET !== undefined || env.LINTEL_M365_CERTIFICATE_FILE !== undefined;
    if (given.length === 0 && !credential) return;
    for (const key of ['LINTEL_M365_TENANT_ID', 'LINTEL_M365_CLIENT_ID'] as const) {
      if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is needed to connect Microsoft 365' });
    }
    if (!credential) ctx.addIssue({ code: 'custom', path: ['LINTEL_M365_CLIENT_SECRET'], message: 'give a client secret or LINTEL_M365_CERTIFICATE_FILE to connect Microsoft 365' });
  }, { when: () => true })
  .superRefine((env, ctx) => {
    if (env.LINTEL_GOOGLE_SUBJECT !== undefined && env.LINTEL_GOOGLE_CREDENTIALS_FILE === undefined) {
      ctx.addIssue({ code: 'custom', path: ['LINTEL_GOOGLE_CREDENTIALS_FILE'], message: 'is needed to connect Google Workspace (LINTEL_GOOGLE_SUBJECT is set)' });
    }
    // Even when other settings are wrong: every problem is listed at once. It reads only whether keys are set.
  }, { when: () => true });

export interface BridgeConfig {
  port: number;
  host: string | undefined;
  dataDir: string;
  webDir: string;
  logLevel: z.infer<typeof BridgeEnvironment>['LINTEL_LOG_LEVEL'];
  demoTimeZone: string;
  demoMeetings: boolean;
  roomsFile: string | undefined;
  publicUrl: string | undefined;
  allowedOrigins: string[];
  serialPath: string | undefined;
  microsoft365: Microsoft365Config | null;
  redisUrl: string | undefined;
  databaseUrl: string | undefined;
  /** A secret: kept out of logs (logger.ts masks `metricsToken`). */
  metricsToken: string | undefined;
  mqtt: MqttConfig | null;
  /** A secret in its path, often: log it only through maskedWebhookUrl. */
  alertWebhookUrl: string | undefined;
  /** How often Google Workspace, CalDAV and ICS calendars are read. */
  calendarSyncSeconds: number;
  google: GoogleConfig | null;
  /** Where Google's APIs are, for an account set here or connected on the admin page. */
  googleApi: GoogleApiConfig;
}

export interface GoogleApiConfig {
  apiUrl: string;
  tokenUrl: string;
  caFile: string | undefined;
}

/** The service account set in the environment; where Google's APIs are is `googleApi`, for it and for one connected on the admin page. */
export interface GoogleConfig {
  credentialsFile: string;
  subject: string | null;
}

export interface MqttConfig {
  /** mqtt:// or mqtts://, with any user and password: log it only through maskedUrl. */
  url: string;
  topicPrefix: string;
  discoveryPrefix: string;
}

export interface Microsoft365Config {
  tenantId: string;
  clientId: string;
  clientSecret: string | undefined;
  certificateFile: string | undefined;
  serviceMailbox: string | null;
  authorityHost: string;
  graphUrl: string;
  caFile: string | undefined;
  syncPeriodSeconds: number;
  permissions: 'application' | 'delegated';
}

/** Settings the bridge does not know, by their prefix: most likely a typo that would otherwise be ignored in silence. */
export function unknownSettings(env: Record<string, string | undefined>): string[] {
  return Object.keys(env).filter((key) => key.startsWith('LINTEL_') && !(key in BridgeEnvironment.shape) && !KIOSK_SETTINGS.has(key));
}

/** Read by the kiosk launcher (kiosk-config/kiosk), not the bridge: an environment file may hold both. */
const KIOSK_SETTINGS = new Set(['LINTEL_DISPLAY_URL', 'LINTEL_CHROMIUM', 'LINTEL_KIOSK_PROFILE', 'LINTEL_KIOSK_WAIT_SECONDS']);

/** Parses the environment, listing every problem at once rather than the first. */
export function parseConfig(env: Record<string, string | undefined>): Result<BridgeConfig> {
  const relevant = Object.fromEntries(
    Object.keys(BridgeEnvironment.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = BridgeEnvironment.safeParse(relevant);
  if (!parsed.success) return fail('invalid-input', describeIssues(parsed.error));
  const c = parsed.data;
  return ok({
    port: c.PORT,
    host: c.LINTEL_HOST,
    dataDir: c.LINTEL_DATA_DIR,
    webDir: c.LINTEL_WEB_DIR,
    logLevel: c.LINTEL_LOG_LEVEL,
    demoTimeZone: c.LINTEL_TIME_ZONE,
    demoMeetings: c.LINTEL_DEMO_MEETINGS,
    roomsFile: c.LINTEL_CONFIG,
    publicUrl: c.LINTEL_PUBLIC_URL,
    allowedOrigins: c.LINTEL_ALLOWED_ORIGINS ?? [],
    serialPath: c.LINTEL_SERIAL_PATH,
    redisUrl: c.LINTEL_REDIS_URL,
    databaseUrl: c.LINTEL_DATABASE_URL,
    metricsToken: c.LINTEL_METRICS_TOKEN,
    alertWebhookUrl: c.LINTEL_ALERT_WEBHOOK_URL,
    calendarSyncSeconds: c.LINTEL_CALENDAR_SYNC_SECONDS,
    google:
      c.LINTEL_GOOGLE_CREDENTIALS_FILE === undefined
        ? null
        : { credentialsFile: c.LINTEL_GOOGLE_CREDENTIALS_FILE, subject: c.LINTEL_GOOGLE_SUBJECT ?? null },
    googleApi: { apiUrl: c.LINTEL_GOOGLE_API_URL, tokenUrl: c.LINTEL_GOOGLE_TOKEN_URL, caFile: c.LINTEL_GOOGLE_CA_FILE },
    mqtt: c.LINTEL_MQTT_URL === undefined ? null : { url: c.LINTEL_MQTT_URL, topicPrefix: c.LINTEL_MQTT_TOPIC_PREFIX, discoveryPrefix: c.LINTEL_MQTT_DISCOVERY_PREFIX },
    microsoft365:
      c.LINTEL_M365_TENANT_ID === undefined || c.LINTEL_M365_CLIENT_ID === undefined
        ? null
        : {
            tenantId: c.LINTEL_M365_TENANT_ID,
            clientId: c.LINTEL_M365_CLIENT_ID,
            clientSecret: c.LINTEL_M365_CLIENT_SECRET,
            certificateFile: c.LINTEL_M365_CERTIFICATE_FILE,
            serviceMailbox: c.LINTEL_M365_SERVICE_MAILBOX ?? null,
            authorityHost: c.LINTEL_M365_AUTHORITY_HOST,
            graphUrl: c.LINTEL_M365_GRAPH_URL,
            caFile: c.LINTEL_M365_CA_FILE,
            syncPeriodSeconds: c.LINTEL_M365_SYNC_SECONDS,
            permissions: c.LINTEL_M365_PERMISSIONS,
          },
  });
}
