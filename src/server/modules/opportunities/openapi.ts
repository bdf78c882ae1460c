const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];

/** Routes of the opportunities module (M8). */
export const OPPORTUNITY_PATHS: Record<string, unknown> = {
  '/api/v1/opportunities/{id}/convert': {
    post: { summary: 'Convert a won opportunity to a sale (lines copied, linked both ways, one transaction); returns the new sale', parameters: id,
      responses: { 201: { description: 'The sale' }, 409: { description: 'Not won (reason: not-won), or already converted (reason: converted, with the sale)' } } },
  },
};
