import { urlOf } from './url';

/** The URLs the typed client sends: the document's path templates filled in, the query from the defined entries. */
describe('urlOf', () => {
  it('fills every {parameter} of a document path, encoded', () => {
    expect(urlOf('/api/events/{id}/registrations/{rid}', { path: { id: 'e 1', rid: 'a/b?c#d' } })).toBe('/api/events/e%201/registrations/a%2Fb%3Fc%23d');
  });

  it('refuses a path whose parameter has no value, rather than calling /api/events/undefined', () => {
    expect(() => urlOf('/api/events/{id}', { path: {} })).toThrow('/api/events/{id}: no value for {id}');
  });

  it('sends the defined query entries only, repeating an array, encoded', () => {
    expect(urlOf('/api/events', { query: { status: undefined, limit: 200, q: '', flag: false, none: null, q2: 'Cà phê & trà' } })).toBe(
      '/api/events?limit=200&flag=false&q2=C%C3%A0+ph%C3%AA+%26+tr%C3%A0',
    );
    expect(urlOf('/api/enterprises', { query: { sector: ['09', '10'] } })).toBe('/api/enterprises?sector=09&sector=10');
  });

  it('leaves a path without parameters or query as it is', () => {
    expect(urlOf('/api/me')).toBe('/api/me');
    expect(urlOf('/api/me', { query: { limit: undefined } })).toBe('/api/me');
  });
});
