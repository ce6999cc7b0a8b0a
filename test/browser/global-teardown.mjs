// Tears down only what test/browser/global-setup.mjs started itself.
import globalTeardown from '../setup/global-teardown.mjs';

export default async function browserGlobalTeardown(...args) {
  if (!globalThis.__TB_BROWSER_OWNS_DATABASE__) return;
  await globalTeardown(...args);
}
