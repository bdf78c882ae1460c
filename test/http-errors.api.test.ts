import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startApp, type TestApp } from './support/databases.js';

interface RawResponse { status: number; headers: Record<string, string>; body: string }

/** Writes bytes on a real socket and reads until the server closes it: inject() would skip Node's HTTP parser. */
function rawRequest(port: number, chunks: readonly (string | Buffer)[]): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d) => received.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.on('connect', () => { for (const c of chunks) socket.write(c); });
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
  });
}

function expectProblem(res: RawResponse, status: number): Record<string, unknown> {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body).toMatchObject({ type: `https://rapport.invalid/problems/${status}`, status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

/** Issue 14: what the HTTP layer answers itself is problem+json like every route's errors. */
describe('errors of the HTTP layer over a real socket', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startApp(DATABASES[0]);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    port = address.port;
  });
  afterAll(async () => t.close());

  it('an over-long URL is 431, with connection: close', async () => {
    const res = await rawRequest(port, [`GET /api/v1/customers?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`]);
    expectProblem(res, 431);
    expect(res.headers.connection).toBe('close');
  });

  it('over-long headers are 431', async () => {
    const res = await rawRequest(port, [`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`]);
    expectProblem(res, 431);
  });

  it('a broken request line is 400', async () => {
    const res = await rawRequest(port, ['THIS IS NOT HTTP\r\n\r\n']);
    expectProblem(res, 400);
    expect(res.headers.connection).toBe('close');
  });

  it('a body over the limit is 413', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });
    const res = await rawRequest(port, [`POST /api/v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`, body]);
    expectProblem(res, 413);
  });

  it('JSON that does not parse is 400', async () => {
    const body = '{"name": ';
    const res = await rawRequest(port, [`POST /api/v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body]);
    const problem = expectProblem(res, 400);
    expect(problem.errors).toEqual([expect.objectContaining({ field: '(body)' })]);
  });
});
