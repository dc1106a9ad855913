import type { RequestHandler } from 'express';
import { graphError } from './errors.ts';
import { callerOf } from './graph-auth.ts';

/**
 * `/me/...` is `/users/{signed-in user}/...`, so every user route serves it
 * too; an application token has no user to stand for (Graph docs:
 * api/user-get.md: "Calling the /me endpoint requires a signed-in user and
 * therefore a delegated permission"; the refusal as clients meet it). Links
 * the answers carry keep the `/me` form the request used.
 */
export function meAlias(): RequestHandler {
  return (req, res, next) => {
    if (!/^\/me(?=[/?]|$)/i.test(req.url)) return next();
    const { user } = callerOf(res);
    if (!user) return graphError(res, 400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    req.url = req.url.replace(/^\/me/i, `/users/${encodeURIComponent(user.userPrincipalName)}`);
    next();
  };
}
