const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const ids = { type: 'array', items: { type: 'integer' }, maxItems: 10000 };
const matching = { type: 'object', properties: { q: { type: 'string' }, filter: { type: 'object', additionalProperties: { type: 'string' }, description: 'customer-list filters: {"typeId": "3", "id[in]": "1,2"}' } } };
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const list = { description: 'The customer list ({items,total,totalCapped,nextCursor}, or {groups,total} with groupBy)' };

/** The members API of customer groups (M3.b). */
export const GROUP_MEMBER_PATHS: Record<string, unknown> = {
  '/api/v1/customer-groups/{id}/members': {
    get: { summary: 'The group\'s customers: the customer list\'s q, sort, filter, cursor, limit, groupBy', parameters: id, responses: { 200: list, 404: { description: 'No such group (or in Trash)' } } },
    post: { summary: 'Add customers (bulk, idempotent, one transaction)', parameters: id, requestBody: json({ type: 'object', required: ['customerIds'], properties: { customerIds: ids } }), responses: { 200: { description: '{added, memberCount}' }, 400: { description: 'Unknown or deleted ids, named under customerIds; nothing written' } } },
    delete: { summary: 'Remove customers (bulk, idempotent, one transaction)', parameters: id, requestBody: json({ type: 'object', required: ['customerIds'], properties: { customerIds: ids } }), responses: { 200: { description: '{removed, memberCount}' } } },
    patch: {
      summary: 'The Add/Remove group members dialog\'s OK: addMatching, add, removeMatching, remove, in that order, in one transaction',
      parameters: id,
      requestBody: json({ type: 'object', properties: { add: ids, remove: ids, addMatching: matching, removeMatching: matching } }),
      responses: { 200: { description: '{added, removed, memberCount}' }, 400: { description: 'A bad id or filter; nothing changed' } },
    },
  },
  '/api/v1/customer-groups/{id}/non-members': {
    get: { summary: 'Customers not in the group, with the customer list\'s parameters', parameters: id, responses: { 200: list } },
  },
};
