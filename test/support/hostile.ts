import ExcelJS from 'exceljs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { expect } from 'vitest';
import type { EntityDef } from '../../src/shared/entity/define.js';
import { AMOUNT_KINDS, DECIMAL_PLACES, shownKind, TEXT_LIMITS, type FieldDef } from '../../src/shared/entity/field.js';
import { MAX_LINES } from '../../src/shared/entity/line-items.js';
import { writableFields } from '../../src/shared/entity/schema.js';
import { FILTER_OPS } from '../../src/server/core/list-params.js';
import type { RapportApp } from '../../src/server/app.js';
import { ENTITIES } from '../../src/shared/entities/registry.js';
import { call, type Problem } from './http.js';
import { filterFor, isListable, isSortable, sampleBody } from './samples.js';

/**
 * Hostile input drawn from entity definitions, so a property test covers a field the day it is
 * declared: each field kind has its own wrong values (out of range, wrong type, impossible dates,
 * ids of the wrong kind), every text field gets injection strings, formulas, NUL and lone
 * surrogates, and bodies carry unknown, read-only and prototype keys.
 */

/** A JSON token sent as written: what JSON.stringify cannot send (1e400 parses to Infinity, -0, 30 digits). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value, as JSON.stringify writes it but for RawJson tokens (verbatim) and own `__proto__` keys (sent as keys). */
export function jsonText(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** A body as the server parses it (own `__proto__` keys stay data, RawJson becomes the number it reads as). */
export const parsedBody = (body: ReadonlyMap<string, unknown>): Record<string, unknown> => JSON.parse(jsonText(Object.fromEntries(body))) as Record<string, unknown>;

/** Ids that exist, in Trash, or in another dictionary: what reference and dictionary values are drawn from. */
export interface Pools {
  /** The values of every dictionary, by key. */
  readonly dictionaries: ReadonlyMap<string, readonly { readonly id: number; readonly parentId: number | null }[]>;
  /** Per entity name: a live record and one in Trash. */
  readonly records: ReadonlyMap<string, { readonly live: number; readonly trashed: number }>;
}

/**
 * Pools for an app: for every entity in the registry a live record (with the body it was created
 * with) and one moved to Trash, and the values of every dictionary.
 */
export async function buildPools(app: RapportApp): Promise<{ pools: Pools; liveBodies: ReadonlyMap<string, Readonly<Record<string, unknown>>> }> {
  const records = new Map<string, { live: number; trashed: number }>();
  const liveBodies = new Map<string, Record<string, unknown>>();
  for (const entity of ENTITIES) {
    const base = `/api/v1/${entity.path}`;
    const body = await sampleBody(app, entity, 'Live');
    const live = await call<{ id: number }>(app, 'POST', base, body);
    // A full sample: a module may require more than the definition says (an expense's amount without a priced category).
    const trashed = await call<{ id: number }>(app, 'POST', base, await sampleBody(app, entity, 'Trashed'));
    expect([live.status, trashed.status], `${live.raw} ${trashed.raw}`).toEqual([201, 201]);
    expect((await call(app, 'DELETE', `${base}/${trashed.body.id}`)).status).toBe(204);
    records.set(entity.name, { live: live.body.id, trashed: trashed.body.id });
    liveBodies.set(entity.name, body);
  }
  const dictionaries = new Map<string, { id: number; parentId: number | null }[]>();
  for (const { key } of (await call<{ items: { key: string }[] }>(app, 'GET', '/api/v1/dictionaries')).body.items) {
    dictionaries.set(key, (await call<{ items: { id: number; parentId: number | null }[] }>(app, 'GET', `/api/v1/dictionaries/${key}/values`)).body.items);
  }
  return { pools: { dictionaries, records }, liveBodies };
}

const INJECTION = ["'; DROP TABLE customers; --", "' OR '1'='1", '" OR 1=1 --', "1); SELECT pg_sleep(5); --", '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}', '../../etc/passwd', '%s%n%x', '\\', 'NULL', 'undefined'];
/** What a spreadsheet would run: exports must write each with a leading quote. */
const FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("https://evil.example","x")', '+1+2', '-1+2', '@SUM(1,2)', '\t=1+2', '\r=1+2', ' =1+2', '=1+2\n'];
const SCRIPTS = ['삼성전자', '현대', '华信', '😀👍🏽👨‍👩‍👧', 'e\u0301', '\u202Egnp.exe', 'ＡＢＣ', 'İı', 'ß', '\u00A0x\u3000'];
/** Control characters pasted from a terminal or an old system: text a record holds, which XML (XLSX) cannot. */
const CONTROL = 'bell\u0007 esc\u001b[31m red\u001b[0m \u0008';
/** Text no database column holds as sent: NUL (PostgreSQL refuses it), lone surrogates (stored as U+FFFD). */
const BROKEN = ['\u0000', 'a\u0000b', '\uD800', 'a\uDC00b', '\uDBFF\uDBFF', '😀'.slice(0, 1)];
const BROKEN_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const WRONG_TYPES: readonly unknown[] = [true, false, 0, 1, -1, '', ' ', '1', 'null', [], [1], {}, { id: 1 }, new RawJson('1e400')];
const BAD_IDS: readonly unknown[] = [0, -1, 999_999, 2 ** 31 - 1, 2 ** 31, 2 ** 53, 1.5, '1', true, [1], { id: 1 }, new RawJson('1e400'), new RawJson('-0')];

const VALID_DATES = ['2026-03-15', '2026-01-01', '2026-12-31', '2024-02-29', '2026-03-14'];
const BAD_DATES = ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-1', '20260315', '2026/03/15', '15.03.2026',
  '2026-03-15T00:00:00Z', ' 2026-03-15', '0000-01-01', '-0001-01-01', '+012026-01-01', '0001-01-01', '9999-12-31', 'today', 20260315];
