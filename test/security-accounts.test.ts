import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import type { EntityDef } from '../src/shared/entity/define.js';
import { as, makeTeam, makeToken, makeUser, PASSWORD, roleId, sessionOf, setupAdmin, signIn, type Session, type Who } from './support/accounts.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call } from './support/http.js';
import { multipartBody } from './support/multipart.js';
import { sampleBody } from './support/samples.js';
import { snapshot } from './support/snapshot.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The auth routes anyone may call without a CSRF token: there is no session to protect yet, or it is ending. */
const CSRF_EXEMPT = new Set(['/api/v1/auth/sign-in', '/api/v1/auth/setup', '/api/v1/auth/sign-out']);
/**
 * Writes a read-only token may still make: the user's own preferences and the log of what they did,
 * which change no record, no installation setting and no one else's data.
 */
const OWN_PREFERENCES = new Set(['PUT /api/v1/lab/student', 'POST /api/v1/usage']);
const STACK = /at .*\.(ts|js):\d+|node_modules|\n\s+at /;

/** Every answer of this file: never a 5xx, never a stack trace. */
function sane(res: { status: number; raw: string }, what: string): void {
  expect(res.status, `${what}: ${res.raw.slice(0, 300)}`).toBeLessThan(500);
  expect(res.raw, what).not.toMatch(STACK);
}

/** Each route once, per method, from the app's own route table (a route added later is covered the day it exists). */
function routes(t: TestApp): { method: Method; url: string }[] {
  const seen = new Set<string>();
  return t.app.routeTable.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (r.method === 'HEAD' || seen.has(key)) return false;
    seen.add(key);
    return true;
  }) as { method: Method; url: string }[];
}

/** Sign-in straight through inject, from a chosen address (the per-address limit counts by it). */
async function signInFrom(t: TestApp, address: string, email: string, password: string, cookie?: string) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/auth/sign-in', remoteAddress: address, payload: { email, password },
    ...(cookie ? { headers: { cookie: `rapport_session=${cookie}` } } : {}),
  });
  let body: unknown = null;
  try { body = JSON.parse(res.body); } catch { body = null; }
  const out = { status: res.statusCode, body: body as Record<string, unknown>, headers: res.headers, raw: res.body };
  sane(out, `sign-in ${email} from ${address}`);
  return out;
}

/** A plain text field of the entity that any edit may change (the one the write attempts and the restore use). */
function textField(e: EntityDef): string {
  const found = Object.entries(e.fields).find(([, f]) => (f.kind === 'text' || f.kind === 'longtext') && !f.unique && !f.readOnly && !f.when && !f.translatable);
  if (!found) throw new Error(`${e.name} has no plain text field`);
  return found[0];
}

async function req<T = Record<string, unknown>>(t: TestApp, who: Who, method: Method, url: string, payload?: unknown) {
  const res = await as<T>(t.app, who, method, url, payload);
  sane(res, `${method} ${url}`);
  return res;
}

