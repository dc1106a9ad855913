import express, { type Router } from 'express';
import { graphResourceOf, type EmulatorContext } from './context.ts';
import { IdentityProblem } from './errors.ts';
import { errorAnswer, param, redirectBack, registeredRedirect, trustedRedirect } from './front-channel.ts';
import type { UserGrants } from './grants.ts';
import { requestedScopes } from './scopes.ts';
import { clientInfo } from './user-tokens.ts';
import { consentCovers, consentForSelf } from './users.ts';

/**
 * The browser's side of signing in: /authorize answers for the user the test
 * signed in (`tenant.signInAs`) with a code sent back to the app, or with the
 * refusal; the user consents to what they may grant themselves when asked.
 * Sign-out ends that session.
 */
export function signInRoutes(ctx: EmulatorContext, grants: UserGrants): Router {
  const { tenant } = ctx;
  const router = express.Router();

  router.get('/:tenant/oauth2/v2.0/authorize', (req, res) => {
    const trusted = trustedRedirect(tenant, req, res, { tenants: [tenant.tenantId], withoutServicePrincipal: false });
    if (!trusted) return;
    const { app, redirectUri } = trusted;
    const query = (name: string) => param(req, name);
    const responseMode = query('response_mode') ?? 'query';
    const mode = responseMode === 'fragment' ? 'fragment' : 'query';
    const state = query('state');
    try {
      if (mode !== responseMode) throw new IdentityProblem('invalid_request', 70007, `The application requested an unsupported response_mode '${responseMode}'.`);
      if (app.servicePrincipal === 'disabled') throw new IdentityProblem('unauthorized_client', 7000112, `Application '${app.appId}'(${app.displayName}) is disabled.`);
      if (query('response_type') !== 'code') {
        throw new IdentityProblem('unsupported_response_type', 700051, `response_type '${query('response_type') ?? ''}' is not enabled for the application.`);
      }
      const scope = query('scope');
      if (!scope) throw new IdentityProblem('invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
      // Microsoft turns down an unknown resource or scope before anyone signs in.
      const requested = requestedScopes(scope, app, tenant.tenantId, graphResourceOf(ctx));
      const codeChallenge = query('code_challenge');
      // Microsoft would take 'plain' too; the emulator holds the admin page to S256.
      if (codeChallenge !== undefined && query('code_challenge_method') !== 'S256') {
        throw new IdentityProblem('invalid_request', 50149, 'Invalid Code_Challenge_method parameter: only S256 is accepted.');
      }
      const user = tenant.signedInUser;
      if (!user && query('prompt') === 'none') throw new IdentityProblem('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.');
      if (!user) throw new IdentityProblem('interaction_required', 50058, 'Session information is not sufficient for single-sign-on.');
      // Only OpenID Connect scopes sign in to what the registration lists, as the token will carry; prompt=none shows no consent prompt.
      const permissions = requested.resources.length > 0 ? requested.resources.flatMap((each) => each.scp) : app.delegatedPermissions;
      if (!consentCovers(app, user, permissions) && (query('prompt') === 'none' || !consentForSelf(app, user, permissions))) {
        throw new IdentityProblem('consent_required', 65001, `The user or administrator has not consented to use the application with ID '${app.appId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`);
      }
      const platform = app.redirectUris.includes(redirectUri) ? 'spa' : 'web';
      const code = grants.issueCode({ clientId: app.appId, user, scope, platform, redirectUri, codeChallenge, nonce: query('nonce') });
      redirectBack(res, redirectUri, mode, {
        code,
        ...(query('client_info') === '1' ? { client_info: clientInfo(user, tenant.tenantId) } : {}),
        state,
        session_state: crypto.randomUUID(),
      });
    } catch (error) {
      if (!(error instanceof IdentityProblem)) throw error;
      redirectBack(res, redirectUri, mode, { ...errorAnswer(error), state });
    }
  });

  router.get('/:tenant/oauth2/v2.0/logout', (req, res) => {
    tenant.signInAs(null);
    const target = param(req, 'post_logout_redirect_uri');
    if (target && [...tenant.apps.values()].some((app) => registeredRedirect(app, target))) return redirectBack(res, target, 'query', { state: param(req, 'state') });
    res.type('html').send('<!DOCTYPE html><html><head><title>Sign out</title></head><body><p>You signed out of your account.</p></body></html>');
  });

  return router;
}
