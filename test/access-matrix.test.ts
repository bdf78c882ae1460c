import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, SCOPES, type Permissions, type Scope } from '../src/shared/access.js';
import type { EntityDef } from '../src/shared/entity/define.js';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { as, makeRole, makeTeam, makeUser, roleId, setupAdmin, signIn, type Session } from './support/accounts.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Groups, type Page } from './support/http.js';
import { sampleBody } from './support/samples.js';
import { translate } from '../src/server/core/i18n.js';

/** Every action of every entity at one scope: the role a matrix user holds. */
const everything = (scope: Scope): Permissions => ({
  entities: Object.fromEntries(ENTITIES.map((e) => [e.name, Object.fromEntries(ACTIONS.map((a) => [a, scope]))])) as Permissions['entities'],
  fields: {}, special: [],
});

/** A different valid value per kind the matrix hides, to try writing a hidden field. */
const CHANGED: Record<string, unknown> = {
  text: 'changed', longtext: 'changed', phone: '+82 2-555-0199', email: 'changed@example.com', url: 'https://changed.example/',
  integer: 7, decimal: 1.25, money: 777, percent: 33, date: '2026-05-05',
};

/** The field a role hides per entity: an optional text-like own field the list shows (not the title). */
function hiddenFieldOf(e: EntityDef): string | undefined {
  return e.listColumns.find((c) => c !== e.titleField && e.fields[c] && !e.fields[c].required && !e.fields[c].readOnly && e.fields[c].kind in CHANGED);
}

/**
 * Record access from the registry (issue 15): for every entity, users whose role reaches all, their
 * team's, their own or no records see, count, group, search, export and change exactly those; a field
 * a role hides is in no answer and no export, and cannot be filtered, sorted, grouped or written.
 * Three records per entity: owned by the `own` user (team 1), by a teammate (team 1), by an outsider (team 2).
 */
