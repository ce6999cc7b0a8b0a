import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { previewOpenApiDocument } from './preview';

/** `node bin/run.js openapi <file>`: writes the OpenAPI document without a database (`npm run lint:openapi` lints it). */
const file = process.argv[3];
if (!file) {
  console.error('usage: node bin/run.js openapi <file.json>');
  process.exit(2);
}
previewOpenApiDocument()
  .then((document) => writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
