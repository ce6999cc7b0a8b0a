import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * One composition root for "the API and the live gateway in one process":
 * apps/standalone/src/compose.ts. `npm start` (bin/run.js standalone), the demo
 * (bin/run.js demo) and the browser tests' server all take it from there,
 * so none of them wires the gateway's module, adapter or farewell itself.
 */
const ROOT = join(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts')).map((name) => join(dir, name));
}

describe('the standalone composition root', () => {
  it('is the only place outside the gateway that mounts the gateway beside the API', () => {
    const wiring = /LiveGatewayModule|RealtimeAdapter|\.farewell\(/;
    const candidates = [...files('apps/api/src'), ...files('apps/demo/src'), ...files('apps/standalone/src'), ...files('test'), ...files('bench')];
    const found = candidates.filter((path) => wiring.test(readFileSync(join(ROOT, path), 'utf8'))).map((p) => relative(ROOT, join(ROOT, p)));
    expect(found).toEqual([join('apps', 'standalone', 'src', 'compose.ts')]);
  });

  it('is what bin/run.js runs for standalone and, through the demo, for demo', () => {
    const run = readFileSync(join(ROOT, 'bin', 'run.js'), 'utf8');
    expect(run).toMatch(/standalone: 'apps\/standalone\/src\/main\.js'/);
    expect(readFileSync(join(ROOT, 'apps', 'standalone', 'src', 'main.ts'), 'utf8')).toMatch(/from '\.\/compose'/);
    expect(readFileSync(join(ROOT, 'apps', 'demo', 'src', 'main.ts'), 'utf8')).toMatch(/from '\.\.\/\.\.\/standalone\/src\/compose'/);
  });
});
