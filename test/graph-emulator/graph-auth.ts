import type { RequestHandler, Response } from 'express';
import { graphError } from './errors.ts';
import type { EmulatedTenant } from './tenant.ts';
import type { AccessTokens } from './tokens.ts';
import { consentCovers, type EmulatedUser } from './users.ts';

/** The app a Graph request comes from, and what its token lets it do. */
export interface Caller {
  appId: string;
  /** The app roles of an application token, or the delegated scopes (`scp`) of a token that acts for a user. */
  permissions: string[];
  /** The user a delegated token acts for. */
  user?: EmulatedUser;
}

/**
 * Graph's bearer check. A token stays valid until it expires, but Graph
 * refuses it once the app's service principal is disabled or deleted or its
 * consent withdrawn; an application token issued without `roles` (consent
 * missing) is let in, to be refused each call with 403 (requirePermission).
 * A token with `scp` acts for its user (`oid`).
 */
export function bearerAuthentication(tenant: EmulatedTenant, tokens: AccessTokens): RequestHandler {
  return async (req, res, next) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    try {
      const payload = await tokens.verify(token);
      const client = tenant.apps.get(String(payload.appid));
      const delegated = typeof payload.scp === 'string';
      const user = delegated ? tenant.user(String(payload.oid)) : undefined;
      const permissions = delegated ? String(payload.scp).split(' ') : Array.isArray(payload.roles) ? payload.roles.map(String) : [];
      const consented = client !== undefined && (delegated ? user !== undefined && consentCovers(client, user, permissions) : client.adminConsented || !('roles' in payload));
      if (!client || client.servicePrincipal !== 'enabled' || !consented) {
        return graphError(res, 401, 'InvalidAuthenticationToken', 'The application is disabled, was deleted, or lost its consent.');
      }
      const caller: Caller = { appId: client.appId, permissions, ...(user ? { user } : {}) };
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

/** Refuses, as Graph does, a caller whose token carries none of `permissions`. */
export function requirePermission(permissions: readonly string[], refusal = { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' }): RequestHandler {
  return (_req, res, next) => {
    if (callerOf(res).permissions.some((permission) => permissions.includes(permission))) return next();
    graphError(res, 403, refusal.code, refusal.message);
  };
}
