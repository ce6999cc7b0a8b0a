/**
 * Resolves the @tradebridge/* paths against dist/ in a benchmark child process
 * (bench/run.js does the same for the benchmark itself). Import it first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';

// dist/bench/gateway/register.js → dist/ and the repository's tsconfig.json.
const dist = join(__dirname, '..', '..');
const { compilerOptions } = JSON.parse(readFileSync(join(dist, '..', 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
register({ baseUrl: dist, paths: compilerOptions.paths });
