/**
 * Connecting the Microsoft account (delegated permissions): Microsoft signs
 * the account in and sends the browser to the bridge's callback, which
 * sends it back to `/admin/?account=connected`, or to
 * `/admin/?account=failed&error=…&error_description=…` with Microsoft's
 * OAuth error.
 */

/** The names the bridge may put in the query; all of them go once read. */
const ANSWER_PARAMS = ['account', 'error', 'error_description'];

export type AccountReturn =
  | { outcome: 'connected' }
  | { outcome: 'failed'; error: string; description: string }
  /** Not the end of a sign-in this tab started (a link someone sent, say): its text is not shown. */
  | { outcome: 'unrequested' };

/** The answer in `search`, or null when this page load is not a return from connecting the account. */
export function readAccountReturn(search: string, requested: boolean): AccountReturn | null {
  const params = new URLSearchParams(search);
  const account = params.get('account');
  if (account === null) return null;
  if (!requested) return { outcome: 'unrequested' };
  if (account === 'connected') return { outcome: 'connected' };
  return { outcome: 'failed', error: params.get('error') ?? '', description: params.get('error_description') ?? '' };
}

/**
 * The page's address without the answer (anything else, a pairing code say,
 * stays): a reload must not replay it. `href` may be a path, as
 * withoutConsentReturn gives it.
 */
export function withoutAccountReturn(href: string): string {
  // Any base does: only the path, query and fragment are given back.
  const url = new URL(href, 'http://admin.invalid');
  for (const name of ANSWER_PARAMS) url.searchParams.delete(name);
  return `${url.pathname}${url.search}${url.hash}`;
}