describe.each(DATABASES)('account security on $name', (database) => {
  let t: TestApp;
  let admin: Session;
  /** One live and one trashed record of every entity, all owned by `owner` (a representative in team A). */
  const live = new Map<string, number>();
  const trashed = new Map<string, number>();
  /** A valid create body of every entity, made while sample data could still be created without signing in. */
  const createBodies = new Map<string, Record<string, unknown>>();
  let attachmentId: number;
  let owner: Session;
  let teammate: Session;
  let stranger: Session;

  beforeAll(async () => {
    t = await startApp(database);
    // Before the administrator exists the app acts as its local user: the fixtures are made the simple way.
    for (const e of ENTITIES) {
      createBodies.set(e.name, await sampleBody(t.app, e, `Sec new ${e.name}`, true));
      for (const target of [live, trashed]) {
        const res = await call<{ id: number }>(t.app, 'POST', `/api/v1/${e.path}`, await sampleBody(t.app, e, `Sec ${e.name}`));
        if (res.status !== 201) throw new Error(`${e.name}: ${res.status} ${res.raw}`);
        target.set(e.name, res.body.id);
      }
      expect((await call(t.app, 'DELETE', `/api/v1/${e.path}/${trashed.get(e.name)}`)).status).toBe(204);
      // An edit, so the record's Changes has an entry whose earlier value a restore could bring back.
      const got = await call<{ version: number }>(t.app, 'GET', `/api/v1/${e.path}/${live.get(e.name)}`);
      const edited = await call(t.app, 'PATCH', `/api/v1/${e.path}/${live.get(e.name)}`, { version: got.body.version, [textField(e)]: 'Edited once' });
      if (edited.status !== 200) throw new Error(`${e.name} edit: ${edited.status} ${edited.raw}`);
    }
    const { payload, contentType } = await multipartBody([{ name: 'note.txt', data: 'secret minutes', type: 'text/plain' }]);
    const up = await t.app.inject({ method: 'POST', url: `/api/v1/customers/${live.get('customer')}/attachments`, payload, headers: { 'content-type': contentType } });
    if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
    attachmentId = (JSON.parse(up.body) as { items: { id: number }[] }).items[0].id;

    admin = await setupAdmin(t.app);
    const rep = await roleId(t.app, admin, 'salesRep');
    const teamA = await makeTeam(t.app, admin, 'Team A');
    const teamB = await makeTeam(t.app, admin, 'Team B');
    owner = await makeUser(t.app, admin, 'owner@example.com', [rep], teamA);
    teammate = await makeUser(t.app, admin, 'teammate@example.com', [rep], teamA);
    stranger = await makeUser(t.app, admin, 'stranger@example.com', [rep], teamB);
    // Every record of every entity (the fixtures and what they refer to) now belongs to the owner.
    for (const e of ENTITIES) await sql`UPDATE ${sql.table(e.table)} SET owner_id = ${owner.userId}`.execute(t.app.database.kysely);
  });
  afterAll(async () => { await t?.close(); });

  /** A route's URL with real ids: an entity's :id is its live fixture, any other :id the attachment. */
  const fill = (url: string) => url
    .replace(':key', 'customer-type').replace(':name', 'none.db').replace(':entryId', '1')
    .replace(/^\/api\/v1\/([a-z-]+)\/:id/, (whole, path: string) => {
      const e = ENTITIES.find((x) => x.path === path);
      return e ? `/api/v1/${path}/${live.get(e.name)}` : whole;
    })
    .replace(/:id/g, String(attachmentId));

  /** Bodies that would be accepted from someone allowed, so a refusal is the access check and not the schema. */
  async function bodyFor(e: EntityDef, method: Method, url: string, id: number): Promise<unknown> {
    const version = Number((await t.app.database.kysely.selectFrom(e.table as 'customers').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1);
    const text = textField(e);
    const suffix = url.slice(`/api/v1/${e.path}/:id`.length);
    if (suffix === '') return method === 'PATCH' ? { version, [text]: 'Changed by another team' } : undefined;
    if (suffix === '/changes/:entryId/restore') return { field: text, version };
    if (suffix === '/members') return method === 'PATCH' ? { add: [live.get('customer')] } : { customerIds: [live.get('customer')] };
    if (suffix === '/end') return { outcome: 'Ended by another team' };
    if (suffix === '/reject') return { reason: 'Rejected by another team' };
    return {};
  }

  async function entryOf(e: EntityDef, id: number): Promise<number> {
    const { rows } = await sql<{ id: number }>`SELECT id FROM audit_log WHERE entity = ${e.name} AND record_id = ${id} ORDER BY id DESC LIMIT 1`.execute(t.app.database.kysely);
    return Number(rows[0]?.id ?? 1);
  }


  describe('session fixation', () => {
    it('a cookie planted before sign-in is not the session after it, and grants nothing', async () => {
      const planted = 'planted-by-someone-else-0123456789abcdef';
      const res = await signInFrom(t, '10.0.1.1', 'owner@example.com', PASSWORD, planted);
      expect(res.status).toBe(200);
      const s = sessionOf(res);
      expect(s.cookie).not.toBe(planted);
      const withPlanted = await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { cookie: `rapport_session=${planted}` } });
      expect(withPlanted.statusCode).toBe(401);
      expect((await req(t, s, 'GET', '/api/v1/customers')).status).toBe(200);
    });

    it('signing in again gives a new session id and the old one stops working', async () => {
      const first = await signIn(t.app, 'teammate@example.com');
      const again = await t.app.inject({
        method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'teammate@example.com', password: PASSWORD },
        headers: { cookie: `rapport_session=${first.cookie}`, 'x-csrf-token': first.csrf },
      });
      expect(again.statusCode, again.body).toBe(200);
      const second = sessionOf({ headers: again.headers, body: JSON.parse(again.body) });
      expect(second.cookie).not.toBe(first.cookie);
      expect(second.csrf).not.toBe(first.csrf);
      expect((await req(t, first, 'GET', '/api/v1/customers')).status).toBe(401);
      const me = await req<{ signedIn: boolean }>(t, first, 'GET', '/api/v1/auth/me');
      expect(me.body.signedIn).toBe(false);
      expect((await req(t, second, 'GET', '/api/v1/customers')).status).toBe(200);
      teammate = second;
    });

    it('the session cookie is HttpOnly and SameSite=Lax', async () => {
      const res = await signInFrom(t, '10.0.1.2', 'stranger@example.com', PASSWORD);
      const cookie = String([res.headers['set-cookie']].flat()[0]);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      stranger = sessionOf(res);
    });
  });

  describe('CSRF', () => {
    it('every state change with a session cookie but no (or a wrong) x-csrf-token is a 403 that changes nothing', async () => {
      const session = await signIn(t.app, 'admin@example.com', 'correct horse battery');
      const changing = routes(t).filter((r) => WRITES.has(r.method) && r.url.startsWith('/api/v1/') && !CSRF_EXEMPT.has(r.url));
      expect(changing.length).toBeGreaterThan(60);
      const before = await snapshot(t.app.database);
      for (const route of changing) {
        for (const token of [undefined, 'wrong-token', '']) {
          const res = await t.app.inject({
            method: route.method, url: fill(route.url),
            headers: { cookie: `rapport_session=${session.cookie}`, ...(token === undefined ? {} : { 'x-csrf-token': token }) },
            ...(route.method === 'DELETE' ? {} : { payload: { name: 'Changed without the token', version: 1, active: false, password: 'another long password' } }),
          });
          const what = `${route.method} ${route.url} with ${token === undefined ? 'no token' : `token "${token}"`}`;
          sane({ status: res.statusCode, raw: res.body }, what);
          expect(res.statusCode, `${what}: ${res.body}`).toBe(403);
          expect(String(res.headers['content-type']), what).toMatch(/application\/problem\+json/);
        }
      }
      // Another user's token does not do either.
      const other = await req(t, { ...session, csrf: stranger.csrf }, 'PATCH', `/api/v1/customers/${live.get('customer')}`, { name: 'x', version: 1 });
      expect(other.status).toBe(403);
      expect(await snapshot(t.app.database)).toBe(before);
      // With the right token the same session changes things.
      expect((await req(t, session, 'POST', '/api/v1/teams', { name: 'Made with the token' })).status).toBe(201);
    });
  });

  describe('brute force', () => {
    it('five wrong passwords lock the account (429), and the right one is refused while it is locked', async () => {
      await makeUser(t.app, admin, 'victim@example.com', [await roleId(t.app, admin, 'viewer')]);
      const wrong: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await signInFrom(t, '10.0.2.1', 'victim@example.com', `wrong password ${i}`);
        expect(res.status).toBe(401);
        wrong.push(String(res.body.detail));
      }
      expect(new Set(wrong).size).toBe(1);
      const locked = await signInFrom(t, '10.0.2.1', 'victim@example.com', `wrong password 5`);
      expect(locked.status).toBe(429);
      expect(String(locked.body.detail)).toMatch(/Too many sign-in attempts\. Try again in \d+ minutes?\./);
      // The right password, and from another address: still locked (the account is what is counted).
      expect((await signInFrom(t, '10.0.2.1', 'victim@example.com', PASSWORD)).status).toBe(429);
      const elsewhere = await signInFrom(t, '10.0.2.2', 'VICTIM@example.com ', PASSWORD);
      expect(elsewhere.status).toBe(429);
      expect(elsewhere.headers['set-cookie']).toBeUndefined();

      // An email without an account answers exactly the same, attempt for attempt.
      for (let i = 0; i < 5; i += 1) {
        const res = await signInFrom(t, '10.0.2.3', 'nobody@example.com', `wrong password ${i}`);
        expect(res.status).toBe(401);
        expect(String(res.body.detail)).toBe(wrong[0]);
      }
      const ghost = await signInFrom(t, '10.0.2.3', 'nobody@example.com', 'wrong password 5');
      expect(ghost.status).toBe(429);
      expect(ghost.body.detail).toBe(locked.body.detail);
      expect(Object.keys(ghost.body).sort()).toEqual(Object.keys(locked.body).sort());

    });

    it('one address failing 30 times is refused for every account, other addresses are not', async () => {
      for (let i = 0; i < 30; i += 1) {
        const res = await signInFrom(t, '10.0.3.1', `guess${i % 6}@example.com`, 'wrong password');
        expect(res.status, `attempt ${i}`).toBe(i < 30 ? 401 : 429);
      }
      const next = await signInFrom(t, '10.0.3.1', 'owner@example.com', PASSWORD);
      expect(next.status).toBe(429);
      expect(next.headers['set-cookie']).toBeUndefined();
      expect((await signInFrom(t, '10.0.3.2', 'owner@example.com', PASSWORD)).status).toBe(200);
    });
  });

  describe('IDOR: a representative of another team', () => {
    const idRoutes = (t: TestApp, e: EntityDef) => routes(t).filter((r) => r.url === `/api/v1/${e.path}/:id` || r.url.startsWith(`/api/v1/${e.path}/:id/`));

    it('the route table has the record routes and the module routes', () => {
      const all = ENTITIES.flatMap((e) => idRoutes(t, e).map((r) => `${r.method} ${r.url}`));
      for (const r of ['POST /api/v1/customer-groups/:id/members', 'POST /api/v1/activities/:id/end', 'POST /api/v1/opportunities/:id/convert',
        'POST /api/v1/customers/:id/changes/:entryId/restore', 'POST /api/v1/customers/:id/attachments', 'GET /api/v1/contacts/:id/vcard']) expect(all).toContain(r);
    });

      /** Every /:id route of an entity with its URL for the live record (the trashed one for restore) and its latest audit entry. */
    const targets = async (e: (typeof ENTITIES)[number]) => {
      const entry = String(await entryOf(e, live.get(e.name) ?? 0));
      return idRoutes(t, e).map((route) => {
        const id = route.url.endsWith('/:id/restore') ? trashed.get(e.name) ?? 0 : live.get(e.name) ?? 0;
        return { route, id, url: route.url.replace(':id', String(id)).replace(':entryId', entry), what: `${route.method} ${route.url} (${e.name} ${id})` };
      });
    };

  for (const e of ENTITIES) {
      it(`${e.name}: every /:id route is a 404 to read and refused to write, and nothing changes`, async () => {
        const before = await snapshot(t.app.database);
        for (const { route, id, url, what } of await targets(e)) {
          if (route.method === 'GET') {
            const res = await req(t, stranger, 'GET', url);
            expect(res.status, `${what}: ${res.raw.slice(0, 300)}`).toBe(404);
            continue;
          }
          let status: number;
          let raw: string;
          if (route.url.endsWith('/attachments')) {
            const { payload, contentType } = await multipartBody([{ name: 'x.txt', data: 'from another team', type: 'text/plain' }]);
            const res = await t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType, cookie: `rapport_session=${stranger.cookie}`, 'x-csrf-token': stranger.csrf } });
            status = res.statusCode;
            raw = res.body;
            sane({ status, raw }, what);
          } else {
            const res = await req(t, stranger, route.method, url, await bodyFor(e, route.method, route.url, id));
            status = res.status;
            raw = res.raw;
          }
          expect([403, 404], `${what}: ${status} ${raw.slice(0, 300)}`).toContain(status);
          // A refusal never carries the record (a 409 with `current` would).
          expect(raw, what).not.toContain('"current"');
        }
        expect(await snapshot(t.app.database)).toBe(before);
      });

      it(`${e.name}: a teammate reads every /:id route and may not change what the owner owns`, async () => {
        const before = await snapshot(t.app.database);
        for (const { route, id, url, what } of await targets(e)) {
          if (route.method === 'GET') {
            const res = await req(t, teammate, 'GET', url);
            // A representative exports only their own records (export: own), though they read the team's.
            expect(res.status, `${what}: ${res.raw.slice(0, 300)}`).toBe(route.url.endsWith('/export') ? 403 : 200);
            continue;
          }
          if (route.url.endsWith('/attachments')) continue;
          const res = await req(t, teammate, route.method, url, await bodyFor(e, route.method, route.url, id));
          expect([403, 404], `${what}: ${res.status} ${res.raw.slice(0, 300)}`).toContain(res.status);
          expect(res.raw, what).not.toContain('"current"');
        }
        expect(await snapshot(t.app.database)).toBe(before);
      });
    }

    it('one attachment by its id: a 404 to read and to delete for another team', async () => {
      const before = await snapshot(t.app.database);
      expect((await req(t, stranger, 'GET', `/api/v1/attachments/${attachmentId}`)).status).toBe(404);
      expect((await req(t, stranger, 'DELETE', `/api/v1/attachments/${attachmentId}`)).status).toBe(404);
      expect((await req(t, teammate, 'DELETE', `/api/v1/attachments/${attachmentId}`)).status).toBe(403);
      expect(await snapshot(t.app.database)).toBe(before);
      expect((await req(t, teammate, 'GET', `/api/v1/attachments/${attachmentId}`)).status).toBe(200);
    });

    it('the owner still reads and changes their own customer', async () => {
      const id = live.get('customer');
      const got = await req<{ version: number }>(t, owner, 'GET', `/api/v1/customers/${id}`);
      expect(got.status).toBe(200);
      const patched = await req(t, owner, 'PATCH', `/api/v1/customers/${id}`, { version: got.body.version, city: 'Busan' });
      expect(patched.status, patched.raw).toBe(200);
    });
  });

  describe('API tokens', () => {
    it('a token with the Viewer role reads, and every write is a 403', async () => {
      const token = await makeToken(t.app, admin, 'read only', await roleId(t.app, admin, 'viewer'));
      const who = { token };
      expect((await req(t, who, 'GET', '/api/v1/customers')).status).toBe(200);
      expect((await req(t, who, 'GET', `/api/v1/customers/${live.get('customer')}`)).status).toBe(200);
      const before = await snapshot(t.app.database);
      const bodies: Record<string, unknown> = {
        'POST /api/v1/api-tokens': { name: 'escalated', roleId: await roleId(t.app, admin, 'administrator') },
        'POST /api/v1/users': { name: 'Mallory', email: 'mallory@example.com', password: 'a long enough password', roleIds: [1] },
        'POST /api/v1/teams': { name: 'By a token' },
        'PATCH /api/v1/settings': { auditRetentionDays: 1 },
        'POST /api/v1/auth/password': { currentPassword: 'correct horse battery', newPassword: 'another long password' },
        'PATCH /api/v1/lab': { enabled: false },
        'POST /api/v1/calendar-feeds': {},
      };
      const changing = routes(t).filter((r) => WRITES.has(r.method) && r.url.startsWith('/api/v1/') && !CSRF_EXEMPT.has(r.url));
      const through: string[] = [];
      for (const route of changing) {
        const key = `${route.method} ${route.url}`;
        const entity = ENTITIES.find((e) => route.url === `/api/v1/${e.path}` || route.url.startsWith(`/api/v1/${e.path}/`));
        let status: number;
        let raw: string;
        if (entity && route.url.endsWith('/attachments')) {
          const { payload, contentType } = await multipartBody([{ name: 'x.txt', data: 'by a viewer token', type: 'text/plain' }]);
          const res = await t.app.inject({ method: 'POST', url: fill(route.url), payload, headers: { 'content-type': contentType, authorization: `Bearer ${token}` } });
          ({ statusCode: status, body: raw } = res);
        } else if (entity && route.url.endsWith('/import')) {
          const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported by a token\r\nEND:VCARD\r\n';
          const res = await t.app.inject({ method: 'POST', url: route.url, payload: vcard, headers: { 'content-type': 'text/vcard', authorization: `Bearer ${token}` } });
          ({ statusCode: status, body: raw } = res);
          // Entities without an import format refuse the body's type before anything else.
          if (status === 415 && entity.name !== 'contact') continue;
        } else if (entity && route.url.startsWith(`/api/v1/${entity.path}/:id`)) {
          const id = route.url.endsWith('/:id/restore') ? trashed.get(entity.name) ?? 0 : live.get(entity.name) ?? 0;
          const entry = String(await entryOf(entity, live.get(entity.name) ?? 0));
          const res = await req(t, who, route.method, route.url.replace(':id', String(id)).replace(':entryId', entry), await bodyFor(entity, route.method, route.url, id));
          ({ status, raw } = res);
        } else if (entity && route.url === `/api/v1/${entity.path}`) {
          ({ status, raw } = await req(t, who, route.method, route.url, createBodies.get(entity.name)));
        } else {
          ({ status, raw } = await req(t, who, route.method, fill(route.url), route.method === 'DELETE' ? undefined : bodies[key] ?? {}));
        }
        sane({ status, raw }, key);
        if (status !== 403 && !OWN_PREFERENCES.has(key)) through.push(`${key}: ${status} ${raw.slice(0, 200)}`);
      }
      expect(through).toEqual([]);
      expect(await snapshot(t.app.database)).toBe(before);
    });

    it('a revoked token and an expired token are 401', async () => {
      const rep = await roleId(t.app, admin, 'viewer');
      const revoked = await makeToken(t.app, admin, 'to revoke', rep);
      expect((await req(t, { token: revoked }, 'GET', '/api/v1/customers')).status).toBe(200);
      const list = await req<{ items: { id: number; name: string }[] }>(t, admin, 'GET', '/api/v1/api-tokens');
      const id = list.body.items.find((x) => x.name === 'to revoke')?.id;
      expect((await req(t, admin, 'DELETE', `/api/v1/api-tokens/${id}`)).status).toBe(204);
      expect((await req(t, { token: revoked }, 'GET', '/api/v1/customers')).status).toBe(401);

      const expiring = await makeToken(t.app, admin, 'to expire', rep, new Date(Date.now() + 3_600_000).toISOString());
      expect((await req(t, { token: expiring }, 'GET', '/api/v1/customers')).status).toBe(200);
      await sql`UPDATE api_tokens SET expires_at = ${new Date(Date.now() - 1000).toISOString()} WHERE name = ${'to expire'}`.execute(t.app.database.kysely);
      expect((await req(t, { token: expiring }, 'GET', '/api/v1/customers')).status).toBe(401);
      expect((await req(t, { token: 'rpt_not-a-token' }, 'GET', '/api/v1/customers')).status).toBe(401);
    });
  });

  describe('ending sessions', () => {
    it('disabling a user ends their sessions and tokens at once', async () => {
      const rep = await roleId(t.app, admin, 'salesRep');
      const user = await makeUser(t.app, admin, 'leaver@example.com', [rep]);
      const token = await makeToken(t.app, user, 'leaver token', rep);
      const feed = await req<{ path: string }>(t, user, 'POST', '/api/v1/calendar-feeds');
      expect(feed.status).toBe(201);
      expect((await t.app.inject({ url: feed.body.path })).statusCode).toBe(200);
      expect((await req(t, user, 'GET', '/api/v1/customers')).status).toBe(200);
      expect((await req(t, { token }, 'GET', '/api/v1/customers')).status).toBe(200);
      const u = await req<{ version: number }>(t, admin, 'GET', `/api/v1/users/${user.userId}`);
      expect((await req(t, admin, 'PATCH', `/api/v1/users/${user.userId}`, { active: false, version: u.body.version })).status).toBe(200);
      expect((await req(t, user, 'GET', '/api/v1/customers')).status).toBe(401);
      expect((await req(t, user, 'POST', '/api/v1/customers', { name: 'After leaving' })).status).toBe(401);
      expect((await req(t, { token }, 'GET', '/api/v1/customers')).status).toBe(401);
      expect((await t.app.inject({ url: feed.body.path })).statusCode).toBe(404);
      // And they cannot come back: the right password gets the same answer as a wrong one.
      const again = await signInFrom(t, '10.0.4.1', 'leaver@example.com', PASSWORD);
      expect(again.status).toBe(401);
      expect(again.body.detail).toBe('The email or password is not right.');
    });

    it('sign out everywhere ends every session of the user', async () => {
      const rep = await roleId(t.app, admin, 'salesRep');
      const a = await makeUser(t.app, admin, 'traveller@example.com', [rep]);
      const b = await signIn(t.app, 'traveller@example.com');
      expect((await req(t, b, 'GET', '/api/v1/customers')).status).toBe(200);
      expect((await req(t, a, 'POST', '/api/v1/auth/sign-out-everywhere')).status).toBe(204);
      expect((await req(t, a, 'GET', '/api/v1/customers')).status).toBe(401);
      expect((await req(t, b, 'GET', '/api/v1/customers')).status).toBe(401);
    });

    it('sign out ends this session', async () => {
      const s = await signIn(t.app, 'traveller@example.com');
      expect((await req(t, s, 'POST', '/api/v1/auth/sign-out')).status).toBe(204);
      expect((await req(t, s, 'GET', '/api/v1/customers')).status).toBe(401);
    });

    it('an administrator\'s password reset ends the user\'s sessions', async () => {
      const s = await signIn(t.app, 'traveller@example.com');
      const id = s.userId;
      expect((await req(t, admin, 'POST', `/api/v1/users/${id}/password`, { password: 'a brand new password' })).status).toBe(204);
      expect((await req(t, s, 'GET', '/api/v1/customers')).status).toBe(401);
      expect((await signInFrom(t, '10.0.4.2', 'traveller@example.com', PASSWORD)).status).toBe(401);
      expect((await signInFrom(t, '10.0.4.2', 'traveller@example.com', 'a brand new password')).status).toBe(200);
    });
  });
});
