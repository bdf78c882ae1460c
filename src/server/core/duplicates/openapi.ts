import type { EntityDef } from '../../../shared/entity/define.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const ids = { type: 'array', items: { type: 'integer' } };
const reasons = 'reasons: [{rule: email|phone|website|name, field, value, score}]';
const merge = 'Merge = {id, entity, survivorId, mergedIds, moved: [{entity, field, count}], createdAt, createdBy, createdByName, undoneAt}';

/** The duplicates and merge routes of one entity. */
export function duplicatePaths(e: EntityDef): Record<string, unknown> {
  const base = `/api/v1/${e.path}`;
  return {
    [`${base}/duplicates`]: { get: {
      summary: `Groups of likely duplicate ${e.path} (normalised email, phone, website domain and name), strongest rule first, without pairs marked "not duplicates": {items: [{key, score, records: [{id, title, version, values, _labels}], ${reasons}}], nextCursor}`,
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        { name: 'cursor', in: 'query', schema: { type: 'string' } },
        { name: 'minScore', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 100 } },
      ],
      responses: { 200: { description: '{items, nextCursor}' }, 400: problem('A bad parameter'), 403: problem('No read right') },
    } },
    [`${base}/duplicates/check`]: { post: {
      summary: `The ${e.path} a draft record's values likely duplicate, best first: {matches: [{id, title, score, ${reasons}}]}; excludeId leaves out the record being edited`,
      parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50 } }],
      requestBody: json({ type: 'object', properties: { excludeId: { type: 'integer' } }, additionalProperties: true }),
      responses: { 200: { description: '{matches}' }, 400: problem('Not an object') },
    } },
    [`${base}/duplicates/dismiss`]: { post: {
      summary: `Mark ${e.path} as not duplicates of each other (every pair is remembered; the scan leaves them apart)`,
      requestBody: json({ type: 'object', required: ['ids'], properties: { ids: { ...ids, minItems: 2, maxItems: 50 } } }),
      responses: { 204: { description: 'Remembered' }, 400: problem('Fewer than two records, or ids the caller cannot read') },
    } },
    [`${base}/{id}/merge`]: { post: {
      summary: `Merge ${e.path} into this one in one transaction: it takes the chosen values, everything linked to the others moves to it (no link doubled), the others go to Trash; undoable. Needs edit on this record and delete on the others. Answers {merge, record}; ${merge}`,
      parameters: id,
      requestBody: json({ type: 'object', required: ['fromIds'], properties: { fromIds: { ...ids, minItems: 1, maxItems: 20 }, values: { type: 'object', description: 'field → the value that wins (own stored fields and ownerId; links and lines move, they are not chosen)' }, version: { type: 'integer' } } }),
      responses: { 200: { description: '{merge, record}' }, 400: problem('Validation failed'), 403: problem('Not allowed'), 404: problem('Not found'), 409: problem('Stale version') },
    } },
  };
}

export const MERGE_PATHS: Record<string, unknown> = {
  '/api/v1/merges': { get: {
    summary: `Merges of an entity, newest first, whose surviving record the caller may read: {items: Merge[], nextCursor}; ${merge}`,
    parameters: [
      { name: 'entity', in: 'query', required: true, schema: { type: 'string' }, description: 'customer, contact, … (or its path)' },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
      { name: 'cursor', in: 'query', schema: { type: 'integer' } },
    ],
    responses: { 200: { description: '{items, nextCursor}' }, 400: problem('No or unknown entity') },
  } },
  '/api/v1/merges/{id}/undo': { post: {
    summary: 'Undo a merge in one transaction: the merged records leave Trash, the moved links go back, the survivor\'s values go back where they still hold what the merge wrote (fields edited since are kept and listed): {merge, record, kept}',
    parameters: id,
    responses: { 200: { description: '{merge, record, kept}' }, 404: problem('Not found'), 409: problem('Already undone, or the survivor is in Trash') },
  } },
};