const VALID_INSTANTS = ['2026-03-15T09:30:00.000Z', '2026-03-15T09:30:00Z', '2026-03-15T09:30:00+09:00', '2026-03-15T23:30:00-08:00', '2026-03-15T09:30:00.123456Z', '2026-03-16T00:00:00.000Z'];
const BAD_INSTANTS = ['2026-03-15T09:30:00', '2026-03-15 09:30:00Z', '2026-02-30T10:00:00Z', '2026-03-15T24:00:00Z', '2026-03-15T09:60:00Z',
  '2026-03-15T09:30:00+25:00', '2026-03-15', '0000-01-01T00:00:00Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:59:59-14:00', '9999-12-31T23:59:59Z',
  '0001-01-01T00:00:00Z', 'now', 1_773_567_000_000];

const TEXT_KINDS: readonly string[] = ['text', 'longtext', 'email', 'phone', 'url', 'color'];
const textLimit = (f: FieldDef): number => f.maxLength ?? TEXT_LIMITS[f.kind] ?? 200;

/** Text at the limit in other scripts, or past it; formulas and injections; text no column keeps. */
function textEdges(f: FieldDef): readonly unknown[] {
  const limit = textLimit(f);
  const byKind: Partial<Record<FieldDef['kind'], readonly string[]>> = {
    email: ['someone@example.com', 'a@b', '=cmd@example.com', '<x>@example.com', `${'a'.repeat(250)}@example.com`],
    url: ['https://example.com/?q=<script>', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'mailto:someone@example.com', '//evil.example'],
    color: ['#ABCDEF', '#12345g', 'red;background:url(x)', 'BLUE'],
  };
  // A formula last: the record keeps it, and the exports afterwards must quote it.
  return ['가'.repeat(limit), '😀'.repeat(Math.floor(limit / 2)), 'x'.repeat(limit + 1), INJECTION[0], CONTROL, "'quoted'", '\u0000', '\uD800', ...(byKind[f.kind] ?? []), FORMULAS[0]];
}

/** Values of a text kind: the edges, more hostile strings, other scripts, random text. */
function textValues(f: FieldDef): fc.Arbitrary<unknown> {
  const limit = textLimit(f);
  return fc.oneof(
    fc.constantFrom(...textEdges(f)),
    fc.constantFrom(...INJECTION, ...FORMULAS, ...SCRIPTS, '', '   ', '😀'.repeat(Math.ceil(limit / 2) + 1), ` ${'y'.repeat(limit)} `),
    fc.constantFrom(...BROKEN),
    fc.string({ maxLength: 40 }),
    fc.string({ maxLength: 12, unit: 'grapheme' }),
  );
}

/** The bounds of a number field as its schema has them (percent 0–100 unless told). */
function numberBounds(f: FieldDef): { lo: number; hi: number } {
  const min = f.min ?? (f.kind === 'percent' ? 0 : undefined);
  const max = f.max ?? (f.kind === 'percent' ? 100 : undefined);
  return { lo: min ?? -1_000_000, hi: max ?? 1_000_000 };
}

/** At and past the field's bounds, past what a 32-bit column or a double holds, more decimals than a column keeps. */
function numberEdges(f: FieldDef): readonly unknown[] {
  const { lo, hi } = numberBounds(f);
  return [lo, hi, lo - 1, hi + 1, 0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e14, 1e15, 5e-324, 33.3333333, 12.345678, new RawJson('1e400'), new RawJson('-0'), '42'];
}

function numberValues(f: FieldDef): fc.Arbitrary<unknown> {
  const { lo, hi } = numberBounds(f);
  const more: unknown[] = [0, 1, -1, lo - 0.5, 2 ** 31 - 1, 2 ** 53 - 1, -(2 ** 53), 1e21, 0.1, 1e-7, new RawJson('-1e400'), new RawJson('1e-400'),
    new RawJson('123456789012345678901234567890'), new RawJson('1.0'), 'NaN', 'Infinity', '-Infinity', '1e3', '0x10', '1,000'];
  return fc.oneof(
    fc.constantFrom(...numberEdges(f), ...more),
    f.kind === 'integer' || f.kind === 'money' ? fc.integer({ min: Math.max(lo, -(2 ** 40)), max: Math.min(hi, 2 ** 40) }) : fc.double({ min: lo, max: hi, noNaN: true }),
  );
}

/** Record ids of the target: live (of another parent than the body's, for a `within` field), in Trash, never existed. */
function recordEdges(pools: Pools, target: string | undefined): readonly unknown[] {
  if (target === 'user') return [2, 999];
  const r = target ? pools.records.get(target) : undefined;
  return [...(r ? [r.live, r.trashed] : []), 999_999];
}

