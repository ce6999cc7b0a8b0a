import 'reflect-metadata';
import { bootApi } from './boot';

/** The API alone (`node bin/run.js api`): production runs gateways as their own processes. */
bootApi().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
