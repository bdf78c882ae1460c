import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { createActivity, createContact, createCustomer } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call } from './support/http.js';
import { snapshot } from './support/snapshot.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What another site's page can make a browser send (issue 10: a body-less cross-site restore succeeded). */
const HOSTILE: { name: string; headers: Record<string, string> }[] = [
  { name: 'a cross-site page', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
  { name: 'an Origin only (no Fetch Metadata)', headers: { origin: 'https://evil.example' } },
  { name: 'Fetch Metadata only (no Origin)', headers: { 'sec-fetch-site': 'cross-site' } },
  { name: 'a sandboxed frame (Origin: null)', headers: { origin: 'null' } },
  { name: 'another local port (same-site)', headers: { origin: 'http://127.0.0.1:9999', 'sec-fetch-site': 'same-site' } },
];

/** Every route that changes state, from the app's own route table: a route added later is covered the day it exists. */
function stateChangingRoutes(t: TestApp): { method: string; url: string }[] {
  const seen = new Set<string>();
  return t.app.routeTable.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (!STATE_CHANGING.has(r.method) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

describe.each(DATABASES)('cross-site requests on $name', (database) => {
  let t: TestApp;
  let trashedCustomer: number;
  beforeAll(async () => {
    t = await startApp(database);
    // Records every :id route could act on, so a request that got through would change something.
    const customer = await createCustomer(t.app);
    await createContact(t.app, customer.id);
    await createActivity(t.app, { customerId: customer.id });
    const trashed = await createCustomer(t.app);
    await call(t.app, 'DELETE', `/api/v1/customers/${trashed.id}`);
    trashedCustomer = trashed.id;
  });
  afterAll(async () => { await t?.close(); });

  const fill = (url: string, id: number) => url.replace(':key', 'customer-type').replace(/:id/g, String(id));

  it('the route table lists the state-changing routes of every entity', () => {
    const urls = stateChangingRoutes(t).map((r) => `${r.method} ${r.url}`);
    for (const e of ENTITIES) {
      expect(urls).toContain(`POST /api/v1/${e.path}`);
      expect(urls).toContain(`POST /api/v1/${e.path}/:id/restore`);
      expect(urls).toContain(`DELETE /api/v1/${e.path}/:id`);
    }
    expect(urls.length).toBeGreaterThan(30);
  });

  it('every state-changing route refuses another site with 403 problem+json and changes nothing', async () => {
    const before = await snapshot(t.app.database);
    for (const route of stateChangingRoutes(t)) {
      for (const hostile of HOSTILE) {
        for (const id of [1, trashedCustomer]) {
          const res = await t.app.inject({
            method: route.method as 'POST',
            url: fill(route.url, id),
            headers: { host: '127.0.0.1:3000', ...hostile.headers },
            ...(route.method === 'DELETE' ? {} : { payload: { name: 'Changed by another site', subject: 'x', customerId: 1, version: 1 } }),
          });
          expect(res.statusCode, `${route.method} ${route.url} from ${hostile.name}: ${res.body}`).toBe(403);
          expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
          expect(res.body).not.toMatch(/at .*\.ts:\d+/);
        }
      }
    }
    expect(await snapshot(t.app.database)).toBe(before);
  });

  it('the app\'s own pages and clients without a browser keep working', async () => {
    const ownPage = { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' };
    const restored = await t.app.inject({ method: 'POST', url: `/api/v1/customers/${trashedCustomer}/restore`, headers: ownPage });
    expect(restored.statusCode, restored.body).toBe(200);
    const viaLocalhost = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { host: 'localhost:3000', origin: 'http://localhost:3000' }, payload: { name: 'From localhost' } });
    expect(viaLocalhost.statusCode, viaLocalhost.body).toBe(201);
    // The user typed the URL or followed a bookmark: Sec-Fetch-Site none.
    const typed = await t.app.inject({ method: 'DELETE', url: `/api/v1/customers/${trashedCustomer}`, headers: { host: '127.0.0.1:3000', 'sec-fetch-site': 'none' } });
    expect(typed.statusCode).toBe(204);
    // curl, scripts, the CLI: no Origin, no Fetch Metadata.
    expect((await call(t.app, 'POST', '/api/v1/customers', { name: 'From a script' })).status).toBe(201);
    // Reading is never refused: another site cannot read the answer anyway (no CORS headers).
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { host: '127.0.0.1:3000', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });
});