function recordIds(pools: Pools, target: string | undefined): fc.Arbitrary<unknown> {
  return fc.constantFrom<unknown>(...recordEdges(pools, target), ...BAD_IDS);
}

/** Values of the field's dictionary (two top-level values, children of each) and of another dictionary. */
function dictionaryEdges(f: FieldDef, pools: Pools): readonly unknown[] {
  const own = pools.dictionaries.get(f.dictionary ?? '') ?? [];
  const tops = own.filter((v) => v.parentId === null);
  const children = own.filter((v) => v.parentId !== null);
  const otherChild = children.find((c) => c.parentId !== children[0]?.parentId);
  const foreign = Array.from(pools.dictionaries).find(([key]) => key !== f.dictionary)?.[1][0];
  return [tops[0], tops[1], children[0], otherChild, foreign].flatMap((v) => (v ? [v.id] : [])).concat(999_999);
}

const QUANTITIES: readonly unknown[] = [1, 2, 0.5, 0, -1, 1e9, 1e9 + 1, 1.000001, 1.0000001, 1e-6, 1e-7, '2', null, new RawJson('1e400')];
const DISCOUNTS: readonly unknown[] = [0, 10, 99.99, 100, 100.01, -0.01, 10.555, '10', null, undefined];
const UNIT_PRICES: readonly unknown[] = [0, 1250, -1, 1.5, 1e15, 1e15 + 1, 1e18, null, '1', undefined];

/** Lines that are each wrong in one way: an amount past what is exact, a product in Trash, the smallest quantity, a discount with three decimals, no product and no description. */
function linesEdges(f: FieldDef, pools: Pools): readonly unknown[] {
  const item = f.lines ? pools.records.get(f.lines.item) : undefined;
  return [
    [{ productId: item?.live ?? null, description: 'x', quantity: 1e9, unitPrice: 1e15 }],
    [{ productId: item?.trashed ?? null, quantity: 1 }],
    [{ description: '=1+2', quantity: 0.000001, unitPrice: 1 }],
    [{ description: 'x', quantity: 1, unitPrice: 1, discountPercent: 10.555 }],
    [{ quantity: 1, unitPrice: 1 }],
    [],
  ];
}

/** Lines (`lines` kind): bad quantities, discounts and prices, products that are gone, unknown keys, too many lines. */
function linesValues(f: FieldDef, pools: Pools): fc.Arbitrary<unknown> {
  const line = fc.record({
    productId: fc.oneof(recordIds(pools, f.lines?.item), fc.constant(null)),
    quantity: fc.constantFrom(...QUANTITIES),
    unitPrice: fc.constantFrom(...UNIT_PRICES),
    discountPercent: fc.constantFrom(...DISCOUNTS),
    description: fc.oneof(textValues({ kind: 'text', label: '', maxLength: 500 }), fc.constant(null)),
    amount: fc.constantFrom<unknown>(-1, 1e18, 'x', null),
    id: fc.constantFrom<unknown>(1, -1, 'x'),
    nope: fc.constant(1),
  }, { requiredKeys: [] });
  const tooMany = Array.from({ length: MAX_LINES + 1 }, () => ({ description: 'x', quantity: 1, unitPrice: 1 }));
  return fc.oneof(
    { weight: 8, arbitrary: fc.array(line, { maxLength: 3 }) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(...linesEdges(f, pools), 'x', {}, 1, [null], [[]], [1]) },
    { weight: 1, arbitrary: fc.constant(tooMany) },
  );
}

/**
 * The values of a field worth trying one by one on every database: its kind's boundaries and
 * the values a column or a rule may refuse. Each is sent alone (edge-values sweep); the
 * properties draw from them among many more.
 */
export function edgeValues(f: FieldDef, pools: Pools): readonly unknown[] {
  switch (shownKind(f)) {
    case 'text': case 'longtext': case 'email': case 'phone': case 'url': case 'color': return textEdges(f);
    case 'integer': case 'money': case 'decimal': case 'percent': return numberEdges(f);
    case 'date': return ['0001-01-01', '9999-12-31', '0000-01-01', '2024-02-29', '2026-02-30'];
    case 'datetime': return ['0001-01-01T00:00:00Z', '0050-06-01T12:00:00Z', '1900-01-01T00:00:00+09:00', '9999-12-31T23:59:59.999Z', '2026-03-15T09:30:00+14:00',
      '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '2026-03-15T09:30:00'];
    case 'boolean': return [true, false];
    case 'enum': return [...(f.options ?? []), 'x'];
    case 'dictionary': return dictionaryEdges(f, pools);
    case 'reference': return recordEdges(pools, f.reference);
    case 'references': return [recordEdges(pools, f.reference), []];
    case 'lines': return linesEdges(f, pools);
    case 'computed': return [];
  }
}

/** Hostile values for one field, by its kind and declared limits. */
export function hostileValue(f: FieldDef, pools: Pools): fc.Arbitrary<unknown> {
  const kind = shownKind(f);
  const own = ((): fc.Arbitrary<unknown> => {
    switch (kind) {
      case 'text': case 'longtext': case 'email': case 'phone': case 'url': case 'color': return textValues(f);
      case 'integer': case 'money': case 'decimal': case 'percent': return numberValues(f);
      case 'date': return fc.oneof(fc.constantFrom<unknown>(...VALID_DATES, ...BAD_DATES, ...edgeValues(f, pools)),
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
      case 'datetime': return fc.oneof(fc.constantFrom<unknown>(...VALID_INSTANTS, ...BAD_INSTANTS, ...edgeValues(f, pools)),
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()));
      case 'boolean': return fc.constantFrom<unknown>(true, false, 'true', 'false', 1, 0, 'yes');
      case 'enum': {
        const options = f.options ?? [];
        return fc.constantFrom<unknown>(...options, ...options.map((o) => o.toUpperCase()), ...options.map((o) => ` ${o}`), 'x', '', 0);
      }
      case 'dictionary': return fc.oneof(fc.constantFrom(...dictionaryEdges(f, pools)), fc.constantFrom(...Array.from(pools.dictionaries.values()).flat().map((v) => v.id)), fc.constantFrom(...BAD_IDS));
      case 'reference': return recordIds(pools, f.reference);
      case 'references': return fc.oneof(
        fc.array(recordIds(pools, f.reference), { maxLength: 4 }),
        fc.constant(Array.from({ length: 1001 }, (_, i) => i + 1)),
        fc.constantFrom<unknown>(1, 'x', {}, [[1]]),
      );
      case 'lines': return linesValues(f, pools);
      case 'computed': return fc.constantFrom<unknown>(0, 'x');
    }
  })();
  return fc.oneof({ weight: 8, arbitrary: own }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...WRONG_TYPES) });
}

