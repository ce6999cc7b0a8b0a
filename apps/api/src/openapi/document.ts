import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document of the API, as served at `/api/docs-json`; `npm run build`
 * writes it to dist/openapi.json (built without a database, preview.ts) and
 * generates the web app's types from it (bin/openapi.js).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
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
}
