import type { EntityDef } from '../../../shared/entity/define.js';
import { registerOpenApiPaths } from '../openapi.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const attachment = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, fileName: { type: 'string' }, contentType: { type: 'string', description: 'Read from the content, not the name' },
    size: { type: 'integer' }, sha256: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, createdBy: { type: ['integer', 'null'] },
    _labels: { type: 'object', properties: { createdBy: { type: ['string', 'null'] } } },
    previewable: { type: 'boolean', description: 'Images and PDF: GET /api/v1/attachments/{id}?inline=1 shows them in the browser' },
  },
};
const items = { description: '{items: [attachment]}', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: attachment } } } } } };

/** The attachment routes in the OpenAPI document, for every entity that carries attachments. */
export function describeAttachmentRoutes(entities: readonly EntityDef[]): void {
  const paths: Record<string, unknown> = {};
  for (const e of entities) {
    paths[`/api/v1/${e.path}/{id}/attachments`] = {
      get: { summary: `Files attached to a ${e.name}, newest first`, parameters: id, responses: { 200: items, 404: problem('No such record, or it is in Trash') } },
      post: {
        summary: `Attach files to a ${e.name}: multipart/form-data, one or more parts named "files", up to 20; all are stored or none. `
          + 'Allowed by content: PNG, JPEG, GIF, WebP, PDF, Office Open XML, OpenDocument, ZIP, plain text and CSV (UTF-8). Each file at most Settings attachmentMaxBytes.',
        parameters: id,
        requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } },
        responses: { 201: items, 400: problem('No file, an empty file, or unreadable multipart'), 404: problem('No such record, or it is in Trash'), 413: problem('A file is larger than the limit, or too many files (each named in errors)'), 415: problem('A file\'s content is not an allowed type (each named in errors), or the body is not multipart') },
      },
    };
  }
  paths['/api/v1/attachments/{id}'] = {
    get: {
      summary: 'The file, streamed, as an attachment download; ?inline=1 shows images and PDF in the browser (sandboxed, nosniff)',
      parameters: [...id, { name: 'inline', in: 'query', schema: { type: 'string', enum: ['1'] } }],
      responses: { 200: { description: 'The file, with its detected Content-Type and Content-Disposition (UTF-8 file name)' }, 304: { description: 'Not modified (ETag is the SHA-256)' }, 404: problem('No such attachment, or its record is in Trash') },
    },
    delete: { summary: 'Delete an attachment and its content', parameters: id, responses: { 204: { description: 'Deleted' }, 404: problem('No such attachment, or its record is in Trash') } },
  };
  registerOpenApiPaths(paths);
}
