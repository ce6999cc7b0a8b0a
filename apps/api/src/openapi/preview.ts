import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@tradebridge/core';
import { ApiModule } from '../api.module';
import { setApiPrefix } from '../app';
import { buildOpenApiDocument } from './document';

/**
 * The API's OpenAPI document, the one served at `/api/docs-json`, built without
 * a database: Nest's preview mode resolves the module graph (controllers,
 * routes, DTOs) without instantiating providers, so nothing connects anywhere.
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
  // Never connected to: preview mode creates no provider.
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://openapi@127.0.0.1:1/openapi', JWT_SECRET: 'openapi-document-only-never-used-for-tokens', LOG_LEVEL: 'error' });
  const app = await NestFactory.create(ApiModule.forRoot(config, config.databaseUrl!), { preview: true, logger: false });
  try {
    setApiPrefix(app);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