describe.each(DATABASES)('record access from the registry on $name', (database) => {
  let t: TestApp;
  let admin: Session;
  const users = {} as Record<Scope, Session>;
  let hider: Session;
  /** Per entity: the ids owned by [own user, teammate, outsider]. */
  const owned = new Map<string, number[]>();
  /** Per entity: create bodies made before sign-in (their referenced records exist), for the create checks. */
  const spare = new Map<string, Record<string, unknown>[]>();
  const expected: Record<Scope, number[]> = { all: [0, 1, 2], team: [0, 1], own: [0], none: [] };

  beforeAll(async () => {
    t = await startApp(database);
    // Sample records first, while the new installation signs nobody in.
    for (const e of ENTITIES) {
      const ids: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await call<{ id: number }>(t.app, 'POST', `/api/v1/${e.path}`, await sampleBody(t.app, e, `Matrix ${e.name} ${i}`));
        expect(res.status, res.raw).toBe(201);
        ids.push(res.body.id);
      }
      owned.set(e.name, ids);
      spare.set(e.name, [await sampleBody(t.app, e, 'Refused'), await sampleBody(t.app, e, 'Rep own'), await sampleBody(t.app, e, 'Rep other')]);
    }
    admin = await setupAdmin(t.app);
    const [t1, t2] = [await makeTeam(t.app, admin, 'Team one'), await makeTeam(t.app, admin, 'Team two')];
    for (const s of SCOPES) users[s] = await makeUser(t.app, admin, `${s}@example.com`, [await makeRole(t.app, admin, `Everything ${s}`, everything(s))], t1);
    const rep = await roleId(t.app, admin, 'salesRep');
    const peer = await makeUser(t.app, admin, 'peer@example.com', [rep], t1);
    const outsider = await makeUser(t.app, admin, 'outsider@example.com', [rep], t2);
    const hiding: Permissions = { ...everything('all'), fields: Object.fromEntries(ENTITIES.flatMap((e) => { const f = hiddenFieldOf(e); return f ? [[e.name, { [f]: 'hidden' as const }]] : []; })) };
    hider = await makeUser(t.app, admin, 'hider@example.com', [await makeRole(t.app, admin, 'Hides one field', hiding)], t1);
    for (const e of ENTITIES) {
      const [a, b, c] = owned.get(e.name) ?? [];
      for (const [id, owner] of [[a, users.own.userId], [b, peer.userId], [c, outsider.userId]] as const) {
        const cur = await as<{ version: number }>(t.app, admin, 'GET', `/api/v1/${e.path}/${id}`);
        const res = await as(t.app, admin, 'PATCH', `/api/v1/${e.path}/${id}`, { ownerId: owner, version: cur.body.version });
        expect(res.status, res.raw).toBe(200);
      }
    }
  }, 240_000);
  afterAll(async () => { await t?.close(); });

  describe.each(ENTITIES.map((e) => ({ entity: e, name: e.name })))('$name', ({ entity }) => {
    const base = `/api/v1/${entity.path}`;
    const mine = (scope: Scope) => expected[scope].map((i) => (owned.get(entity.name) ?? [])[i]);
    const within = (ids: unknown[]) => (owned.get(entity.name) ?? []).filter((id) => ids.includes(id));

    it.each(SCOPES.map((s) => ({ scope: s })))('a user reaching $scope records: list, get, count, group-by, search, export and edit', async ({ scope }) => {
      const who = users[scope];
      const list = await as<Page>(t.app, who, 'GET', `${base}?limit=500&total=exact`);
      if (scope === 'none') {
        expect(list.status).toBe(403);
        for (const id of owned.get(entity.name) ?? []) expect((await as(t.app, who, 'GET', `${base}/${id}`)).status).toBe(404);
        expect((await as(t.app, who, 'GET', `${base}/count`)).status).toBe(403);
        expect((await as(t.app, who, 'GET', `${base}/export?format=csv`)).status).toBe(403);
        expect((await as(t.app, who, 'POST', base, spare.get(entity.name)?.[0])).status).toBe(403);
        return;
      }
      expect(list.status, list.raw).toBe(200);
      expect(within(list.body.items.map((r) => r.id))).toEqual(mine(scope));
      // Every record listed is one the scope reaches: no other owner's record slipped in.
      const count = await as<{ total: number }>(t.app, who, 'GET', `${base}/count?total=exact`);
      expect(count.body.total).toBe(list.body.items.length);
      const groups = await as<Groups>(t.app, who, 'GET', `${base}?groupBy=ownerId`);
      expect(groups.status, groups.raw).toBe(200);
      expect(groups.body.total).toBe(list.body.items.length);
      if (scope !== 'all') {
        const owners = groups.body.groups.map((g) => g.value);
        expect(owners.every((o) => o === users.own.userId || (scope === 'team' && o !== null && o !== users.own.userId))).toBe(true);
      }
      if (entity.searchFields.length) {
        const found = await as<Page>(t.app, who, 'GET', `${base}?q=${encodeURIComponent('Matrix')}&limit=500`);
        expect(within(found.body.items.map((r) => r.id))).toEqual(mine(scope));
      }
      const csv = await as(t.app, who, 'GET', `${base}/export?format=csv`);
      expect(csv.status).toBe(200);
      expect(Number(csv.headers['x-total-count'])).toBe(list.body.items.length);
      for (const [i, id] of (owned.get(entity.name) ?? []).entries()) {
        const one = await as<{ version: number }>(t.app, who, 'GET', `${base}/${id}`);
        expect(one.status, `${scope} GET ${i}`).toBe(expected[scope].includes(i) ? 200 : 404);
        const version = (await as<{ version: number }>(t.app, admin, 'GET', `${base}/${id}`)).body.version;
        const patched = await as(t.app, who, 'PATCH', `${base}/${id}`, { version });
        expect(patched.status, `${scope} PATCH ${i}: ${patched.raw}`).toBe(expected[scope].includes(i) ? 200 : 404);
        const changes = await as<{ items: unknown[] }>(t.app, who, 'GET', `${base}/${id}/changes`);
        expect(changes.status).toBe(expected[scope].includes(i) ? 200 : 404);
      }
    });

    it('a sales representative changes only their own records and creates only records they own', async () => {
      const rep = await as(t.app, admin, 'GET', '/api/v1/users');
      expect(rep.status).toBe(200);
      const body = spare.get(entity.name)?.[1];
      const peer = (rep.body as { items: { id: number; email: string }[] }).items.find((u) => u.email === 'peer@example.com');
      const session = await signIn(t.app, 'peer@example.com');
      const created = await as<{ id: number; ownerId: number }>(t.app, session, 'POST', base, body);
      expect(created.status, created.raw).toBe(201);
      expect(created.body.ownerId).toBe(peer?.id);
      const forOther = await as(t.app, session, 'POST', base, { ...spare.get(entity.name)?.[2], ownerId: users.own.userId });
      expect(forOther.status, forOther.raw).toBe(403);
      // A teammate's record is readable, not changeable; giving one's own away to another owner is refused too.
      const teammates = (owned.get(entity.name) ?? [])[0];
      const cur = await as<{ version: number }>(t.app, session, 'GET', `${base}/${teammates}`);
      expect(cur.status).toBe(200);
      expect((await as(t.app, session, 'PATCH', `${base}/${teammates}`, { version: cur.body.version })).status).toBe(403);
      expect((await as(t.app, session, 'DELETE', `${base}/${teammates}`)).status).toBe(403);
      const mineNow = await as<{ version: number }>(t.app, session, 'GET', `${base}/${created.body.id}`);
      expect((await as(t.app, session, 'PATCH', `${base}/${created.body.id}`, { ownerId: users.all.userId, version: mineNow.body.version })).status).toBe(403);
      expect((await as(t.app, session, 'DELETE', `${base}/${created.body.id}`)).status).toBe(204);
      expect((await as(t.app, session, 'POST', `${base}/${created.body.id}/restore`)).status).toBe(200);
    });

    const hidden = hiddenFieldOf(entity);
    it.skipIf(!hidden)('a field a role hides is in no answer or export and cannot be filtered, sorted, grouped or written', async () => {
      const f = hidden ?? '';
      const id = (owned.get(entity.name) ?? [])[0];
      const shown = await as<Record<string, unknown>>(t.app, admin, 'GET', `${base}/${id}`);
      expect(shown.body[f], 'the admin sees it').not.toBeUndefined();
      const one = await as<Record<string, unknown>>(t.app, hider, 'GET', `${base}/${id}`);
      expect(one.status).toBe(200);
      expect(f in one.body).toBe(false);
      expect(f in ((one.body._labels ?? {}) as Record<string, unknown>)).toBe(false);
      const list = await as<Page>(t.app, hider, 'GET', `${base}?limit=500`);
      expect(list.body.items.every((r) => !(f in r))).toBe(true);
      for (const url of [`${base}?filter[${f}][empty]=0`, `${base}?sort=${f}`, `${base}?groupBy=${f}`, `${base}/export?format=csv&columns=${f}`]) {
        const res = await as<{ errors?: { message: string }[] }>(t.app, hider, 'GET', url);
        expect(res.status, url).toBe(400);
        expect(JSON.stringify(res.body)).toContain('unknown field');
      }
      const csv = await as(t.app, hider, 'GET', `${base}/export?format=csv`);
      expect(csv.status).toBe(200);
      // Not even as a column: the header has no such label (the admin's export has it).
      const label = translate('en', entity.fields[f].label, f);
      const header = (raw: string) => raw.replace(/^\ufeff/, '').split(/\r?\n/)[0].split(',');
      expect(header((await as(t.app, admin, 'GET', `${base}/export?format=csv`)).raw)).toContain(label);
      expect(header(csv.raw)).not.toContain(label);
      const patched = await as<{ errors: { field: string; message: string }[] }>(t.app, hider, 'PATCH', `${base}/${id}`, { [f]: CHANGED[entity.fields[f].kind], version: shown.body.version });
      expect(patched.status).toBe(400);
      expect(patched.body.errors, JSON.stringify(patched.body)).toEqual([{ field: f, message: 'is read-only' }]);
      if (entity.searchFields.includes(f) && (entity.fields[f].kind === 'text' || entity.fields[f].kind === 'longtext')) {
        // Nor found by a search for what only it holds.
        const cur = await as<{ version: number }>(t.app, admin, 'GET', `${base}/${id}`);
        expect((await as(t.app, admin, 'PATCH', `${base}/${id}`, { [f]: 'Zqxhidden', version: cur.body.version })).status).toBe(200);
        expect((await as<Page>(t.app, admin, 'GET', `${base}?q=Zqxhidden`)).body.items.map((r) => r.id)).toEqual([id]);
        expect((await as<Page>(t.app, hider, 'GET', `${base}?q=Zqxhidden`)).body.items).toEqual([]);
        expect((await as<Page>(t.app, hider, 'GET', `${base}?q=Matrix&limit=500`)).body.items.map((r) => r.id)).toContain(id);
      }
      const changes = await as<{ items: { changes: { field: string }[] }[] }>(t.app, hider, 'GET', `${base}/${id}/changes`);
      expect(changes.body.items.flatMap((e) => e.changes.map((c) => c.field))).not.toContain(f);
    });
  });

  it('analyses and the dashboard count only what the user may read; calendar and group members follow the same rules', async () => {
    const dash = async (who: Session) => (await as<{ pipeline?: unknown; activities: { dueToday: { count: number } } }>(t.app, who, 'GET', '/api/v1/dashboard')).body;
    expect((await as(t.app, users.none, 'GET', '/api/v1/dashboard')).status).toBe(200);
    expect(JSON.stringify(await dash(users.none))).not.toEqual(JSON.stringify(await dash(users.all)));
    const trend = await as(t.app, users.none, 'GET', '/api/v1/analysis/trend');
    expect(trend.status, trend.raw).toBe(200);
    const cal = await as<{ items: { id: number }[] }>(t.app, users.own, 'GET', '/api/v1/activities/calendar?from=2026-01-01&to=2026-12-31');
    expect(cal.status, cal.raw).toBe(200);
    const acts = owned.get('activity') ?? [];
    expect(cal.body.items.map((i) => i.id).filter((id) => acts.includes(id)).every((id) => id === acts[0])).toBe(true);
    const [group] = owned.get('customerGroup') ?? [];
    const members = await as<Page>(t.app, users.own, 'GET', `/api/v1/customer-groups/${group}/non-members?limit=500`);
    expect(members.status, members.raw).toBe(200);
    const customers = owned.get('customer') ?? [];
    expect(members.body.items.map((r) => r.id).filter((id) => customers.includes(id as number))).toEqual([customers[0]]);
    // A customer the user may not see cannot be added to a group (it reads as one that does not exist).
    const add = await as(t.app, users.own, 'POST', `/api/v1/customer-groups/${group}/members`, { customerIds: [customers[2]] });
    expect(add.status, add.raw).toBe(400);
  });
});
