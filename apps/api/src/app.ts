import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig, AppLogger } from '@tradebridge/core';
import { ApiModule } from './api.module';
import { createValidationPipe } from './http/validation';

/** Builds the API exactly as production runs it; `main.ts` and the e2e tests both use this. */
export async function createApiApp(config: AppConfig, databaseUrl: string, alongside: Type[] = []): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, databaseUrl, alongside), {
    logger: new AppLogger(config.logLevel),
    bodyParser: true,
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '256kb' });
  app.setGlobalPrefix('api', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TradeBridge API')
      .setDescription(
        'Hybrid B2B trade-matchmaking conferences: enterprises, events, venues, sector rooms, registrations. ' +
          'Errors are `{ statusCode, code, message, details? }` with a stable `code`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  serveWeb(app, config.webDistDir);
  return app;
}

/** The web app's production build at `/` (one URL serves everything), with SPA fallback. */
function serveWeb(app: NestExpressApplication, distDir: string): void {
  // Until the web app is built, its static placeholder page is served.
  const dir = [distDir, join(process.cwd(), 'apps', 'web', 'public')].find((d) => existsSync(join(d, 'index.html')));
  if (!dir) return;
  app.useStaticAssets(dir, { index: 'index.html', maxAge: '1h' });
  const index = join(dir, 'index.html');
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.path.startsWith('/api') || request.path === '/health' || !request.accepts('html')) return next();
    response.sendFile(index);
  });
}
