import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { generate } from 'selfsigned';
import { bearerAuthentication, requestLog } from './api-auth.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { directoryRoutes } from './directory-routes.ts';
import { googleErrorHandler } from './errors.ts';
import { faultInjection } from './faults.ts';
import { tokenEndpoint } from './token-endpoint.ts';
import type { EmulatedWorkspace } from './workspace.ts';

export interface GoogleEmulator {
  /** https://127.0.0.1:<port>: the root URL of both APIs (`rootUrl: url + '/'`). */
  url: string;
  /** The OAuth token endpoint, `url + '/token'`; also `token_uri` of the workspace's key files. */
  tokenUrl: string;
  /** The self-signed certificate to trust, as PEM. */
  ca: string;
  close(): Promise<void>;
}

/**
 * Google's OAuth token endpoint for service accounts, Calendar API v3 events
 * and the Admin SDK Directory API's resources, as far as Lintel uses them,
 * on HTTPS with a certificate made now for 127.0.0.1 and localhost. They
 * answer as Google's documentation says (each route cites its page); no code
 * in the project ever talks to Google itself. `now`, when given, becomes the
 * workspace's clock: it decides whether assertions are timely, when access
 * tokens and sync tokens expire, and what `created`/`updated` say.
 */
export async function startGoogleEmulator(workspace: EmulatedWorkspace, now?: () => number): Promise<GoogleEmulator> {
  if (now) workspace.now = now;
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    // Valid whatever clock a test fakes: TLS checks it against the real one.
    notBeforeDate: new Date(Date.UTC(2000, 0, 1)),
    notAfterDate: new Date(Date.UTC(2099, 0, 1)),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });

  const api = express.Router();
  // Quota is counted per user and project (Calendar "Usage limits"), so the token is read before a fault is served.
  api.use(bearerAuthentication(workspace));
  api.use(faultInjection(workspace.faults));
  api.use(express.json());

  const app = express();
  app.use(requestLog(workspace));
  // A fault reaches the token endpoint only when its path names it.
  app.post('/token', faultInjection(workspace.faults, { explicitPathOnly: true }));
  app.use(tokenEndpoint(workspace));
  app.use('/calendar/v3', api, calendarRoutes(workspace));
  app.use('/admin/directory/v1', api, directoryRoutes(workspace));
  app.use(googleErrorHandler);

  const server: Server = createServer({ key: pems.private, cert: pems.cert }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workspace.tokenUrl = `${url}/token`;
  return {
    url,
    tokenUrl: workspace.tokenUrl,
    ca: pems.cert,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
