// The browser project reuses the e2e project's database (test/setup/global-setup.mjs).
// When both projects run in one `jest`, the e2e setup has already prepared it: Jest
// runs every project's globalSetup in this one process, so the second must not
// start (and leak) another server.
import globalSetup from '../setup/global-setup.mjs';

export default async function browserGlobalSetup(...args) {
  if (process.env.TB_TEST_DATABASE_URL) return;
  globalThis.__TB_BROWSER_OWNS_DATABASE__ = true;
  await globalSetup(...args);
}
