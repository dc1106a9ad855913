import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { compressAnswers } from './compress-answers.ts';
import type { Logger } from '../logger.ts';
import type { OriginCheck } from './allowed-origin.ts';
import { createApiRouter, type ApiDeps } from './api-router.ts';
import { answerErrors } from './error-answer.ts';
import { foreignOriginGuard } from './foreign-origin-guard.ts';
import { precompressedSuffix, servePrecompressed } from './precompressed-files.ts';
import { refuseUndecodablePath } from './undecodable-path.ts';

export interface AppDeps extends ApiDeps {
  logger: Logger;
  webDir: string;
  /** Origins besides the bridge the page may fetch from: Microsoft's sign-in and Graph, for the admin page. */
  connectSources: string[];
  /** Whose pages may change things through the API (walk-up actions, the admin API). */
  origins: OriginCheck;
}

/**
 * The bridge's HTTP surface: the API under /api and the built web app for
 * every other path (the app routes `/` and `/rooms/:id` itself).
 */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", ...deps.connectSources],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Displays reach a bridge on the LAN over plain HTTP: never force HTTPS on them.
      strictTransportSecurity: false,
    }),
  );
  app.use(refuseUndecodablePath);
  app.use('/api', compressAnswers, foreignOriginGuard(deps.origins, deps.logger), createApiRouter(deps));
  app.use(webApp(deps.webDir));
  app.use(answerErrors(deps.logger));
  return app;
}

function webApp(webDir: string): express.RequestHandler {
  const index = join(webDir, 'index.html');
  const router = express.Router();
  const assets = join(webDir, 'assets');
  // Hashed file names change with their content, so they can be cached for good.
  router.use('/assets', servePrecompressed(assets), express.static(assets, { immutable: true, maxAge: '1y', fallthrough: false }));
  router.use(servePrecompressed(webDir), express.static(webDir, { index: false, maxAge: 0 }));
  router.get('/{*path}', (req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built yet: run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index + precompressedSuffix(req, res, index));
  });
  return router;
}