/** The part of a JSON Schema (an OpenAPI request body) that says what hostile values to send. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
}

/**
 * Hostile values for a documented property of a route's body (a module's route has no entity
 * definition, but its OpenAPI entry types each property): the same values as a field of the
 * matching kind, ids of every record for whole numbers, nested objects for objects.
 */
export function hostileForSchema(schema: JsonSchema | undefined, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const types = schema?.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
  const ids = Array.from(pools.records.values()).flatMap((r) => [r.live, r.trashed]);
  const field = (kind: FieldDef['kind'], extra: Partial<FieldDef> = {}) => hostileValue({ kind, label: '', ...extra }, pools);
  if (schema?.enum) return fc.oneof(fc.constantFrom(...schema.enum), field('text'));
  if (types.includes('integer')) return fc.oneof(field('integer'), fc.constantFrom(...ids));
  if (types.includes('number')) return field('decimal');
  if (types.includes('boolean')) return field('boolean');
  if (types.includes('array')) return fc.oneof(fc.array(depth < 2 ? hostileForSchema(schema?.items, pools, depth + 1) : fc.constant(1), { maxLength: 4 }), fc.constant(Array.from({ length: 10_001 }, (_, i) => i + 1)), field('text'));
  if (types.includes('object')) {
    const keys = Object.keys(schema?.properties ?? {});
    return fc.oneof(
      depth < 2 && keys.length ? fc.dictionary(fc.constantFrom(...keys), hostileForSchema(undefined, pools, depth + 1), { maxKeys: 3 }) : fc.constant({}),
      fc.constantFrom(...POLLUTERS, ...WRONG_TYPES),
    );
  }
  if (types.includes('string')) return field(schema?.format === 'date' ? 'date' : schema?.format === 'date-time' ? 'datetime' : 'text');
  return fc.oneof(field('text'), field('integer'), fc.constantFrom(...WRONG_TYPES, ...POLLUTERS, ...ids));
}

