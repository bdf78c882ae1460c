import type { RapportApp } from '../../src/server/app.js';

interface DictionaryValue {
  id: number;
  code: string;
  label: string;
}

export async function dictionaryValues(app: RapportApp, key: string): Promise<DictionaryValue[]> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/dictionaries/${key}/values?locale=en` });
  if (res.statusCode !== 200) throw new Error(`dictionary ${key}: ${res.statusCode} ${res.body}`);
  return (res.json() as { items: DictionaryValue[] }).items;
}

export interface SeedCustomer {
  name: string;
  [field: string]: string | number | null;
}

export async function createCustomer(app: RapportApp, body: SeedCustomer): Promise<{ id: number; version: number; [k: string]: unknown }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/customers', payload: body, headers: { host: '127.0.0.1' } });
  if (res.statusCode !== 201) throw new Error(`create customer: ${res.statusCode} ${res.body}`);
  return res.json();
}

const CITIES = ['Seoul', 'Busan', 'Shanghai', 'Boston', 'Austin', 'Denver'];
const WORDS = ['Acme', 'Blue Harbor', 'Cedar', 'Delta', 'Evergreen', 'Falcon', 'Granite', 'Horizon', 'Ion', 'Juniper', 'Kite', 'Lumen'];

export type Seeded = Awaited<ReturnType<typeof createCustomer>>;

/** `count` plausible customers spread over the customer types (every 7th without a type, to have an empty group). */
export async function seedCustomers(app: RapportApp, count: number): Promise<Seeded[]> {
  const types = await dictionaryValues(app, 'customer-type');
  const industries = await dictionaryValues(app, 'industry');
  const ratings = await dictionaryValues(app, 'customer-rating');
  const statuses = await dictionaryValues(app, 'customer-status');
  const out: Seeded[] = [];
  for (let i = 0; i < count; i++) {
    const word = WORDS[i % WORDS.length] ?? 'Acme';
    out.push(await createCustomer(app, {
      name: `${word} ${['Trading', 'Systems', 'Foods', 'Logistics', 'Labs'][i % 5]} ${String(i + 1).padStart(3, '0')}`,
      typeId: i % 7 === 6 ? null : (types[i % types.length]?.id ?? null),
      industryId: industries[i % industries.length]?.id ?? null,
      phone: `+1 555 01${String(i).padStart(2, '0')}`,
      email: `contact${i + 1}@${word.toLowerCase().replace(/\s+/g, '')}.example`,
      city: CITIES[i % CITIES.length] ?? null,
      ratingId: ratings[i % ratings.length]?.id ?? null,
      statusId: statuses[(i * 3) % statuses.length]?.id ?? null,
    }));
  }
  return out;
}

export async function createContact(app: RapportApp, body: { name: string; customerId: number; [field: string]: string | number | boolean | null }): Promise<{ id: number; version: number; [k: string]: unknown }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', payload: body, headers: { host: '127.0.0.1' } });
  if (res.statusCode !== 201) throw new Error(`create contact: ${res.statusCode} ${res.body}`);
  return res.json();
}
