const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const version = { name: 'version', in: 'query', schema: { type: 'string', enum: ['3.0', '4.0'], default: '4.0' } };

/** Routes of the contacts module (M4.c, M5). */
export const CONTACT_PATHS: Record<string, unknown> = {
  '/api/v1/contacts/{id}/make-primary': {
    post: {
      summary: 'Make this the customer\'s primary contact; the previous one is unmarked in the same transaction',
      parameters: id,
      requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { version: { type: 'integer' } } } } } },
      responses: { 200: { description: 'The contact' }, 409: { description: 'Stale version' } },
    },
  },
  '/api/v1/contacts/{id}/vcard': {
    get: { summary: 'One contact as a vCard (UTF-8)', parameters: [...id, version], responses: { 200: { description: 'text/vcard' } } },
  },
};
