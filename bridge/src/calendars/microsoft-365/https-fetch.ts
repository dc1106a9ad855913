import { Agent, request } from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';
import { REQUEST_TIMEOUT_MS } from './graph-limits.ts';

/** The one way the Microsoft 365 integration reaches the network: MSAL and the Graph client both go through it. */
export type HttpsFetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string | undefined }) => Promise<Response>;

/**
 * HTTPS over Node's own client, with kept-alive connections, trusting one
 * more certificate authority when given: a TLS-inspecting corporate proxy
 * (or the Graph emulator in tests) presents a certificate signed by a CA the
 * system does not know. Node's https, not a fetch library, because the bridge
 * has a memory budget. Answers are read whole: Graph's are small pages.
 */
export function createHttpsFetch(extraCaPem?: string, timeoutMs = REQUEST_TIMEOUT_MS): HttpsFetch {
  // One TLS context for every connection. Given only `ca`, Node builds a context per connection and parses
  // every root certificate again: 0.8 MB of native memory each, freed late and then kept by the allocator.
  // A connection idle between sync rounds is closed by the other end (the emulator after 5 s, proxies and
  // Graph after theirs), so each round connected anew and the bridge grew by megabytes a minute.
  const secureContext = createSecureContext(extraCaPem === undefined ? {} : { ca: [...rootCertificates, extraCaPem] });
  const agent = new Agent({ keepAlive: true, secureContext });
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const outgoing = request(url, { method: init.method, headers: init.headers, agent, timeout: timeoutMs }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
          }
          const status = incoming.statusCode ?? 502;
          const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, headers }));
        });
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${new URL(url).host} in ${timeoutMs} ms`)));
      outgoing.on('error', reject);
      outgoing.end(init.body);
    });
}
