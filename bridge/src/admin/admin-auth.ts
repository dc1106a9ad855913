import type { NextFunction, Request, Response } from 'express';
import { fail, type Result } from '../../../shared/errors.ts';
import { sendError } from '../http/send-error.ts';
import { sameSecret } from '../same-secret.ts';
import type { AdminIdentity } from './admin-identity.ts';
import type { MicrosoftIdentity } from './microsoft-identity.ts';

export interface AdminAuthDeps {
  /** The bridge's own admin token (see local-admin-token.ts). */
  localToken: string;
  /** Verifies Microsoft sign-ins when the bridge is connected to a tenant. */
  microsoft: MicrosoftIdentity | undefined;
}

const LOCAL_ADMIN: AdminIdentity = { name: 'local admin token', via: 'local-token', id: 'local' };

/**
 * Lets a request through to the admin API only with a verified admin: the
 * local admin token, or a Microsoft token of the connected tenant for this
 * app. Displays hold neither, so they never get past it. The identity is
 * left in `res.locals.admin` for the audit log.
 */
export function requireAdmin(deps: AdminAuthDeps) {
  return (req: Request, res: Response, next: NextFunction): void => {
    void authenticateAdmin(deps, req.get('authorization')).then((identity) => {
      if (!identity.ok) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return sendError(res, identity.code, identity.message);
      }
      res.locals.admin = identity.data;
      next();
    }, next);
  };
}

/** The identity a handler behind `requireAdmin` acts for. */
export function adminOf(res: Response): AdminIdentity {
  return res.locals.admin as AdminIdentity;
}

/** The admin an `Authorization` header proves, or why it proves none. */
export async function authenticateAdmin(deps: AdminAuthDeps, header: string | undefined): Promise<Result<AdminIdentity>> {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (token === undefined) {
    return fail('unauthorized', 'Sign in first: the admin API needs a Microsoft sign-in of the connected organisation, or the bridge\'s local admin token.');
  }
  if (sameSecret(deps.localToken, token)) return { ok: true, data: LOCAL_ADMIN };
  if (deps.microsoft && token.split('.').length === 3) return deps.microsoft.verify(token);
  return fail('unauthorized', 'That token is not valid for this bridge: sign in again.');
}
