import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';

/** The one way the Microsoft 365 integration reaches the network: MSAL and the Graph client both go through it. */
export type HttpsFetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string | undefined }) => Promise<Response>;

/** A request Microsoft 365 has not answered in this long is given up and retried, never waited on for ever. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Node's fetch, trusting one more certificate authority when given: a
 * TLS-inspecting corporate proxy (or the Graph emulator in tests) presents a
 * certificate signed by a CA the system does not know.
 */
export function createHttpsFetch(extraCaPem?: string, timeoutMs = DEFAULT_TIMEOUT_MS): HttpsFetch {
  if (extraCaPem === undefined) return (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const dispatcher = new Agent({ connect: { ca: [...rootCertificates, extraCaPem] } });
  return async (url, init) => (await undiciFetch(url, { ...init, dispatcher, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Response;
}