/** Keys no entity has: other spellings, the API's own output keys, prototype keys. */
const FOREIGN_KEYS = ['deletedAt', '_labels', 'search_text', 'searchText', 'nope', 'NAME', 'Name', 'name ', ' name', 'a'.repeat(300),
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', '0', 'filter[name]', 'id'];
/** Values that pollute Object.prototype if a parser or merge lets them through. */
const POLLUTERS: readonly unknown[] = [{ polluted: true }, { prototype: { polluted: true } }, { constructor: { prototype: { polluted: true } } }];

export type Mutation = { readonly key: string; readonly value: unknown } | { readonly key: string; readonly drop: true };

/**
 * Changes to a valid body: a field replaced by a hostile value of its kind or by another valid
 * value (a date before its start, a field of the other `when` state), a field dropped (a required
 * one missing), read-only and computed fields set, unknown and prototype keys added.
 */
export function mutations(entity: EntityDef, pools: Pools, valid: Readonly<Record<string, unknown>>, extraKeys: readonly string[] = []): fc.Arbitrary<Mutation[]> {
  const writable = writableFields(entity);
  const readOnly = Object.entries(entity.allFields).filter(([name]) => !writable.some(([w]) => w === name));
  const setWritable = fc.constantFrom(...writable).chain(([name, f]) => fc.oneof(
    { weight: 5, arbitrary: hostileValue(f, pools) },
    { weight: 2, arbitrary: fc.constant(valid[name] ?? null) },
  ).map((value): Mutation => ({ key: name, value })));
  const setReadOnly = fc.constantFrom(...readOnly).chain(([name, f]) => hostileValue(f, pools).map((value): Mutation => ({ key: name, value })));
  const setForeign = fc.tuple(fc.oneof(fc.constantFrom(...FOREIGN_KEYS, ...extraKeys), fc.string({ maxLength: 12 })), fc.oneof(fc.constantFrom(...WRONG_TYPES, ...POLLUTERS), fc.string({ maxLength: 20 })))
    .map(([key, value]): Mutation => ({ key, value }));
  const drop = fc.constantFrom(...writable).map(([key]): Mutation => ({ key, drop: true }));
  return fc.array(fc.oneof(
    { weight: 8, arbitrary: setWritable },
    { weight: 2, arbitrary: setReadOnly },
    { weight: 2, arbitrary: setForeign },
    { weight: 2, arbitrary: drop },
  ), { maxLength: 4 });
}

/**
 * What a value of `name` needs beside it to be judged on its own: the state of its `when` field
 * (an instant of a timed activity needs allDay false), with that state's other fields as valid
 * and the other state's emptied.
 */
export function stateFor(entity: EntityDef, name: string, valid: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const when = entity.fields[name]?.when;
  if (!when) return {};
  const out: Record<string, unknown> = { [when.field]: when.equals };
  for (const [other, f] of Object.entries(entity.fields)) {
    if (other !== name && f.when?.field === when.field) out[other] = f.when.equals === when.equals ? valid[other] ?? null : null;
  }
  return out;
}

let fresh = 0;
/**
 * The body with its unique text values made new (`code`, a group's name): what a client creating
 * one more record sends. Unique values are left as they were where a mutation changed them.
 */
export function withFreshUniques(entity: EntityDef, base: Readonly<Record<string, unknown>>, body: Map<string, unknown>): Map<string, unknown> {
  for (const [name, f] of Object.entries(entity.fields)) {
    const v = body.get(name);
    if (!f.unique || typeof v !== 'string' || v !== base[name]) continue;
    const suffix = `~${(fresh += 1).toString(36)}`;
    body.set(name, v.slice(0, textLimit(f) - suffix.length) + suffix);
  }
  return body;
}

export function applyMutations(base: Readonly<Record<string, unknown>>, changes: readonly Mutation[]): Map<string, unknown> {
  const body = new Map(Object.entries(base));
  for (const m of changes) {
    if ('drop' in m) body.delete(m.key);
    else body.set(m.key, m.value);
  }
  return body;
}

/** The answer to a request, as the checks below read it. */
export interface Answer { status: number; headers: Record<string, unknown>; raw: string; body: unknown }

/** app.inject's response as the checks read it (a JSON body parsed). */
export function answerOf(res: { statusCode: number; headers: Record<string, unknown>; body: string }): Answer {
  let body: unknown = null;
  try { body = res.body && String(res.headers['content-type']).includes('json') ? JSON.parse(res.body) : null; } catch { body = null; }
  return { status: res.statusCode, headers: res.headers, raw: res.body, body };
}

/** A request with a JSON body (a Map keeps a `__proto__` key a key), answered as the checks read it. */
export async function send(app: RapportApp, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : jsonText(body instanceof Map ? Object.fromEntries(body) : body);
  return answerOf(await app.inject({ method, url, ...(payload === undefined ? {} : { payload, headers: { 'content-type': 'application/json' } }) }));
}

const STACK_TRACE = /\bat .*\.(ts|js|mjs|cjs):\d+/;

/** Never a 5xx; every 4xx is problem+json with its own status and no stack trace. */
export function expectWellFormed(res: Answer, what: string): void {
  expect(res.status, `${what}: ${res.raw.slice(0, 400)}`).toBeLessThan(500);
  if (res.status < 400) return;
  expect(String(res.headers['content-type']), what).toMatch(/^application\/problem\+json/);
  expect(res.raw, what).not.toMatch(STACK_TRACE);
  expect((res.body as Problem | null)?.status, what).toBe(res.status);
}

/** Paths (`lines.0.description`) of strings holding text no column can keep. */
function brokenTextPaths(v: unknown, path: string, out: string[]): string[] {
  if (typeof v === 'string') { if (BROKEN_TEXT.test(v)) out.push(path); return out; }
  if (v === null || typeof v !== 'object') return out;
  for (const [k, x] of Object.entries(v)) brokenTextPaths(x, path ? `${path}.${k}` : k, out);
  return out;
}

/** JSON a safe parser refuses outright: a `__proto__` key, or `constructor.prototype`. */
function poisoned(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  for (const [k, x] of Object.entries(v)) {
    if (k === '__proto__') return true;
    if (k === 'constructor' && x !== null && typeof x === 'object' && Object.hasOwn(x, 'prototype')) return true;
    if (poisoned(x)) return true;
  }
  return false;
}

/**
 * A 400 for a body names its fields: every error names a field of the entity or a key that was
 * sent; text no column can hold is named where it is; every key the entity does not take is
 * named; a body the parser refuses as a whole is `(body)`.
 */
export function expectFieldsNamed(res: Answer, entity: EntityDef, sent: Readonly<Record<string, unknown>>, accepted: ReadonlySet<string>): void {
  const errors = (res.body as Problem).errors ?? [];
  const fields = errors.map((e) => e.field);
  const what = `${res.raw.slice(0, 400)}\nsent: ${jsonText(sent).slice(0, 400)}`;
  expect(errors.length, what).toBeGreaterThan(0);
  if (poisoned(sent)) {
    expect(fields, what).toEqual(['(body)']);
    return;
  }
  const known = new Set([...Object.keys(entity.allFields), ...Object.keys(sent)]);
  for (const f of fields) expect(known.has(f) || known.has(f.split('.')[0]), `${f} is no field: ${what}`).toBe(true);
  const broken = brokenTextPaths(sent, '', []);
  if (broken.length) {
    expect(broken, what).toContain(fields[0]);
    return;
  }
  for (const key of Object.keys(sent)) if (!accepted.has(key)) expect(fields, `${key} not named: ${what}`).toContain(key);
}

/** What the server should store for a value it accepted (text trimmed, blank text empty, instants in UTC). */
function stored(f: FieldDef, v: unknown): unknown {
  if (typeof v === 'string' && TEXT_KINDS.includes(f.kind)) return v.trim() === '' ? null : v.trim();
  if (f.kind === 'datetime' && typeof v === 'string') return new Date(v).toISOString();
  if ((f.kind === 'decimal' || f.kind === 'percent') && typeof v === 'number') return Number(v.toFixed(DECIMAL_PLACES));
  if (f.kind === 'references' && Array.isArray(v)) return Array.from(new Set(v as number[])).sort((a, b) => a - b);
  return Object.is(v, -0) ? 0 : v; // JSON has no negative zero on the way out
}

/**
 * A write the server accepted reads back as it answered, and holds what was sent: each value
 * given (not null: defaults and rules may fill those) is stored as sent, a total kept by lines
 * is their sum, and lines keep their quantities in order.
 */
export async function expectReadsBack(app: RapportApp, entity: EntityDef, record: Record<string, unknown>, sent: Readonly<Record<string, unknown>>): Promise<void> {
  const base = `/api/v1/${entity.path}`;
  const read = await send(app, 'GET', `${base}/${String(record.id)}`);
  expect(read.status).toBe(200);
  expect(read.body).toEqual(record);
  const what = `sent ${jsonText(sent).slice(0, 600)}\ngot ${JSON.stringify(record).slice(0, 600)}`;
  // A total kept by lines is their sum while there are lines, whatever was sent for it.
  const totals = new Set<string>();
  for (const [name, f] of Object.entries(entity.fields)) {
    const lines = record[name];
    if (!f.lines || !Array.isArray(lines) || lines.length === 0) continue;
    totals.add(f.lines.totalField);
    expect(record[f.lines.totalField], what).toBe((lines as { amount: number }[]).reduce((s, l) => s + l.amount, 0));
  }
  for (const [key, v] of Object.entries(sent)) {
    const f = entity.allFields[key];
    if (!f || f.readOnly || f.kind === 'computed' || v === null || totals.has(key)) continue;
    if (f.kind === 'lines') {
      expect((record[key] as { quantity: number }[]).map((l) => l.quantity), what).toEqual((v as { quantity: number }[]).map((l) => l.quantity));
      continue;
    }
    const want = stored(f, v);
    if (want !== null) expect(record[key], `${key}: ${what}`).toEqual(want);
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/** No cell of an export starts a formula: text that would is written with a leading quote. Returns how many were quoted. */
export async function expectExportNeutralised(format: string, raw: Buffer, what: string): Promise<number> {
  const cells: string[] = [];
  if (format === 'csv') {
    const text = raw.toString('utf8').replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors, what).toEqual([]);
    for (const row of parsed.data) cells.push(...row);
  } else if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw as unknown as ArrayBuffer);
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => {
        expect(cell.type, `${what}: a formula cell`).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') cells.push(cell.value);
      }));
    }
  } else {
    return 0;
  }
  for (const c of cells) if (FORMULA_START.test(c) && !NUMBER.test(c)) expect.fail(`${what}: cell ${JSON.stringify(c.slice(0, 80))} starts a formula`);
  return cells.filter((c) => c.startsWith("'") && FORMULA_START.test(c.slice(1))).length;
}

