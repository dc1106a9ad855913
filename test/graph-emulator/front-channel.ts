import type { Request, Response } from 'express';
import type { IdentityProblem } from './errors.ts';
import type { EmulatedApp, EmulatedTenant } from './tenant.ts';

/** A query parameter given once. */
export function param(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The app and redirect URI (of either platform) of a page the browser
 * opens (sign-in, admin consent). When the platform cannot trust them it
 * shows an error page, as Microsoft does, rather than send the browser to an
 * address the app never registered. Admin consent recreates a deleted
 * service principal, so it accepts the app without one.
 */
export function trustedRedirect(
  tenant: EmulatedTenant,
  req: Request,
  res: Response,
  options: { tenants: string[]; withoutServicePrincipal: boolean },
): { app: EmulatedApp; redirectUri: string } | undefined {
  const segment = String(req.params.tenant);
  if (!options.tenants.includes(segment)) return errorPage(res, 90002, `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  const clientId = param(req, 'client_id');
  if (!clientId) return errorPage(res, 900144, "The request body must contain the following parameter: 'client_id'.");
  const app = tenant.apps.get(clientId);
  if (!app || (app.servicePrincipal === 'deleted' && !options.withoutServicePrincipal)) {
    return errorPage(res, 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.tenantId}'.`);
  }
  const redirectUri = param(req, 'redirect_uri');
  if (!redirectUri) return errorPage(res, 900971, 'No reply address provided.');
  if (!registeredRedirect(app, redirectUri)) {
    return errorPage(res, 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.appId}'.`);
  }
  return { app, redirectUri };
}

/** Whether the app registered the address on its single-page application or its Web platform. */
export function registeredRedirect(app: EmulatedApp, redirectUri: string): boolean {
  return app.redirectUris.includes(redirectUri) || app.webRedirectUris.includes(redirectUri);
}

/** Sends the browser back to the app, the answer in the query or in the fragment. */
export function redirectBack(res: Response, redirectUri: string, mode: 'query' | 'fragment', answer: Record<string, string | undefined>): void {
  const url = new URL(redirectUri);
  const values = new URLSearchParams(Object.entries(answer).filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (mode === 'fragment') url.hash = values.toString();
  else for (const [name, value] of values) url.searchParams.append(name, value);
  res.redirect(302, url.href);
}

/** A refusal as a redirect back to the app carries it. */
export function errorAnswer(problem: IdentityProblem): Record<string, string> {
  return { error: problem.error, error_description: `AADSTS${problem.aadsts}: ${problem.message}` };
}

function errorPage(res: Response, aadsts: number, message: string): undefined {
  const text = `AADSTS${aadsts}: ${message}`.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  res.status(400).type('html').send(`<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body><h1>Sorry, but we're having trouble signing you in.</h1><p>${text}</p></body></html>`);
  return undefined;
}
