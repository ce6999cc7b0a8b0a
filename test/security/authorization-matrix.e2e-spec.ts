import { createTestApp, TestApp } from '../factories/app';
import { ACTORS, AuthorizationMatrix, createAuthorizationMatrix } from '../factories/authorization-matrix';

/**
 * Who may call what (issue 7, item 4): every route of the OpenAPI document ×
 * six actors, against the expected status of the table in
 * test/factories/authorization-matrix.ts (shared with the response-contract
 * spec). Denied writes must leave the event's log as it was.
 */
describe('security: the authorization matrix of every route', () => {
  let t: TestApp;
  let matrix: AuthorizationMatrix;

  beforeAll(async () => {
    t = await createTestApp();
    matrix = await createAuthorizationMatrix(t);
  }, 60_000);

  afterAll(() => t.close());

  it('has an expected cell for every route of the OpenAPI document (and no row for a route that is gone)', () => {
    const documented = matrix.ops.map((o) => o.route).sort();
    expect({ withoutRow: documented.filter((r) => !matrix.expected.has(r)), withoutRoute: [...matrix.expected.keys()].filter((r) => !documented.includes(r)) }).toEqual({
      withoutRow: [],
      withoutRoute: [],
    });
    expect(documented.filter((r) => !matrix.calls.has(r))).toEqual([]);
  });

  it('answers each route × actor with the status in the table; denied writes change nothing', async () => {
    let cells = 0;
    const mismatches = await matrix.run(() => {
      cells++;
    });
    console.log(`authorization matrix: ${cells / ACTORS.length} routes × ${ACTORS.length} actors = ${cells} cells`);
    expect(mismatches).toEqual([]);
  }, 180_000);
});
