import { join } from 'node:path';
import envPaths from 'env-paths';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/errors.ts';
import { TimeZone } from '../../shared/model.ts';
import { describeIssues } from '../../shared/validation.ts';
import { projectRoot } from './project-root.ts';

const Flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The bridge's whole configuration, read once from the environment at start. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  LINTEL_HOST: z.string().min(1).optional(),
  LINTEL_DATA_DIR: z.string().min(1).default(() => envPaths('lintel', { suffix: '' }).data),
  LINTEL_WEB_DIR: z.string().min(1).default(() => join(projectRoot(), 'dist', 'web')),
  LINTEL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The demo room's time zone on first start; the machine's own by default. */
  LINTEL_TIME_ZONE: TimeZone.default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  /** Seed the demo room with meetings around the current time on first start. */
  LINTEL_DEMO_MEETINGS: Flag.default(true),
  /** A rooms file (JSON): the rooms this bridge serves and their settings. */
  LINTEL_CONFIG: z.string().min(1).optional(),
  /** The base unit's serial port for the first room (e.g. /dev/ttyACM0), when the rooms file names none; else the simulated unit. */
  LINTEL_SERIAL_PATH: z.string().min(1).optional(),
  /** Where phones reach this bridge (the display's QR code), e.g. http://lintel.example.org:8080. */
  LINTEL_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
});

export interface BridgeConfig {
  port: number;
  host: string | undefined;
  dataDir: string;
  webDir: string;
  logLevel: z.infer<typeof ConfigSchema>['LINTEL_LOG_LEVEL'];
  demoTimeZone: string;
  demoMeetings: boolean;
  roomsFile: string | undefined;
  publicUrl: string | undefined;
  serialPath: string | undefined;
}

/** Parses the environment, listing every problem at once rather than the first. */
export function parseConfig(env: Record<string, string | undefined>): Result<BridgeConfig> {
  const relevant = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = ConfigSchema.safeParse(relevant);
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
    serialPath: c.LINTEL_SERIAL_PATH,
  });
}
