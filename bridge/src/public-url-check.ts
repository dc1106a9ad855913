import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { HealthReport } from './operations/health-report.ts';

/** The part of fetch the check uses, so that tests can answer for the network. */
export type HealthFetch = (url: string, init: { signal: AbortSignal }) => Promise<{ status: number; json(): Promise<unknown> }>;

export interface PublicUrlCheck {
  /** Where QR codes, the pairing text and Microsoft's sign-in send people back: LINTEL_PUBLIC_URL, or the guessed one. */
  publicUrl: string;
  /** Whether LINTEL_PUBLIC_URL set it (or it was guessed). */
  configured: boolean;
  /** This computer's name and the bridge's port, for the address the warning suggests. */
  hostname: string;
  port: number;
  fetch?: HealthFetch;
  timeoutMs?: number;
}

const TIMEOUT_MS = 3_000;

/**
 * One GET through node:http(s), which the bridge has loaded already: the
 * global fetch would load its own HTTP client (undici) for this one request,
 * and keep about 12 MB of the bridge's 100 MB budget for good.
 */
const getHealth: HealthFetch = (url, { signal }) =>
  new Promise((resolve, reject) => {
    const answered = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: () => Promise.resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown) }));
    };
    (url.startsWith('https:') ? httpsGet : httpGet)(url, { signal }, answered).on('error', reject);
  });

/** Why the request failed, in a few words: the system's error code where there is one (on the error, or on fetch's cause). */
function failure(error: unknown, timeoutMs: number): string {
  const timedOut = (each: unknown) => each instanceof Error && each.name === 'TimeoutError';
  if (timedOut(error) || (error instanceof Error && timedOut(error.cause))) return `no answer within ${timeoutMs / 1000} s`;
  for (const each of [error, error instanceof Error ? error.cause : undefined]) {
    const code = (each as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && code !== 'ABORT_ERR') return code;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether the bridge answers at its public URL from its own computer: one
 * GET of `<public url>/api/health`, answered by a Lintel bridge (its health
 * report, healthy or not). An address that does not answer here seldom
 * answers phones and displays: the warning returned says what to set, and
 * nothing is returned when it answers.
 */
export async function publicUrlProblem(check: PublicUrlCheck): Promise<string | undefined> {
  const { publicUrl, configured, hostname, port, fetch: fetchHealth = getHealth, timeoutMs = TIMEOUT_MS } = check;
  let reason: string;
  try {
    const response = await fetchHealth(new URL('api/health', publicUrl).href, { signal: AbortSignal.timeout(timeoutMs) });
    const body: unknown = await response.json().catch(() => undefined);
    if (HealthReport.safeParse(body).success) return undefined;
    reason = `it answers ${response.status}, not as a Lintel bridge`;
  } catch (error) {
    reason = failure(error, timeoutMs);
  }
  const source = configured ? 'LINTEL_PUBLIC_URL' : 'guessed, as LINTEL_PUBLIC_URL is not set';
  return (
    `The public URL ${publicUrl} (${source}) does not reach this bridge from its own computer (${reason}): QR codes and pairing links lead there, ` +
    `so phones and displays may not reach it either. Set LINTEL_PUBLIC_URL to the address they reach this bridge at, e.g. http://${hostname}:${port}/`
  );
}
