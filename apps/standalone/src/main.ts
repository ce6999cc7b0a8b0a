import 'reflect-metadata';
import { bootStandalone } from './compose';

/** `npm start` (bin/run.js standalone): the API, the live gateway and the web app on one URL. */
bootStandalone().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
