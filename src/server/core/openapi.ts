import { z } from 'zod';
import type { EntityDef } from '../../shared/entity/define.js';
import { createSchema, recordSchema, updateSchema } from '../../shared/entity/schema.js';
import { exportFormatNames, importFormat, importFormatNames } from './formats.js';
import { FILTER_OPS } from './list-params.js';

const extraPaths: Record<string, unknown> = {};

/** Modules describe the routes they add (members, make-primary, …) so the document stays whole. */
export function registerOpenApiPaths(paths: Record<string, unknown>): void {
  Object.assign(extraPaths, paths);
}

const problem = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problem } } });

/** The OpenAPI document, generated from the same zod schemas the server validates with. */
export function buildOpenApi(entities: readonly EntityDef[]): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    Problem: {
      type: 'object',
      properties: {
        type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
        errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  };
  const paths: Record<string, unknown> = {
    '/api/health': { get: { summary: 'Health check', responses: { 200: { description: '{"status":"ok"}' } } } },
  };
  for (const e of entities) {
    const Name = e.name[0].toUpperCase() + e.name.slice(1);
    schemas[Name] = z.toJSONSchema(recordSchema(e), { io: 'output', unrepresentable: 'any' });
    schemas[`${Name}Create`] = z.toJSONSchema(createSchema(e), { io: 'input', unrepresentable: 'any' });
    schemas[`${Name}Update`] = z.toJSONSchema(updateSchema(e), { io: 'input', unrepresentable: 'any' });
    const ref = (s: string) => ({ $ref: `#/components/schemas/${s}` });
    const json = (s: string) => ({ content: { 'application/json': { schema: ref(s) } } });
    const listParams = [
      { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Substring search (any language, 1+ characters)' },
      { name: 'sort', in: 'query', schema: { type: 'string' }, description: 'Comma-separated fields, "-" for descending, e.g. -updatedAt,name' },
      { name: 'filter', in: 'query', style: 'deepObject', explode: true, schema: { type: 'object' }, description: `filter[field]=value or filter[field][op]=value; ops: ${FILTER_OPS.join(', ')}. A field may be a path: customerId.typeId (the referenced record's field), lines.productId or lines.productId.categoryId (a record holds when one of its lines does). in, nin and passed take comma-separated values; reached and passed read a field's history.` },
      { name: 'groupBy', in: 'query', schema: { type: 'string' }, description: 'One or two fields: returns {groups:[{value,label,count}]}' },
      { name: 'sum', in: 'query', schema: { type: 'string' }, description: 'With groupBy: up to 4 number fields summed per group and in total, e.g. amount,weightedAmount → {groups:[{…, sums}], sums}' },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
      { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
      { name: 'trash', in: 'query', schema: { type: 'boolean' }, description: 'List records in Trash' },
      { name: 'locale', in: 'query', schema: { type: 'string', enum: ['en', 'ko', 'zh-CN'] } },
    ];
    const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
    const base = `/api/v1/${e.path}`;
    paths[base] = {
      get: { summary: `List ${e.path}`, parameters: listParams, responses: { 200: { description: '{items,total,totalCapped,nextCursor} or {groups,total}' }, 400: problemResponse('Unknown field or bad parameter') } },
      post: { summary: `Create a ${e.name}`, requestBody: json(`${Name}Create`), responses: { 201: { description: 'Created', ...json(Name) }, 400: problemResponse('Validation failed') } },
    };
    const formats = ['csv', 'xlsx', ...exportFormatNames(e.name)];
    paths[`${base}/count`] = { get: { summary: `Count ${e.path} (same filters as the list; capped at 10,000, 1,000 for searches, unless total=exact)`, parameters: listParams, responses: { 200: { description: '{total, totalCapped}' } } } };
    paths[`${base}/export`] = { get: { summary: `Export ${e.path} as ${formats.join(', ')} (the list's q, filter and sort; filter[id][in]=1,2,3 for a selection)`, parameters: [...listParams, { name: 'format', in: 'query', schema: { type: 'string', enum: formats } }], responses: { 200: { description: 'The file' } } } };
    const imports = importFormatNames(e.name).map((n) => importFormat(e.name, n, '')).filter((f) => f !== undefined);
    paths[`${base}/import`] = { post: {
      summary: `Import ${e.path} from a CSV, TSV or XLSX file${imports.length ? ' (or a vCard)' : ''} as a background job: multipart/form-data with the part "file" and a JSON part "options" (ImportOptions: uploadId, encoding, delimiter, sheet, mapping, constants, mode create|update|upsert, matchOn, multipleMatches, createMissingValues, locale, dateOrder, skipDuplicates, dryRun). Answers 202 {job}; follow it at /api/v1/import-jobs/{id}.${imports.length ? ` A text body (${imports.flatMap((f) => f.contentTypes).join(', ')}) runs the older one-transaction import and answers its report.` : ''}`,
      parameters: imports.flatMap((f) => f.options ?? []).map((name) => ({ name, in: 'query', schema: { type: 'string', enum: ['0', '1'] } })),
      requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, options: { type: 'string', description: 'ImportOptions as JSON' } } } }, ...Object.fromEntries(imports.flatMap((f) => f.contentTypes).map((t) => [t, { schema: { type: 'string' } }])) } },
      responses: { 202: { description: '{job: ImportJob}' }, 400: problemResponse('Unreadable file or bad options (the field is named)'), 403: problemResponse('No import right'), 413: problemResponse('Larger than 1 GB') },
    } };
    paths[`${base}/import/preview`] = { post: {
      summary: `Read the start of a file for the import wizard: detected format, encoding (and candidates), delimiter, sheets, headers, 20 rows, the suggested mapping and match fields. Multipart (file + options) or JSON {uploadId, encoding, delimiter, sheet} to read an earlier upload again`,
      responses: { 200: { description: 'ImportPreview' }, 400: problemResponse('Unreadable file or bad options'), 403: problemResponse('No import right') },
    } };
    paths[`${base}/{id}`] = {
      get: { summary: `Read a ${e.name}`, parameters: id, responses: { 200: { description: 'The record', ...json(Name) }, 404: problemResponse('Not found') } },
      patch: { summary: `Update a ${e.name} (carries version)`, parameters: id, requestBody: json(`${Name}Update`), responses: { 200: { description: 'Updated', ...json(Name) }, 409: problemResponse('Stale version: the body has `current`') } },
      delete: { summary: `Move a ${e.name} to Trash`, parameters: id, responses: { 204: { description: 'In Trash' } } },
    };
    paths[`${base}/{id}/export`] = { get: { summary: `One ${e.name} as a file: its fields, then its lines with their total where it has lines`, parameters: [...id, { name: 'format', in: 'query', schema: { type: 'string', enum: ['xlsx', 'csv'] } }, { name: 'locale', in: 'query', schema: { type: 'string', enum: ['en', 'ko', 'zh-CN'] } }], responses: { 200: { description: 'The file' }, 404: problemResponse('Not found') } } };
    paths[`${base}/{id}/restore`] = { post: { summary: `Restore a ${e.name} from Trash`, parameters: id, responses: { 200: { description: 'Restored', ...json(Name) } } } };
    paths[`${base}/{id}/changes`] = { get: { summary: `The ${e.name}'s changes, newest first: who, when, and each field before and after (fields hidden from the caller left out)`, parameters: id, responses: { 200: { description: '{items}' }, 404: problemResponse('Not found') } } };
    paths[`${base}/{id}/changes/{entryId}/restore`] = { post: {
      summary: `Set one field of the ${e.name} back to its value before a change: {field, version} (an ordinary edit: rights, checks and a 409 when stale)`,
      parameters: [...id, { name: 'entryId', in: 'path', required: true, schema: { type: 'integer' } }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { field: { type: 'string' }, version: { type: 'integer' } }, required: ['field', 'version'] } } } },
      responses: { 200: { description: 'The record', ...json(Name) }, 409: problemResponse('Stale version') },
    } };
    paths[`${base}/{id}/access`] = { get: { summary: `Why the caller can see this ${e.name}: read, edit, delete and export with scope, granting role and reason; the fields hidden or read-only for them`, parameters: id, responses: { 200: { description: 'The grants' }, 404: problemResponse('Not found') } } };
    for (const [field, f] of Object.entries(e.fields)) {
      const snapshot = Object.keys(f.history?.snapshot ?? {});
      if (!f.history) continue;
      paths[`${base}/{id}/${f.history.route}`] = { get: {
        summary: `Every change of ${field}, oldest first, each written in its change's transaction: {items: [{id, from, to, changedAt, changedBy${snapshot.map((s) => `, ${s}`).join('')}, _labels: {from, to, changedBy}}]}`
          + (snapshot.length ? ` (${snapshot.join(', ')} as it was at the change)` : ''),
        parameters: [...id, { name: 'locale', in: 'query', schema: { type: 'string', enum: ['en', 'ko', 'zh-CN'] } }],
        responses: { 200: { description: 'History' }, 404: problemResponse('Not found') },
      } };
    }
  }
  Object.assign(paths, extraPaths);
  const description = 'Every record (lists too) carries `_labels`: the display text of each reference and dictionary field (string or null) and of each references field (string[]), in the request locale (`?locale=` or Accept-Language).';
  return { openapi: '3.1.0', info: { title: 'Rapport API', version: '1', description }, paths, components: { schemas } };
}
