import type { NextFunction, Request, Response } from 'express';
import { sameSecret } from '../same-secret.ts';
import { sendError } from './send-error.ts';

/** 127.0.0.0/8, also as a dual-stack socket sees it (`::ffff:127.0.0.1`), and ::1. */
const LOOPBACK = /^(?:::ffff:)?127(?:\.\d{1,3}){3}$|^::1$/i;

/**
 * Who may read /api/metrics: they tell which rooms are in use and how the
 * bridge stands, not for everyone on the network. With LINTEL_METRICS_TOKEN
 * set, whoever sends it as a bearer token (a Prometheus server, from
 * anywhere); unset, only this machine.
 */
export function requireMetricsAccess(token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (token === undefined) {
      if (fromThisMachine(req)) return next();
      return sendError(res, 'forbidden', 'The metrics are served to this machine only: to scrape them from elsewhere, set LINTEL_METRICS_TOKEN on the bridge and send it as `Authorization: Bearer <token>`.');
    }
    const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (given !== undefined && sameSecret(token, given)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer');
    sendError(res, 'unauthorized', given === undefined ? 'Send the metrics token (LINTEL_METRICS_TOKEN) as `Authorization: Bearer <token>`.' : 'That is not the metrics token (LINTEL_METRICS_TOKEN) of this bridge.');
  };
}

function fromThisMachine(req: Request): boolean {
  // The connection's own peer, not req.ip: with `trust proxy` unset (it is) they agree, but were it ever set for a
  // reverse proxy, req.ip would come from X-Forwarded-For, which any client can write.
  const peer = req.socket.remoteAddress ?? '';
  // A proxy on this machine relays requests from anywhere, and says so in these headers: such a request is not local.
  const relayed = req.get('forwarded') !== undefined || req.get('x-forwarded-for') !== undefined;
  return LOOPBACK.test(peer) && !relayed;
}
