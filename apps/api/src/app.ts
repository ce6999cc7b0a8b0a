import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppConfig, AppLogger, Clock } from '@tradebridge/core';
import { ApiModule } from './api.module';
import { createValidationPipe } from './http/validation';
import { applyHttpSecurity } from './http/security';
import { buildOpenApiDocument } from './openapi/document';
import { IMPORT_MAX_BYTES, IMPORT_MEDIA_TYPES } from './imports/imports.controller';

/** Builds the API exactly as production runs it; `main.ts` and the e2e tests both use this. */
export async function createApiApp(config: AppConfig, databaseUrl: string, alongside: Type[] = [], clock?: Clock): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, databaseUrl, alongside, clock), {
    logger: new AppLogger(config.logLevel),
    bodyParser: true,
  });
  // The client address (login throttling) and protocol as the proxies in TRUST_PROXY report them.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '256kb' });
  // Spreadsheets sent as the body itself (multipart uploads go through multer in the controller).
  app.use(['/api/events/:id/import', '/api/events/:id/imports'], express.raw({ type: IMPORT_MEDIA_TYPES, limit: IMPORT_MAX_BYTES }));
  setApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  applyHttpSecurity(app, config);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  serveWeb(app, config.webDistDir);
  return app;
}

/** Routes live under `/api`, except `/health` and the calendar feeds (`/calendar/<token>.ics`, what calendar apps fetch); the document built without a database (openapi/preview.ts) mounts them alike. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'calendar/:file', method: RequestMethod.GET },
    ],
  });
}

/** The web app's production build at `/` (one URL serves everything), with SPA fallback. */
function serveWeb(app: NestExpressApplication, distDir: string): void {
  // Until the web app is built, its static placeholder page is served.
  const dir = [distDir, join(process.cwd(), 'apps', 'web', 'public')].find((d) => existsSync(join(d, 'index.html')));
  if (!dir) return;
  // Vite names its assets by content hash, so they may be cached for good; index.html never is,
  // so a new build reaches every browser on its next load. API, socket and health paths never
  // look on disk: a stat per API request showed up in the REST benchmark's profile.
  const assets = express.static(dir, {
    index: false,
    maxAge: '1h',
    setHeaders: (response: Response, path: string) => {
      if (/[\\/]assets[\\/]/.test(path)) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const serverPath = (path: string) => path.startsWith('/api') || path.startsWith('/socket.io') || path === '/health' || path.startsWith('/calendar/');
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (serverPath(request.path)) next();
    else void assets(request, response, next);
  });
  const index = join(dir, 'index.html');
  app.use((request: Request, response: Response, next: NextFunction) => {
    // Client-side routes (/events/…, /meet/<id>) get the app; a missing file (a path with an extension) stays a 404.
    if (request.method !== 'GET' || serverPath(request.path)) return next();
    if (/\.[a-z0-9]+$/i.test(request.path) || !request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
