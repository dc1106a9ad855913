import { Client } from '@microsoft/microsoft-graph-client';
import type { GraphGet } from './places-paging.ts';

/**
 * Microsoft Graph as the admin page calls it, with the admin's own token.
 * The Graph client attaches the token only to https URLs of Graph itself or
 * of `customHosts`, so the configured Graph host (an emulator in tests, a
 * national cloud in production) is named there; its retry handler honours
 * 429 Retry-After on its own.
 */
export function createGraphGet(graphUrl: string, accessToken: () => Promise<string>): GraphGet {
  const client = Client.initWithMiddleware({
    authProvider: { getAccessToken: accessToken },
    baseUrl: graphUrl.replace(/\/*$/, '/'),
    // The client matches the host name without the port (`127.0.0.1`, not `127.0.0.1:8443`).
    customHosts: new Set([new URL(graphUrl).hostname]),
  });
  return (pathOrUrl) => client.api(pathOrUrl).get() as Promise<unknown>;
}
