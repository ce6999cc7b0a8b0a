import type { EventView } from '@tradebridge/contracts';
import { api, type RequestBody, type ResponseBody } from './client';

/**
 * Compile-time tests of the typed client, checked by the web typecheck
 * (`npm run typecheck`, `npm test`) and never run or bundled: each
 * `@ts-expect-error` line must stay an error, or the typecheck fails.
 */
export function typedClientChecks(id: string): void {
  // The document's paths, with their own parameters and bodies, are fine.
  void api.get('/api/events/{id}', { path: { id } });
  void api.get('/api/events', { query: { status: 'live', limit: 10 } });
  void api.get('/api/me');
  void api.post('/api/events/{id}/check-ins', { path: { id }, body: { badgeCode: 'B-1' } });
  void api.delete('/api/events/{id}/staff/{userId}', { path: { id, userId: id } });

  // @ts-expect-error a path the API does not have
  void api.get('/api/nowhere');
  // @ts-expect-error a method the path does not have
  void api.delete('/api/me');
  // @ts-expect-error a path parameter left out
  void api.get('/api/events/{id}', {});
  // @ts-expect-error no argument where a path parameter is needed
  void api.get('/api/events/{id}');
  // @ts-expect-error a query value outside the parameter's enum
  void api.get('/api/events', { query: { status: 'open' } });
  // @ts-expect-error a query parameter the route does not take
  void api.get('/api/events', { query: { colour: 'red' } });
  // @ts-expect-error a body left out where one is required
  void api.post('/api/events/{id}/check-ins', { path: { id } });
  // @ts-expect-error a body missing a required field
  void api.post('/api/events/{id}/check-ins', { path: { id }, body: {} });
}

// Bodies and answers are the document's: a 204 answers nothing, a create answers the resource.
const noContent: ResponseBody<'/api/events/{id}/staff/{userId}', 'delete'> = undefined;
const checkIn: RequestBody<'/api/events/{id}/check-ins', 'post'> = { badgeCode: 'B-1' };
// @ts-expect-error an event's answer is not a page of events
const notAPage: ResponseBody<'/api/events', 'get'> = {} as unknown as ResponseBody<'/api/events/{id}', 'get'>;
// The answer keeps the fields of the contracts' view (name, status, …), whatever the document still gets wrong about others.
const event: Pick<EventView, 'id' | 'name' | 'status' | 'timezone'> = {} as ResponseBody<'/api/events/{id}', 'get'>;
void [noContent, checkIn, notAPage, event];
