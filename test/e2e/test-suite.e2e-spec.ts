import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm test` itself on a bare machine: the multi-node and Redis fault tests need a
 * Redis (and start redis-server binaries), so they run only under REDIS_URL; without
 * it, one line says they are skipped and how to run them, and no test that runs
 * needs redis-server.
 */
const ROOT = join(__dirname, '..', '..');
/** A spec that imports the factory starting a redis-server of its own. */
const startsRedis = /import[^;]*\bstartRedis\b[^;]*from '\.\.\/factories\/servers'/;
const SKIPPED = 'Skipping the multi-node, Redis fault and proxied tests: REDIS_URL is unset (run with REDIS_URL=redis://127.0.0.1:6379 npm test)';

/** The e2e specs Jest would run (`--listTests`, which runs nothing) and what it printed. */
function listE2e(redisUrl: string | undefined, projects: string[] = ['e2e']): { specs: string[]; stderr: string } {
  const env = { ...process.env };
  delete env.REDIS_URL;
  if (redisUrl) env.REDIS_URL = redisUrl;
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects', ...projects, '--listTests', '--json'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  return { specs: (JSON.parse(run.stdout) as string[]).map((path) => path.slice(ROOT.length + 1)), stderr: run.stderr };
}

describe('the test suite without and with REDIS_URL', () => {
  it('skips the Redis tests without REDIS_URL, says so once, and runs nothing that starts redis-server', () => {
    const { specs, stderr } = listE2e(undefined);
    expect(stderr.split('\n').filter((line) => line.includes('REDIS_URL'))).toEqual([SKIPPED]);
    expect(specs).toContain('test/e2e/report.e2e-spec.ts');
    expect(specs.filter((spec) => spec.includes('cluster-spec') || startsRedis.test(readFileSync(join(ROOT, spec), 'utf8')))).toEqual([]);
  });

  it('runs them with REDIS_URL, silently', () => {
    const { specs, stderr } = listE2e('redis://127.0.0.1:6379');
    // The check above would see them: these do start redis-server.
    expect(specs.filter((spec) => startsRedis.test(readFileSync(join(ROOT, spec), 'utf8'))).length).toBe(2);
    expect(stderr).not.toContain('REDIS_URL');
    // The proxied browser spec joins them where an nginx binary is found too (jest.config.js).
    expect(specs.filter((spec) => spec.includes('cluster-spec') && !spec.startsWith('test/browser/')).sort()).toEqual([
      'test/faults/gateway-failover.cluster-spec.ts',
      'test/faults/redis-outage.cluster-spec.ts',
      'test/live/meeting-call-two-nodes.cluster-spec.ts',
      'test/live/two-nodes.cluster-spec.ts',
    ]);
  });

  it('says nothing about Redis when only the unit specs run', () => {
    expect(listE2e(undefined, ['unit']).stderr).not.toContain('REDIS_URL');
  });
});
