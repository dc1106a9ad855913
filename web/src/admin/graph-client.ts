import type { GraphGet } from './places-paging.ts';

/**
 * Microsoft Graph as the admin page calls it, with the admin's own token.
 * The Graph client attaches the token only to https URLs of Graph itself or
 * of `customHosts`, so the configured Graph host (an emulator in tests, a
 * national cloud in production) is named there; its retry handler honours
 * 429 Retry-After on its own. The client is loaded with the first request:
 * an admin page without Microsoft 365 never downloads it.
 */
export function createGraphGet(graphUrl: string, accessToken: () => Promise<string>): GraphGet {
  let client: ReturnType<typeof connect> | undefined;
  const connect = async () =>
    (await import('@microsoft/microsoft-graph-client')).Client.initWithMiddleware({
      authProvider: { getAccessToken: accessToken },
      baseUrl: graphUrl.replace(/\/*$/, '/'),
      // The client matches the host name without the port (`127.0.0.1`, not `127.0.0.1:8443`).
      customHosts: new Set([new URL(graphUrl).hostname]),
    });
  return async (pathOrUrl) => (await (client ??= connect())).api(pathOrUrl).get() as Promise<unknown>;
}
