/**
 * Admin consent: the tenant's admin grants Lintel's application its
 * permissions for the whole organisation on Microsoft's page, which sends
 * the browser back to `/admin/` with the answer in the query string
 * (MSAL's own sign-in answers come in the fragment, so the two never mix).
 */

import { graphDefaultScope } from '../../../shared/graph-scopes.ts';

/** The names the consent page may put in the query; all of them go once read. */
const ANSWER_PARAMS = ['admin_consent', 'tenant', 'scope', 'state', 'error', 'error_description', 'error_subcode', 'error_uri', 'trace_id', 'correlation_id', 'timestamp'];

/** Consent covers everything the application was registered for on the bridge's Graph (`.default` in its cloud). */
export function adminConsentUrl(options: { authority: string; clientId: string; graphUrl: string; redirectUri: string; state: string }): string {
  const url = new URL(`${options.authority.replace(/\/+$/, '')}/v2.0/adminconsent`);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('scope', graphDefaultScope(options.graphUrl));
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('state', options.state);
  return url.href;
}

export type ConsentReturn =
  | { outcome: 'granted'; tenant: string | null }
  | { outcome: 'refused'; error: string; description: string }
  /** Not an answer to a consent this page asked for (a stale tab, a link someone sent): trust none of it. */
  | { outcome: 'state-mismatch' };

/** The consent page's answer in `search`, or null when this page load is not a return from it. */
export function readConsentReturn(search: string, expectedState: string | null): ConsentReturn | null {
  const params = new URLSearchParams(search);
  // Connecting the Microsoft account comes back with `error` too (account-return.ts): that is no consent answer.
  if (params.has('account')) return null;
  if (!params.has('admin_consent') && !params.has('error')) return null;
  const state = params.get('state');
  if (expectedState === null || state !== expectedState) return { outcome: 'state-mismatch' };
  const error = params.get('error');
  if (error) return { outcome: 'refused', error, description: params.get('error_description') ?? '' };
  if (params.get('admin_consent')?.toLowerCase() === 'true') return { outcome: 'granted', tenant: params.get('tenant') };
  return { outcome: 'refused', error: 'no_consent', description: '' };
}

/** The page's address without the consent answer (anything else, a pairing code say, stays): a reload must not replay it. */
export function withoutConsentReturn(href: string): string {
  const url = new URL(href);
  for (const name of ANSWER_PARAMS) url.searchParams.delete(name);
  return `${url.pathname}${url.search}${url.hash}`;
}
