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

/** Why the request failed, in a few words: Node's fetch puts the system's error code in its cause. */
function failure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
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
  const { publicUrl, configured, hostname, port, fetch: fetchHealth = fetch, timeoutMs = TIMEOUT_MS } = check;
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
