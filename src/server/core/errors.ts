import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { FieldIssue } from '../../shared/entity/schema.js';

/** An error that becomes an RFC 9457 problem+json response. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldIssue[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, errors?: FieldIssue[]) => new ProblemError(400, 'Bad Request', detail, errors);
export const notFound = (detail = 'No such record') => new ProblemError(404, 'Not Found', detail);
export const invalid = (errors: FieldIssue[]) =>
  new ProblemError(400, 'Validation failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

/** The RFC 9457 body: the same shape whether a route, Fastify or the HTTP parser refused the request. */
export function problemBody(e: ProblemError): Record<string, unknown> {
  return {
    type: `https://rapport.invalid/problems/${e.status}`,
    title: e.title,
    status: e.status,
    detail: e.detail ?? e.title,
    ...(e.errors ? { errors: e.errors } : {}),
    ...(e.extra ?? {}),
  };
}

export function sendProblem(reply: FastifyReply, e: ProblemError): FastifyReply {
  return reply.status(e.status).type('application/problem+json').send(problemBody(e));
}

/** The standard reason phrase of a status, the problem's title when nothing more specific is known. */
export const statusTitle = (status: number): string => STATUS_CODES[status] ?? 'Error';

/** Every error reaches the client as problem+json; never a stack trace, never a 500 for bad input. */
export function installErrorHandling(app: FastifyInstance, opts: { spaIndex?: boolean } = {}): void {
  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error);
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // The body parser's refusals (not JSON, a __proto__ key, too large) are about the body as a whole.
      const errors = error.code?.startsWith('FST_ERR_CTP_') ? [{ field: '(body)', message: error.message }] : undefined;
      return sendProblem(reply, new ProblemError(status, statusTitle(status), error.message, errors));
    }
    request.log.error(error);
    return sendProblem(reply, new ProblemError(500, 'Internal Server Error', 'Something went wrong on the server; nothing was saved.'));
  });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (e.g. /customers/12) get the web app's shell when it is served. A missing asset is a 404:
    // a page's chunk from an older build must fail as such (the page offers a reload), not arrive as HTML.
    if (opts.spaIndex && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(reply, new ProblemError(404, 'Not Found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}

/** Fastify's own early errors (bad percent-encoding, bad JSON) also become problem+json (DESIGN.md §8). */
export function frameworkErrors(error: FastifyError, _req: unknown, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  void sendProblem(reply, new ProblemError(status, statusTitle(status), error.message));
}
