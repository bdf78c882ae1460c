import type { RapportApp } from '../../src/server/app.js';
import { call } from './http.js';

let n = 0;
/** A valid customer body; tests override only what they are about. */
export function buildCustomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  n += 1;
  return { name: `Customer ${n}`, email: `c${n}@example.com`, city: 'Seoul', ...overrides };
}

export async function createCustomer(app: RapportApp, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown> & { id: number; version: number }> {
  const res = await call<Record<string, unknown> & { id: number; version: number }>(app, 'POST', '/api/v1/customers', buildCustomer(overrides));
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.raw}`);
  return res.body;
}

/** Id of a dictionary value by its stable code. */
export async function dictId(app: RapportApp, key: string, code: string): Promise<number> {
  const res = await call<{ items: { id: number; code: string }[] }>(app, 'GET', `/api/v1/dictionaries/${key}/values`);
  const v = res.body.items.find((i) => i.code === code);
  if (!v) throw new Error(`no ${key} value ${code}`);
  return v.id;
}

type Created = Record<string, unknown> & { id: number; version: number };

export async function createGroup(app: RapportApp, overrides: Record<string, unknown> = {}): Promise<Created> {
  n += 1;
  const res = await call<Created>(app, 'POST', '/api/v1/customer-groups', { name: `Group ${n} ${Math.random().toString(36).slice(2, 6)}`, color: 'blue', ...overrides });
  if (res.status !== 201) throw new Error(`create group failed: ${res.status} ${res.raw}`);
  return res.body;
}

export async function createContact(app: RapportApp, customerId: number, overrides: Record<string, unknown> = {}): Promise<Created> {
  n += 1;
  const res = await call<Created>(app, 'POST', '/api/v1/contacts', { name: `Contact ${n}`, customerId, ...overrides });
  if (res.status !== 201) throw new Error(`create contact failed: ${res.status} ${res.raw}`);
  return res.body;
}

/** A timed activity (tomorrow 09:00–10:00 UTC unless overridden). */
export async function createActivity(app: RapportApp, overrides: Record<string, unknown> = {}): Promise<Created> {
  n += 1;
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const res = await call<Created>(app, 'POST', '/api/v1/activities', { subject: `Activity ${n}`, startAt: `${day}T09:00:00.000Z`, endAt: `${day}T10:00:00.000Z`, ...overrides });
  if (res.status !== 201) throw new Error(`create activity failed: ${res.status} ${res.raw}`);
  return res.body;
}

/** A product (M7) with a list price unless overridden; the code is the next P-nnnnnn. */
export async function createProduct(app: RapportApp, overrides: Record<string, unknown> = {}): Promise<Created> {
  n += 1;
  const res = await call<Created>(app, 'POST', '/api/v1/products', { name: `Product ${n}`, listPrice: 10_000, ...overrides });
  if (res.status !== 201) throw new Error(`create product failed: ${res.status} ${res.raw}`);
  return res.body;
}

/** An opportunity (M8) of the customer; it starts at the first stage unless told otherwise. */
export async function createOpportunity(app: RapportApp, customerId: number, overrides: Record<string, unknown> = {}): Promise<Created> {
  n += 1;
  const res = await call<Created>(app, 'POST', '/api/v1/opportunities', { name: `Opportunity ${n}`, customerId, ...overrides });
  if (res.status !== 201) throw new Error(`create opportunity failed: ${res.status} ${res.raw}`);
  return res.body;
}

/** A sale (M8.e) of the customer, numbered by the server unless a number is given. */
export async function createSale(app: RapportApp, customerId: number, overrides: Record<string, unknown> = {}): Promise<Created> {
  const res = await call<Created>(app, 'POST', '/api/v1/sales', { customerId, ...overrides });
  if (res.status !== 201) throw new Error(`create sale failed: ${res.status} ${res.raw}`);
  return res.body;
}

/** A new value of a dictionary (M7.c), e.g. a custom opportunity stage or a subcategory. */
export async function createDictionaryValue(app: RapportApp, key: string, body: Record<string, unknown>): Promise<{ id: number; code: string; version: number; parentId: number | null }> {
  const res = await call<{ id: number; code: string; version: number; parentId: number | null }>(app, 'POST', `/api/v1/dictionaries/${key}/values`, body);
  if (res.status !== 201) throw new Error(`create ${key} value failed: ${res.status} ${res.raw}`);
  return res.body;
}
