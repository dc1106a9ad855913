import express, { type Router } from 'express';
import { graphResourceOf, type EmulatorContext } from './context.ts';
import { IdentityProblem } from './errors.ts';
import { errorAnswer, param, redirectBack, trustedRedirect } from './front-channel.ts';
import { requestedScopes } from './scopes.ts';

/**
 * The admin consent endpoint, in its first form (`/{tenant}/adminconsent`)
 * and the v2.0 one (`/{tenant}/v2.0/adminconsent`, with `scope`): the
 * signed-in admin grants the app its permissions for the whole tenant.
 */
export function adminConsentRoutes(ctx: EmulatorContext): Router {
  const { tenant } = ctx;
  const router = express.Router();

  router.get(['/:tenant/adminconsent', '/:tenant/v2.0/adminconsent'], (req, res) => {
    const trusted = trustedRedirect(tenant, req, res, { tenants: [tenant.tenantId, 'organizations'], withoutServicePrincipal: true });
    if (!trusted) return;
    const { app, redirectUri } = trusted;
    const v2 = req.path.endsWith('/v2.0/adminconsent');
    const scope = param(req, 'scope');
    // The v2.0 endpoint marks every answer, refusals too, as one of admin consent.
    const answer = (values: Record<string, string | undefined>) => redirectBack(res, redirectUri, 'query', { ...(v2 ? { admin_consent: 'True' } : {}), ...values, state: param(req, 'state') });
    const refuse = (problem: IdentityProblem, subcode?: string) => answer({ ...errorAnswer(problem), error_subcode: subcode });

    if (v2 && !scope) return refuse(new IdentityProblem('invalid_request', 900144, "The request body must contain the following parameter: 'scope'."));
    if (v2 && scope) {
      // Consent names its resource: another cloud's Graph is unknown in this one (concepts/sdks/national-clouds.md, "Permission scopes").
      try {
        requestedScopes(scope, app, tenant.tenantId, graphResourceOf(ctx));
      } catch (problem) {
        if (problem instanceof IdentityProblem) return refuse(problem);
        throw problem;
      }
    }
    const user = tenant.signedInUser;
    if (!user) return refuse(new IdentityProblem('interaction_required', 50058, 'Session information is not sufficient for single-sign-on.'));
    if (!user.isAdmin) return refuse(new IdentityProblem('access_denied', 90094, 'The grant requires admin permission.'));
    if (tenant.declineNextConsent) {
      tenant.declineNextConsent = false;
      return refuse(new IdentityProblem('access_denied', 65004, 'User declined to consent to access the app.'), 'cancel');
    }
    app.adminConsented = true;
    if (app.servicePrincipal === 'deleted') {
      // Consent creates the service principal anew, as a new directory object.
      app.servicePrincipal = 'enabled';
      app.servicePrincipalId = crypto.randomUUID();
    }
    answer({ admin_consent: 'True', tenant: tenant.tenantId, scope: v2 ? scope : undefined });
  });

  return router;
}
