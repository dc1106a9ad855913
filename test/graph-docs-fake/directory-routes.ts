import express, { type Router } from 'express';
import { APPLICATION, ROOMS } from './directory-examples.ts';

/** Graph's directory as its pages document it: the app's own application object, and the tenant's rooms. */
export function directoryRoutes(): Router {
  const router = express.Router();

  // api-reference/v1.0/api/application-get.md, Example 1, for the app the request names by appId
  // (`GET /applications(appId='{appId}')` on the same page). Express reads parentheses in a path as
  // syntax, so the address is matched as a pattern.
  router.get(/^\/applications\(appId='([^']+)'\)$/, (req, res) => {
    res.json({ ...APPLICATION, appId: decodeURIComponent(String(req.params[0])) });
  });

  // api-reference/v1.0/api/place-list.md, Example 1: both rooms fit its default page of 100, so `$top` changes nothing.
  router.get('/places/microsoft.graph.room', (_req, res) => {
    res.json(ROOMS);
  });

  return router;
}