/**
 * One record's CSV export says what the record holds: row i is export column i, a date as
 * stored, an instant at the same second (in the installation's zone), text as typed (quoted
 * where it would start a formula).
 */
export function expectRecordCsvFaithful(entity: EntityDef, record: Readonly<Record<string, unknown>>, raw: Buffer, what: string): void {
  const rows = Papa.parse<string[]>(raw.toString('utf8').replace(/^\uFEFF/, ''), { delimiter: ',', newline: '\r\n' }).data;
  entity.exportColumns.forEach((c, i) => {
    const v = record[c];
    const cell = rows[i]?.[1];
    const kind = entity.allFields[c].kind;
    if (typeof v !== 'string' || (record._labels as Record<string, unknown> | undefined)?.[c] !== undefined) return;
    if (kind === 'datetime') expect(Math.floor(Date.parse(cell ?? '') / 1000), `${what} ${c}: ${cell} for ${v}`).toBe(Math.floor(Date.parse(v) / 1000));
    else if (kind === 'date') expect(cell, `${what} ${c}`).toBe(v);
    else if (TEXT_KINDS.includes(kind)) expect(cell, `${what} ${c}`).toBe(FORMULA_START.test(v) ? `'${v}` : v);
  });
}

/** Text kinds a user types freely: what an export must quote when it starts a formula. */
export const FREE_TEXT_KINDS: readonly string[] = ['text', 'longtext', 'phone'];

