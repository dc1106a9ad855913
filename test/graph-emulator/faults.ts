import type { RequestHandler } from 'express';
import { graphError } from './errors.ts';
import type { EmulatedTenant } from './tenant.ts';

/**
 * A fault served to the next Graph request it matches: any request, or with
 * `mailbox` only requests on `/users/{that mailbox}/...`.
 */
export type InjectedFault =
  | { kind: 'throttle'; retryAfterSeconds: number; mailbox?: string }
  | { kind: 'server-error'; status: 500 | 502 | 503 | 504; mailbox?: string }
  /** Delays the request by `ms` of real time, then serves it. */
  | { kind: 'latency'; ms: number; mailbox?: string }
  /** Holds the request, connection open and silent, until `released` settles, then serves it: a Graph that hangs. */
  | { kind: 'stall'; released: Promise<void>; mailbox?: string }
  /** Destroys the socket without an answer. */
  | { kind: 'connection-reset'; mailbox?: string }
  /** Serves the request (a POST creates its event) but the answer never reaches the client: the connection drops instead. */
  | { kind: 'answer-lost'; mailbox?: string };

/**
 * Counts requests per mailbox and serves injected faults, before the token is
 * looked at: Graph throttles and fails requests whatever they carry, and a
 * refused request still counts against the mailbox's budget. A `$batch`
 * envelope is left alone; its sub-requests come back through here one by one.
 */
export function faultInjection(tenant: EmulatedTenant): RequestHandler {
  return async (req, res, next) => {
    if (req.method === 'POST' && req.path.toLowerCase() === '/$batch') return next();
    const mailbox = addressedMailbox(tenant, req.path);
    if (mailbox) tenant.recordRequest(mailbox);
    const index = tenant.faults.findIndex((fault) => fault.mailbox === undefined || fault.mailbox.toLowerCase() === mailbox);
    const [fault] = index < 0 ? [] : tenant.faults.splice(index, 1);
    switch (fault?.kind) {
      case undefined:
        return next();
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        return next();
      case 'stall':
        await fault.released;
        return next();
      case 'connection-reset':
        req.socket.destroy();
        return;
      case 'answer-lost':
        res.end = (() => {
          req.socket.destroy();
          return res;
        }) as typeof res.end;
        return next();
      case 'throttle':
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
        if (fault.mailbox) return graphError(res, 429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.');
        return graphError(res, 429, 'TooManyRequests', 'Too many requests.');
      case 'server-error':
        return graphError(res, fault.status, 'ServiceNotAvailable', 'The service is temporarily unavailable.');
    }
  };
}

/** The mailbox a `/users/{id|address}/...` path addresses, lower case: its address when the tenant knows it. */
export function addressedMailbox(tenant: EmulatedTenant, path: string): string | undefined {
  const segment = /^\/users\/([^/?]+)/i.exec(path)?.[1];
  if (!segment) return undefined;
  const user = decodeURIComponent(segment);
  return (tenant.mailbox(user)?.emailAddress ?? user).toLowerCase();
}
