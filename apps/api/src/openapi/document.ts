import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger';
import { ERROR_RESPONSES, RETRY_AFTER } from '../common/api-errors.decorator';
import { PUBLIC_EXTENSION } from '../http/public.decorator';
import { ErrorResponse } from '../common/responses';
import { documentValidatorConstraints } from './validator-constraints';

/**
 * The OpenAPI document of the API, as served at `/api/docs-json`. The DTOs'
 * validators are copied into it (validator-constraints.ts); then the error
 * answers every route shares are added here, once, rather than on each route:
 * a body can be refused as invalid (400), too large (413) or in an unsupported
 * charset or encoding (415); any parameter can be invalid (400); any route can
 * meet a database outage (503 with Retry-After). Public operations get an
 * explicit `security: []`.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  documentValidatorConstraints();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TradeBridge API')
      .setDescription(
        'Hybrid B2B trade-matchmaking conferences: enterprises, events, venues, sector rooms, registrations. ' + 'Errors are `{ statusCode, code, message, details? }` with a stable `code`.',
      )
      .setVersion('1')
      .setLicense('UNLICENSED', 'https://opensource.org/licenses')
      // Paths carry their `/api` prefix, so the server is the deployment's root, wherever it is reached.
      .addServer('/', 'This deployment (PUBLIC_URL)')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    { extraModels: [ErrorResponse] },
  );
  for (const methods of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = methods[method];
      if (!operation) continue;
      // @Public(): no scheme needed, said explicitly (a generator must not attach a token).
      const marked = operation as OperationObject & Record<string, unknown>;
      if (marked[PUBLIC_EXTENSION]) {
        delete marked[PUBLIC_EXTENSION];
        operation.security = [];
      }
      addSharedErrors(operation);
    }
  }
  return document;
}

function addSharedErrors(operation: OperationObject): void {
  const statuses: number[] = [];
  if (operation.requestBody) statuses.push(400, 413, 415);
  if ((operation.parameters ?? []).length > 0) statuses.push(400);
  statuses.push(503);
  for (const status of statuses) {
    if (operation.responses[status]) continue;
    const response: ResponseObject = { description: ERROR_RESPONSES[status], content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } } };
    if (status === 503) response.headers = { 'Retry-After': RETRY_AFTER };
    operation.responses[status] = response;
  }
}