/** Field names a query may give: every field and alias, and names no entity has. */
/**
 * The field paths a list filters by beside its own fields (paths.ts), from the registry: each
 * referenced entity's listable fields (`customerId.typeId`) and, through lines, the product and its
 * fields (`lines.productId.categoryId`). With `oneOfEachKind`, one path per (route, value kind):
 * the SQL a path builds depends on those, not on which field of that kind it names.
 */
export function fieldPaths(entity: EntityDef, oneOfEachKind = false): [path: string, f: FieldDef][] {
  const out: [string, FieldDef][] = [];
  const seen = new Set<string>();
  const add = (route: string, path: string, f: FieldDef) => {
    const key = `${route}:${f.kind}`;
    if (oneOfEachKind && seen.has(key)) return;
    seen.add(key);
    out.push([path, f]);
  };
  for (const [name, f] of Object.entries(entity.allFields)) {
    const target = ENTITIES.find((e) => e.name === (f.kind === 'reference' ? f.reference : f.kind === 'lines' ? f.lines?.item : undefined));
    if (!target) continue;
    const prefix = f.kind === 'lines' ? `${name}.productId` : name;
    if (f.kind === 'lines') add('lines', prefix, { kind: 'reference', reference: target.name, label: target.label });
    for (const [tn, tf] of Object.entries(target.allFields)) if (isListable(tf)) add(f.kind, `${prefix}.${tn}`, tf);
  }
  return out;
}

function queryNames(entity: EntityDef): fc.Arbitrary<string> {
  const own = [...Object.keys(entity.allFields), ...Object.values(entity.allFields).flatMap((f) => (f.alias ? [f.alias] : [])), ...fieldPaths(entity).map(([p]) => p)];
  const nasty = ['deletedAt', 'deleted_at', 'search_text', 'nope', '__proto__', 'constructor', 'prototype', 'name;DROP TABLE customers', 'id) OR (1=1',
    't.name', "name'", 'name"', '../etc', 'ＮＡＭＥ', 'name ', 'a'.repeat(70), '', 'customerId.', '.name', 'customerId.nope', 'customerId.customerId.name',
    'lines.amount', 'lines.productId.lines', 'lines.productId.margin', 'customerId.__proto__', 'ownerId.name', 'customerId.deleted_at', 'a.b.c.d'];
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...own) }, { weight: 2, arbitrary: fc.constantFrom(...nasty) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
}

/** Filter values of the wrong shape for most kinds, and dates and instants no database column holds. */
const FILTER_VALUES = ['', ' ', '0', '1', '-1', '1.5', '1e3', 'NaN', 'true', '2026-03-15', '2026-02-30', '0000-01-01', '0001-01-01', '9999-12-31', '2026-03-15T09:30:00',
  '2026-03-15T09:30:00Z', '9999-12-31T23:59:59-14:00', '+010000-01-01T00:00:00Z', '1,2,x', ',', "' OR 1=1 --", '%', '_', '\\', '"', '삼성', 'a'.repeat(501), '9'.repeat(20)];

/**
 * A query string for the list, count and exports. Each parameter is mostly one a client would
 * send (a filter by the record's own value, a sort or group by a real field), so some lists
 * answer; else hostile: unknown names and operators, SQL in names, values of the wrong shape,
 * too many keys, repeated and malformed parameters, bad percent-encoding.
 */
