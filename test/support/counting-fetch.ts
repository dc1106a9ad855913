import type { HttpsFetch } from '../../bridge/src/calendars/microsoft-365/https-fetch.ts';

/**
 * A fetch that counts its requests until their body is read, so a test's
 * settle() can tell waiting on the network from waiting on the clock.
 */
export function countingFetch(base: HttpsFetch): { fetch: HttpsFetch; network: { inFlight: number } } {
  const network = { inFlight: 0 };
  const fetch: HttpsFetch = async (url, init) => {
    network.inFlight++;
    try {
      const response = await base(url, init);
      const body = await response.arrayBuffer();
      return new Response(response.status === 204 || response.status === 304 ? null : body, { status: response.status, headers: response.headers });
    } finally {
      network.inFlight--;
    }
  };
  return { fetch, network };
}
