/**
 * The one-time sign-in link the bridge prints at start (and shows as a QR
 * code): `/admin/#signin=<code>`. The code is in the fragment, so the
 * browser sends it to no server (RFC 3986, section 3.5); the page exchanges
 * it for the local admin token, and takes it out of the address at once, so
 * a reload, a bookmark or the history never holds it.
 */
const PREFIX = '#signin=';

/** Why the bridge refused a link, as the page words it. */
export type SignInLinkRefusal = 'expired' | 'used' | 'unknown';

/** The link's code in `hash`, or null when this page load did not come from one. */
export function readSignInCode(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null;
  const code = hash.slice(PREFIX.length).trim();
  return code === '' ? null : code;
}

/** The address without the link's fragment (`href` may be a path); any other fragment stays. */
export function withoutSignInCode(href: string): string {
  const url = new URL(href, 'http://admin.invalid');
  if (url.hash.startsWith(PREFIX)) url.hash = '';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The bridge's refusal code (sign-in-links.ts) as the reason the page gives. */
export function signInLinkRefusal(code: string): SignInLinkRefusal {
  if (code === 'expired') return 'expired';
  if (code === 'not-allowed') return 'used';
  return 'unknown';
}
