import { previewOpenApiDocument } from './preview';

/**
 * `npm run build` writes the document clients generate from (dist/openapi.json,
 * and from it the web app's types) on a bare machine: no PostgreSQL, no secret,
 * no port. The unit project has no database, so this builds it exactly there.
 */
describe('previewOpenApiDocument', () => {
  it('builds the whole document without a database, with the paths the server routes', async () => {
    const doc = await previewOpenApiDocument();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('TradeBridge API');
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining(['GET /health', 'POST /api/auth/login', 'GET /api/me', 'GET /api/events/{id}/rooms', 'POST /api/events/{id}/rooms', 'GET /api/events/{id}/report']),
    );
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(expect.arrayContaining(['CreateEventRequest', 'EventResponse']));
  });
});
