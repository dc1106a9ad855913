import type { IncomingHttpHeaders } from 'node:http';

/** A request's origin the bridge refuses, and what to tell its sender and the log. */
export interface ForeignOrigin {
  origin: string;
  message: string;
}

/** undefined when the request's sender may use the bridge; the refusal otherwise. */
export type OriginCheck = (headers: IncomingHttpHeaders) => ForeignOrigin | undefined;

export interface AllowedOrigins {
  /** Where browsers reach the bridge (LINTEL_PUBLIC_URL): a proxy in front may hand the bridge another Host. */
  publicUrl: string;
  /** LINTEL_ALLOWED_ORIGINS: other sites whose pages may use the bridge, as serialized origins. */
  listed: readonly string[];
}

/**
 * Which pages may drive the bridge. Browsers apply no CORS to WebSockets, and
 * a simple cross-origin POST is sent before CORS could say no, so any page a
 * person on the LAN opens could otherwise book rooms. Browsers name the page
 * in `Origin` on every cross-origin request, every request that is neither
 * GET nor HEAD (Fetch standard, "append a request `Origin` header") and every
 * WebSocket handshake (RFC 6455 §4.1), so a request without one is a page's
 * GET of its own origin, or comes from no page at all: a program such as an
 * integration, curl or a monitoring probe.
 * `Origin: null` is a page that hides where it is from (a sandboxed frame, a
 * file, a no-referrer form post) and is never allowed.
 */
export function originCheck({ publicUrl, listed }: AllowedOrigins): OriginCheck {
  const allowed = new Set([new URL(publicUrl).origin, ...listed]);
  return ({ origin, host }) => {
    if (origin === undefined) return undefined;
    const page = webOrigin(origin);
    if (page === undefined) {
      return { origin, message: `Pages whose origin is "${origin}" may not change anything on this bridge or connect to it live: only an http(s) origin can be listed in LINTEL_ALLOWED_ORIGINS.` };
    }
    // The bridge's own pages, whatever scheme a TLS-terminating proxy in front of it adds: the browser put this Host there itself.
    if (page.host === hostOf(host) || allowed.has(page.origin)) return undefined;
    return { origin, message: `Pages of ${page.origin} may not change anything on this bridge or connect to it live. To allow them, list ${page.origin} in LINTEL_ALLOWED_ORIGINS.` };
  };
}

function webOrigin(origin: string): URL | undefined {
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  return url?.protocol === 'http:' || url?.protocol === 'https:' ? url : undefined;
}

/** The Host header as URL writes hosts (lower case, IPv6 in brackets), to compare with the Origin's. */
function hostOf(host: string | undefined): string | undefined {
  return host !== undefined && URL.canParse(`http://${host}`) ? new URL(`http://${host}`).host : undefined;
}