export function listQuery(entity: EntityDef, sample: Readonly<Record<string, unknown>>, formats: readonly string[]): fc.Arbitrary<string> {
  const listable = Object.entries(entity.allFields).filter(([, f]) => isListable(f)).map(([n]) => n);
  const sortable = listable.filter((n) => isSortable(entity.allFields[n]));
  const amounts = listable.filter((n) => AMOUNT_KINDS.includes(entity.allFields[n].kind));
  const name = queryNames(entity);
  const names = (max: number) => fc.array(fc.tuple(fc.boolean(), name), { minLength: 1, maxLength: max }).map((ns) => ns.map(([desc, n]) => (desc ? `-${n}` : n)).join(','));
  const pair = (key: string, value: fc.Arbitrary<string>) => value.map((v) => `${key}=${encodeURIComponent(v)}`);
  const valid = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...listable).map((n) => filterFor(n, sample[n] ?? null)) },
    { weight: 2, arbitrary: pair('sort', fc.tuple(fc.constantFrom('', '-'), fc.constantFrom(...sortable)).map(([d, n]) => d + n)) },
    { weight: 2, arbitrary: fc.constantFrom(...listable).map((n) => `groupBy=${n}`) },
    ...(amounts.length ? [{ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...listable), fc.constantFrom(...amounts)).map(([g, n]) => `groupBy=${g}&sum=${n}`) }] : []),
    { weight: 1, arbitrary: pair('q', fc.constantFrom('삼성', '华信', 'Victim', 'x', '😀')) },
    { weight: 1, arbitrary: pair('limit', fc.integer({ min: 1, max: 500 }).map(String)) },
    { weight: 1, arbitrary: pair('total', fc.constantFrom('exact', 'none', 'capped')) },
    { weight: 1, arbitrary: pair('locale', fc.constantFrom('ko', 'zh-CN', 'en')) },
    { weight: 1, arbitrary: pair('format', fc.constantFrom(...formats)) },
  );
  const op = fc.oneof(fc.constantFrom('', ...FILTER_OPS.map((o) => `[${o}]`)), fc.constantFrom('[x]', '[EQ]', '[like]', '[]', '[in]]', '[gte][lt]'));
  const ownValue = fc.constantFrom(...Object.values(sample).filter((v) => v !== null && typeof v !== 'object').map(String));
  const filter = fc.tuple(name, op, fc.oneof(fc.constantFrom(...FILTER_VALUES), ownValue, fc.string({ maxLength: 30 })))
    .map(([n, o, v]) => `${encodeURIComponent(`filter[${n}]${o}`)}=${encodeURIComponent(v)}`);
  // Cursors of the right shape (sort values, then an id) with values no column holds, and damaged ones.
  const cursorValue = fc.constantFrom<unknown>('garbage', '', '0000-01-01', '9999-12-31T23:59:59-14:00', '2026-02-30', 1e20, 2 ** 31, -(2 ** 53), 1.5, true, null, 'x'.repeat(300));
  const shaped = fc.tuple(fc.array(cursorValue, { minLength: 1, maxLength: 2 }), fc.constantFrom(1, 2 ** 31, 2 ** 40, -1)).map(([vs, id]) => [...vs, id]);
  const cursor = fc.oneof(fc.string({ maxLength: 60 }), fc.oneof(shaped, fc.jsonValue({ maxDepth: 2 })).map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')));
  const hostile = fc.oneof(
    { weight: 4, arbitrary: filter },
    { weight: 2, arbitrary: pair('sort', names(5)) },
    { weight: 2, arbitrary: pair('groupBy', names(3)) },
    { weight: 1, arbitrary: pair('sum', names(5)) },
    { weight: 2, arbitrary: pair('q', fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('"', '*', 'NEAR(a b)', 'a OR b', '-x', '^x', '%', "'", 'a'.repeat(201), '가'.repeat(200)))) },
    { weight: 1, arbitrary: pair('cursor', cursor) },
    { weight: 1, arbitrary: pair('limit', fc.constantFrom('0', '-1', '501', '1e3', 'abc', '', '1.5', '99999')) },
    { weight: 1, arbitrary: pair('total', fc.constantFrom('x', '')) },
    { weight: 1, arbitrary: pair('locale', fc.constantFrom('zh', 'xx', '', '../')) },
    { weight: 1, arbitrary: pair('trash', fc.constantFrom('1', 'true', '0', 'x')) },
    { weight: 1, arbitrary: pair('columns', names(4)) },
    { weight: 1, arbitrary: pair('format', fc.constantFrom('pdf', '', 'CSV', '../csv')) },
    { weight: 1, arbitrary: fc.constantFrom('nope=1', '__proto__=1', 'constructor[prototype][x]=1', 'filter=1', 'filter[]=1', 'filter[a][b][c]=1',
      '%zz', '%ED%A0%80', 'q=%00', 'q=%FF', '&&', '=', 'a=%', 'sort=name&sort=name', 'q=a&q=b') },
  );
  return fc.array(fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostile }), { minLength: 1, maxLength: 4 }).map((ps) => ps.join('&'));
}

/**
 * Filter values a field's kind parses but a column may not hold: whole numbers past 32 and 53
 * bits, numbers past a double, dates and whole days at the ends of the calendar, instants that
 * fall past them in UTC. Each is tried with each operator that reads it (a whole day's `eq`,
 * `ne`, `gt` and `lte` reach into the next day).
 */
export function filterEdges(f: FieldDef): { ops: readonly string[]; values: readonly string[] } {
  switch (f.kind) {
    case 'integer': case 'money': case 'dictionary': case 'reference': case 'references':
      return { ops: ['', '[in]', '[gte]'], values: ['999999999999999', '-999999999999999', '2147483648', '9007199254740993'] };
    case 'decimal': case 'percent':
      return { ops: ['', '[in]', '[gte]'], values: ['1e308', '-1e308', '1e-320', '99999999999999999999', '0.0000001'] };
    case 'date':
      return { ops: ['', '[ne]', '[gt]', '[lte]', '[in]'], values: ['0000-01-01', '0001-01-01', '9999-12-31'] };
    case 'datetime':
      return { ops: ['', '[ne]', '[gt]', '[gte]', '[lt]', '[lte]', '[in]'], values: ['0000-01-01', '0001-01-01', '9999-12-31', '0001-01-01T00:30:00+01:00', '9999-12-31T23:59:59-14:00'] };
    case 'text': case 'longtext': case 'email': case 'phone': case 'url': case 'color':
      return { ops: ['', '[contains]', '[in]'], values: ['%', '_', '\\', 'x'.repeat(500)] };
    default:
      return { ops: [], values: [] };
  }
}

/** Ids no record has, or that are not ids: each is a 4xx on every `:id` route. */
export const HOSTILE_IDS = ['0', '-1', '1e3', '1.5', '0x10', '%zz', '%00', '%2e%2e', '99999999999', '2147483648', '9'.repeat(40), 'abc', '1;DROP', '１', ' 1', 'a'.repeat(300), 'null', '__proto__', 'constructor'];
