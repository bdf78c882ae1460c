import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { problemBody, ProblemError } from './errors.js';

/** What Node's HTTP parser refused, as the status and detail the client is told. */
function refusal(err: NodeJS.ErrnoException): ProblemError {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    // Node counts the request line with the headers: an over-long URL lands here too.
    return new ProblemError(431, STATUS_CODES[431] ?? 'Request Header Fields Too Large', 'The request line or headers are too long (at most 16 KB together).');
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ProblemError(408, STATUS_CODES[408] ?? 'Request Timeout', 'The request did not arrive in time.');
  }
  return new ProblemError(400, STATUS_CODES[400] ?? 'Bad Request', 'The request is not well-formed HTTP/1.1 (request line, headers or framing).');
}

/**
 * Fastify's `clientErrorHandler`: errors of the HTTP parser, before any route or hook runs, get
 * the same problem+json as every other error (issue 14) instead of Fastify's own JSON. Nothing
 * more can be read from such a connection, so the answer closes it.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const problem = refusal(err);
  const body = JSON.stringify(problemBody(problem));
  // Ended, then destroyed once the answer is flushed: destroying at once may drop it unsent.
  socket.end(`HTTP/1.1 ${problem.status} ${problem.title}\r\n`
    + 'content-type: application/problem+json\r\n'
    + `content-length: ${Buffer.byteLength(body)}\r\n`
    + 'connection: close\r\n'
    + '\r\n'
    + body, () => socket.destroy());
}
