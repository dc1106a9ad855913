import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { generate } from 'selfsigned';
import { applicationRoutes } from './applications.ts';
import { batchRoute } from './batch.ts';
import { calendarListRoutes } from './calendar-list.ts';
import { calendarRoutes } from './calendar-routes.ts';
import type { EmulatorContext } from './context.ts';
import { cors } from './cors.ts';
import { deltaRoutes } from './delta.ts';
import { graphError, graphErrorHandler } from './errors.ts';
import { faultInjection } from './faults.ts';
import { bearerAuthentication } from './graph-auth.ts';
import { identityPlatform } from './identity.ts';
import { mailboxAccess } from './mailbox-access.ts';
import { meAlias } from './me.ts';
import { placesRoutes } from './places.ts';
import { scheduleRoutes } from './schedule.ts';
import type { EmulatedTenant } from './tenant.ts';

/** The request headers a browser page's Graph client sends. */
const GRAPH_CLIENT_HEADERS = ['Authorization', 'Content-Type', 'Prefer', 'ConsistencyLevel', 'client-request-id', 'SdkVersion'];

export interface GraphEmulator {
  /** https://127.0.0.1:<port>; identity at /<tenant>/..., Graph at /v1.0/... */
  url: string;
  /** The self-signed certificate to trust, as PEM. */
  ca: string;
  close(): Promise<void>;
}

/**
 * Microsoft's identity platform and Graph, as far as Lintel uses them, on
 * HTTPS with a certificate made now (the Graph JS client sends tokens only
 * over https). Response shapes follow Microsoft's documentation; no code in
 * the project ever talks to Microsoft itself. `now`, when given, becomes the
 * tenant's clock, so tests can let tokens, secrets, certificates and delta
 * tokens expire.
 */
export async function startGraphEmulator(tenant: EmulatedTenant, now?: () => number): Promise<GraphEmulator> {
  if (now) tenant.now = now;
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  let origin = '';
  const ctx: EmulatorContext = { tenant, origin: () => origin, ca: pems.cert };
  const identity = await identityPlatform(ctx);

  const graph = express.Router();
  // A preflight carries no token and meets no fault: the browser sends it before the request itself.
  graph.use(cors(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'], GRAPH_CLIENT_HEADERS));
  graph.use(faultInjection(tenant));
  graph.use(bearerAuthentication(tenant, identity.tokens));
  graph.use(express.json());
  graph.post('/$batch', batchRoute(ctx));
  graph.use(meAlias());
  graph.use('/users/:user', mailboxAccess(tenant));
  graph.use(placesRoutes(ctx), calendarRoutes(ctx), calendarListRoutes(ctx), deltaRoutes(ctx), scheduleRoutes(ctx), applicationRoutes(ctx));
  graph.use((req, res) => graphError(res, 400, 'BadRequest', `Resource not found for the segment '${req.path}'.`));
  graph.use(graphErrorHandler);

  const app = express();
  app.use(identity.router);
  app.use('/v1.0', graph);
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    ca: pems.cert,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
