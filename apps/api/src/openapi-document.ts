import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import { AppLogger, loadConfig } from '@tradebridge/core';
import { ApiModule } from './api.module';
import { describeApi, mountApi } from './app';

/**
 * The API's OpenAPI document on a bare machine (`npm run build` writes it to
 * dist/openapi.json): the same module and prefix as `createApiApp`, but in
 * Nest's preview mode, which builds the module graph and gives controllers
 * their prototypes (all Swagger reads) without instantiating any provider. So
 * nothing connects to a database, signs a token, reads the environment or
 * listens on a port: the URL and the secret below are never used.
 */
export async function buildApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'error' });
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, 'postgres://unused.invalid/preview'), {
    preview: true,
    abortOnError: false,
    logger: new AppLogger(config.logLevel),
  });
  mountApi(app);
  return describeApi(app);
}
