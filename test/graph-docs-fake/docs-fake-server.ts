import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { generate } from 'selfsigned';
import { calendarRoutes } from './calendar-routes.ts';
import { directoryRoutes } from './directory-routes.ts';
import { identityRoutes } from './identity-routes.ts';

/** A request as the fake received it, its body parsed (JSON or form). */
export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface DocsFake {
  /** https://127.0.0.1:<port>: the authority host and the Graph URL both. */
  url: string;
  /** Its self-signed certificate, to trust as a CA (PEM). */
  ca: string;
  /** Every request, in order. */
  requests: ReceivedRequest[];
  /** The requests no documented example answers (each got a 501): a client doing only what the docs show makes none. */
  unanswered: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A fake Microsoft made only of the example responses printed in Microsoft's
 * documentation: the opposite of the Graph emulator, which models a tenant.
 * It keeps no state beyond what a request must be answered with, checks no
 * credential, and answers each request with its API page's example (each
 * route names the page). What a client can do with nothing but documented
 * answers is what it can count on from the real service.
 */
export async function startDocsFake(): Promise<DocsFake> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  let origin = '';
  const requests: ReceivedRequest[] = [];
  const unanswered: ReceivedRequest[] = [];

  const app = express();
  app.use(express.json(), express.urlencoded({ extended: false }));
  app.use((req, _res, next) => {
    requests.push({ method: req.method, url: req.originalUrl, headers: req.headers, body: req.body as unknown });
    next();
  });
  app.use(identityRoutes(() => origin));
  app.use('/v1.0', directoryRoutes(), calendarRoutes(() => origin));
  app.use((req, res) => {
    unanswered.push(requests.at(-1)!);
    res.status(501).type('text/plain').send(`No documented example answers ${req.method} ${req.originalUrl}`);
  });

  const server = createServer({ key: pems.private, cert: pems.cert }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    ca: pems.cert,
    requests,
    unanswered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
