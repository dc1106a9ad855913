import type { NextFunction, Request, Response } from 'express';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { authenticateAdmin, type AdminAuthDeps } from '../admin/admin-auth.ts';
import { sendError } from '../http/send-error.ts';
import type { DisplayRegistry } from '../pairing/display-registry.ts';
import { ANYONE, type Standing } from './standing.ts';
import type { RoomLinks } from './room-links.ts';

export interface RequestStandingDeps {
  admin: AdminAuthDeps;
  displays: Pick<DisplayRegistry, 'holderOf'>;
  links: Pick<RoomLinks, 'verify'>;
}

/**
 * What an HTTP request's `Authorization: Bearer <token>` proves: a room link
 * (`<payload>.<signature>`, from a display's QR code), the admin token or a
 * Microsoft sign-in, or a display credential. No header is no proof, which
 * still reads open rooms and the building board; a token that proves nothing
 * is refused rather than taken for no header, so a revoked display learns it.
 */
export async function standingOf(deps: RequestStandingDeps, header: string | undefined): Promise<Result<Standing>> {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (header === undefined) return ok(ANYONE);
  if (token === undefined) return fail('unauthorized', 'The Authorization header is "Bearer <token>": a display credential, a room link, or an admin token.');
  if (token.split('.').length === 2) {
    const link = deps.links.verify(token);
    return link.ok ? ok({ kind: 'phone', ...link.data, link: token }) : link;
  }
  const admin = await authenticateAdmin(deps.admin, header);
  if (admin.ok) return ok({ kind: 'admin' });
  const holder = deps.displays.holderOf(token);
  if (holder) return ok({ kind: 'display', ...holder });
  return fail('unauthorized', 'That token is not valid here: a display unlinked or forgotten by an admin pairs again; an admin signs in again.');
}

/** Leaves the request's standing in `res.locals.standing` (see standingOfResponse), or answers 401. */
export function withStanding(deps: RequestStandingDeps) {
  return (req: Request, res: Response, next: NextFunction): void => {
    void standingOf(deps, req.get('authorization')).then((standing) => {
      if (!standing.ok) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return sendError(res, standing.code, standing.message);
      }
      res.locals.standing = standing.data;
      next();
    }, next);
  };
}

export function standingOfResponse(res: Response): Standing {
  return res.locals.standing as Standing;
}
