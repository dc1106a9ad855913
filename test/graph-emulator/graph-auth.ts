import type { RequestHandler, Response } from 'express';
import { graphError } from './errors.ts';
import type { AccessTokens } from './identity.ts';
import type { EmulatedTenant } from './tenant.ts';

/** The app a Graph request comes from, and the permissions its token carries. */
export interface Caller {
  appId: string;
  roles: string[];
}

/**
 * Graph's bearer check. A token stays valid until it expires, but Graph
 * refuses it once the app's service principal is disabled or deleted or its
 * consent withdrawn.
 */
export function bearerAuthentication(tenant: EmulatedTenant, tokens: AccessTokens): RequestHandler {
  return async (req, res, next) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    try {
      const payload = await tokens.verify(token);
      const client = tenant.apps.get(String(payload.appid));
      if (!client || client.servicePrincipal !== 'enabled' || !client.adminConsented) {
        return graphError(res, 401, 'InvalidAuthenticationToken', 'The application is disabled, was deleted, or lost its consent.');
      }
      const caller: Caller = { appId: client.appId, roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [] };
      res.locals.caller = caller;
      next();
    } catch (error) {
      graphError(res, 401, 'InvalidAuthenticationToken', `Access token validation failure: ${(error as Error).message}`);
    }
  };
}

export function callerOf(res: Response): Caller {
  return res.locals.caller as Caller;
}

/** Refuses, as Graph does, a caller whose token carries none of `roles`. */
export function requireRole(roles: readonly string[], refusal = { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' }): RequestHandler {
  return (_req, res, next) => {
    if (callerOf(res).roles.some((role) => roles.includes(role))) return next();
    graphError(res, 403, refusal.code, refusal.message);
  };
}
