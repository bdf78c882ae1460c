import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition } from '../src/server/core/attachments/file-name.js';
import { CHUNK_BYTES } from '../src/server/core/attachments/store.js';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { createCustomer } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { HOSTILE_FILES, largePng, pdf, png } from './support/files.js';
import { call, type Problem } from './support/http.js';
import { expectIntact } from './support/integrity.js';
import { upload } from './support/multipart.js';
import { sampleBody } from './support/samples.js';
import { snapshot } from './support/snapshot.js';

interface Attachment {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
  createdBy: number | null;
  _labels: { createdBy: string | null };
  previewable: boolean;
}
interface Items { items: Attachment[] }

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Quote').addRow(['Item', 'Price']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(DATABASES)('attachments on $name', (database) => {
  let t: TestApp;
  let customer: { id: number };
  beforeAll(async () => {
    t = await startApp(database);
    customer = await createCustomer(t.app, { name: 'Attachment Trading' });
  });
  afterAll(async () => { await t?.close(); });

  const base = () => `/api/v1/customers/${customer.id}/attachments`;
  const list = async (url = base()) => (await call<Items>(t.app, 'GET', url)).body.items;
  const download = (id: number, query = '', headers: Record<string, string> = {}) => t.app.inject({ url: `/api/v1/attachments/${id}${query}`, headers });
  const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.app.database.kysely)).rows[0].n);
  const expectProblem = (res: { status: number; headers: Record<string, unknown>; raw: string }, status: number) => {
    expect(res.status, res.raw).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
    expect(res.raw).not.toMatch(/at .*\.ts:\d+/);
  };

  it('uploads one file, lists it with who and when, and gives the same bytes back', async () => {
    const image = png(16);
    const res = await upload<Items>(t.app, base(), [{ name: 'card.png', data: image, type: 'image/png' }]);
    expect(res.status, res.raw).toBe(201);
    expect(res.body.items).toHaveLength(1);
    const a = res.body.items[0];
    expect(a).toMatchObject({ fileName: 'card.png', contentType: 'image/png', size: image.length, createdBy: 1, _labels: { createdBy: 'Local user' }, previewable: true });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(a.createdAt)).not.toBeNaN();
    expect((await list()).map((i) => i.id)).toContain(a.id);

    const got = await download(a.id);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(image)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-length']).toBe(String(image.length));
    expect(got.headers['content-disposition']).toBe('attachment; filename="card.png"; filename*=UTF-8\'\'card.png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('private');
    // The ETag is the content's hash: a thumbnail shown again is not sent again.
    const again = await download(a.id, '', { 'if-none-match': String(got.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('uploads several files at once (image, PDF, Excel, CSV, text) typed by their content, listed newest first', async () => {
    const files = [
      { name: 'photo.jpg.png', data: png(), type: 'application/octet-stream' },
      { name: 'contract.pdf', data: pdf(), type: 'text/plain' },
      { name: 'quote.xlsx', data: await xlsx() },
      { name: 'leads.csv', data: 'name,city\n삼성전자,서울\n"Kim, Ltd",Busan\n' },
      { name: 'notes.txt', data: '첫 미팅 메모\n\t- 계약서 검토\r\n' },
      { name: 'vcard.vcf', data: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim\r\nEND:VCARD\r\n' },
    ];
    const res = await upload<Items>(t.app, base(), files);
    expect(res.status, res.raw).toBe(201);
    expect(res.body.items.map((i) => [i.fileName, i.contentType, i.previewable])).toEqual([
      ['photo.jpg.png', 'image/png', true],
      ['contract.pdf', 'application/pdf', true],
      ['quote.xlsx', XLSX, false],
      ['leads.csv', 'text/csv', false],
      ['notes.txt', 'text/plain', false],
      ['vcard.vcf', 'text/plain', false],
    ]);
    const listed = await list();
    const ids = listed.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(listed.slice(0, files.length).map((i) => i.fileName)).toEqual(files.map((f) => f.name).reverse());
    const csv = await download(res.body.items[3].id);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toBe(files[3].data);
  });

  it('stores a file larger than a chunk in chunks and streams it back byte for byte', async () => {
    const big = largePng(Math.round(2.3 * MB));
    const res = await upload<Items>(t.app, base(), [{ name: 'scan.png', data: big }]);
    expect(res.status, res.raw).toBe(201);
    const id = res.body.items[0].id;
    const { rows } = await sql<{ n: number; total: number }>`SELECT count(*) AS n, sum(length(data)) AS total FROM attachment_chunks WHERE attachment_id = ${id}`.execute(t.app.database.kysely);
    expect(Number(rows[0].n)).toBe(Math.ceil(big.length / CHUNK_BYTES));
    expect(Number(rows[0].total)).toBe(big.length);
    const got = await download(id);
    expect(got.headers['content-length']).toBe(String(big.length));
    expect(got.rawPayload.equals(big)).toBe(true);
  });

  it('keeps a Korean or Chinese file name in Content-Disposition, with an ASCII fallback', async () => {
    // macOS sends Korean names decomposed (NFD); they are stored composed.
    const res = await upload<Items>(t.app, base(), [{ name: '계약서 (최종)\'s 사본.pdf'.normalize('NFD'), data: pdf() }, { name: '合同 草案.pdf', data: pdf() }]);
    expect(res.status, res.raw).toBe(201);
    const [ko, zh] = res.body.items;
    expect(ko.fileName).toBe('계약서 (최종)\'s 사본.pdf');
    const disposition = String((await download(ko.id)).headers['content-disposition']);
    expect(disposition).toBe(`attachment; filename="___ (__)'s __.pdf"; filename*=UTF-8''${encodeURIComponent(ko.fileName).replace(/['()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    const star = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(star)).toBe(ko.fileName);
    expect(String((await download(zh.id)).headers['content-disposition'])).toBe(`attachment; filename="__ __.pdf"; filename*=UTF-8''${encodeURIComponent('合同 草案.pdf')}`);
    // Quotes, backslashes and percent signs never reach the quoted fallback (browsers send a quote as %22 anyway).
    expect(contentDisposition('inline', 'a"b\\c%22.pdf')).toBe(`inline; filename="a_b_c_22.pdf"; filename*=UTF-8''a%22b%5Cc%2522.pdf`);
  });

  it('sanitises file names: no folders, control characters or direction tricks; long names keep their extension', async () => {
    const res = await upload<Items>(t.app, base(), [
      { name: '../../etc/passwd.txt', data: 'x\n' },
      { name: 'C:\\Users\\kim\\memo.txt', data: 'x\n' },
      { name: 'a\u0000b\u0007c\u202Etxt.exe.txt', data: 'x\n' },
      { name: `${'가'.repeat(5000)}.txt`, data: 'x\n' },
      { name: '\u0000\u0001', data: 'x\n' },
      { name: `${'x'.repeat(200_000)}.txt`, data: 'x\n' },
    ]);
    expect(res.status, res.raw).toBe(201);
    const names = res.body.items.map((i) => i.fileName);
    expect(names.slice(0, 3)).toEqual(['passwd.txt', 'memo.txt', 'abctxt.exe.txt']);
    expect(Array.from(names[3])).toHaveLength(200);
    expect(names[3].endsWith('가.txt')).toBe(true);
    expect(names[4]).toBe('file');
    // A part header that long is cut by the multipart parser itself; what arrives is still kept short.
    expect(names[5]).toMatch(/^x{1,200}(\.txt)?$/);
  });

  it('refuses a file over the limit from Settings with 413 naming it, and stores nothing of that request', async () => {
    const settings = await call<{ attachmentMaxBytes: number }>(t.app, 'GET', '/api/v1/settings');
    expect(settings.body.attachmentMaxBytes).toBe(10 * MB);
    const lowered = await call<{ attachmentMaxBytes: number }>(t.app, 'PATCH', '/api/v1/settings', { attachmentMaxBytes: 2048 });
    expect(lowered.status, lowered.raw).toBe(200);
    expect(lowered.body.attachmentMaxBytes).toBe(2048);
    try {
      const before = await snapshot(t.app.database);
      const res = await upload<Problem>(t.app, base(), [{ name: 'small.png', data: png() }, { name: 'big scan.png', data: largePng(4096) }]);
      expectProblem(res, 413);
      expect(res.body.errors).toEqual([{ field: 'files', message: 'big scan.png is larger than 2 KB' }]);
      expect(await snapshot(t.app.database)).toBe(before);
      // The message is in the request's language.
      const ko = await upload<Problem>(t.app, base(), [{ name: '명함.png', data: largePng(4096) }], { 'accept-language': 'ko' });
      expect(ko.body.errors?.[0].message).toMatch(/^명함\.png.*2 KB/);
      await call(t.app, 'PATCH', '/api/v1/settings', { attachmentMaxBytes: 10 * MB });
      const exact = await upload<Problem>(t.app, base(), [{ name: 'big scan.png', data: largePng(4096) }]);
      expect(exact.status, exact.raw).toBe(201);
    } finally {
      await call(t.app, 'PATCH', '/api/v1/settings', { attachmentMaxBytes: 10 * MB });
    }
  });

  it('the limit setting is checked: 1 KB to 100 MB, whole bytes', async () => {
    for (const bad of [1023, 100 * MB + 1, 1536.5, '2048', null]) {
      const res = await call<Problem>(t.app, 'PATCH', '/api/v1/settings', { attachmentMaxBytes: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.errors?.[0].field).toBe('attachmentMaxBytes');
    }
    for (const good of [1024, 100 * MB]) expect((await call(t.app, 'PATCH', '/api/v1/settings', { attachmentMaxBytes: good })).status).toBe(200);
    await call(t.app, 'PATCH', '/api/v1/settings', { attachmentMaxBytes: 10 * MB });
  });

  it('refuses executables, HTML, SVG, XML, scripts and unknown binaries with 415 whatever their name, and a valid file beside them is not stored either', async () => {
    for (const [kind, data] of Object.entries(HOSTILE_FILES)) {
      const before = await snapshot(t.app.database);
      const res = await upload<Problem>(t.app, base(), [{ name: 'fine.pdf', data: pdf() }, { name: 'photo.png', data, type: 'image/png' }]);
      expectProblem(res, 415);
      expect(res.body.errors, kind).toEqual([{ field: 'files', message: 'photo.png is not a type of file that can be attached' }]);
      expect(await snapshot(t.app.database), kind).toBe(before);
    }
  });

  it('names every refused file at once: 413 when one is too large, beside a 415', async () => {
    await call(t.app, 'PATCH', '/api/v1/settings', { attachmentMaxBytes: 4096 });
    try {
      const res = await upload<Problem>(t.app, base(), [{ name: 'page.html', data: HOSTILE_FILES.html }, { name: 'huge.png', data: largePng(8192) }, { name: 'empty.txt', data: '' }]);
      expectProblem(res, 413);
      expect(res.body.errors?.map((e) => e.message)).toEqual(['page.html is not a type of file that can be attached', 'huge.png is larger than 4 KB', 'empty.txt is empty']);
    } finally {
      await call(t.app, 'PATCH', '/api/v1/settings', { attachmentMaxBytes: 10 * MB });
    }
  });

  it('bad uploads are 4xx problem+json, never a 500, and store nothing', async () => {
    const before = await snapshot(t.app.database);
    const url = base();
    const boundary = 'rapport-boundary';
    const raw = (payload: string | Buffer, contentType = `multipart/form-data; boundary=${boundary}`) => t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
    const cases: [string, Awaited<ReturnType<typeof raw>>, number][] = [
      ['garbage body', await raw('garbage'), 400],
      ['no boundary', await raw('garbage', 'multipart/form-data'), 400],
      ['cut off mid-file', await raw(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nhello`), 400],
      ['empty body', await raw(''), 400],
      ['only a text field', await raw(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`), 400],
      ['an empty file', await raw(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="empty.pdf"\r\n\r\n\r\n--${boundary}--\r\n`), 400],
      ['JSON instead of a form', await t.app.inject({ method: 'POST', url, payload: { files: ['a'] } }), 415],
      ['no content type', await t.app.inject({ method: 'POST', url }), 415],
    ];
    for (const [name, res, status] of cases) {
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(String(res.headers['content-type']), name).toMatch(/application\/problem\+json/);
    }
    const empty = cases[5][1].json() as Problem;
    expect(empty.errors).toEqual([{ field: 'files', message: 'empty.pdf is empty' }]);
    const tooMany = await upload<Problem>(t.app, url, Array.from({ length: 21 }, (_, i) => ({ name: `n${i}.txt`, data: 'x\n' })));
    expectProblem(tooMany, 413);
    expect(tooMany.body.errors?.[0].message).toBe('At most 20 files can be uploaded at a time');
    expect(await snapshot(t.app.database)).toBe(before);
    await expectIntact(t.app.database);
  });

  it('hostile uploads (random bytes, names and bodies): never a 5xx; refused ones store nothing; stored names are clean', async () => {
    const name = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('../x.png', 'a\u0000b.txt', '\u202Egnp.exe', 'C:\\x\\y.pdf', '', '.', ' '), fc.string({ unit: 'grapheme', maxLength: 80 }));
    const data = fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.string({ maxLength: 500 }), fc.constantFrom(...Object.values(HOSTILE_FILES).map((b) => new Uint8Array(b)), new Uint8Array(png()), new Uint8Array(pdf())));
    const url = base();
    await fc.assert(fc.asyncProperty(fc.array(fc.record({ name, data }), { minLength: 1, maxLength: 4 }), async (files) => {
      const before = await count('attachments');
      const res = await upload<Items & Problem>(t.app, url, files.map((f) => ({ name: f.name, data: typeof f.data === 'string' ? f.data : Buffer.from(f.data) })));
      expect(res.status, res.raw).toBeLessThan(500);
      if (res.status >= 400) {
        expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
        expect(await count('attachments')).toBe(before);
      } else {
        for (const a of res.body.items) {
          expect(a.fileName).not.toMatch(/[/\\\u0000-\u001f\u007f\u202a-\u202e]/);
          expect(Array.from(a.fileName).length).toBeLessThanOrEqual(200);
          expect(a.fileName.length).toBeGreaterThan(0);
        }
      }
    }), { numRuns: 60 });
    const garbage = fc.oneof(fc.uint8Array({ maxLength: 1024 }).map((b) => Buffer.from(b)), fc.string({ maxLength: 400 }).map((s) => `--b\r\n${s}`));
    await fc.assert(fc.asyncProperty(garbage, fc.constantFrom('multipart/form-data; boundary=b', 'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="a b"'), async (payload, contentType) => {
      const before = await count('attachments');
      const res = await t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode >= 400) expect(await count('attachments')).toBe(before);
    }), { numRuns: 60 });
    await expectIntact(t.app.database);
  });

  it('404 for an unknown or trashed record, and an attachment of a trashed record is hidden until it is restored', async () => {
    for (const id of ['999999', '0', 'abc', '99999999999', '-1']) {
      expectProblem(await call(t.app, 'GET', `/api/v1/customers/${id}/attachments`), 404);
      expectProblem(await upload(t.app, `/api/v1/customers/${id}/attachments`, [{ name: 'a.png', data: png() }]), 404);
    }
    for (const id of ['999999', '0', 'abc', '1e3', '99999999999']) {
      expectProblem(await call(t.app, 'GET', `/api/v1/attachments/${id}`), 404);
      expectProblem(await call(t.app, 'DELETE', `/api/v1/attachments/${id}`), 404);
    }
    const other = await createCustomer(t.app);
    const stored = await upload<Items>(t.app, `/api/v1/customers/${other.id}/attachments`, [{ name: 'a.png', data: png() }]);
    const id = stored.body.items[0].id;
    expect((await call(t.app, 'DELETE', `/api/v1/customers/${other.id}`)).status).toBe(204);
    const before = await snapshot(t.app.database);
    expectProblem(await call(t.app, 'GET', `/api/v1/customers/${other.id}/attachments`), 404);
    expectProblem(await upload(t.app, `/api/v1/customers/${other.id}/attachments`, [{ name: 'b.png', data: png() }]), 404);
    expectProblem(await call(t.app, 'GET', `/api/v1/attachments/${id}`), 404);
    expectProblem(await call(t.app, 'DELETE', `/api/v1/attachments/${id}`), 404);
    expect(await snapshot(t.app.database)).toBe(before);
    expect((await call(t.app, 'POST', `/api/v1/customers/${other.id}/restore`)).status).toBe(200);
    expect((await list(`/api/v1/customers/${other.id}/attachments`)).map((a) => a.id)).toEqual([id]);
    expect((await download(id)).statusCode).toBe(200);
  });

  it('deletes an attachment with its chunks; the record\'s other files stay', async () => {
    const res = await upload<Items>(t.app, base(), [{ name: 'keep.png', data: png() }, { name: 'drop.png', data: largePng(CHUNK_BYTES + 10) }]);
    const [keep, drop] = res.body.items;
    const chunksBefore = await count('attachment_chunks');
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/attachments/${drop.id}` });
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect(await count('attachment_chunks')).toBe(chunksBefore - 2);
    expect((await download(drop.id)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/attachments/${drop.id}` })).statusCode).toBe(404);
    const ids = (await list()).map((a) => a.id);
    expect(ids).toContain(keep.id);
    expect(ids).not.toContain(drop.id);
    await expectIntact(t.app.database);
  });

  it('shows images and PDF inline under a sandboxing policy; anything else downloads even when asked inline', async () => {
    const res = await upload<Items>(t.app, base(), [{ name: 'card.png', data: png() }, { name: 'contract.pdf', data: pdf() }, { name: 'data.csv', data: 'a,b\n1,2\n' }, { name: 'q.xlsx', data: await xlsx() }]);
    const [image, doc, csv, sheet] = res.body.items;
    for (const a of [image, doc]) {
      const got = await download(a.id, '?inline=1');
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-disposition']).toMatch(/^inline; filename="/);
      const csp = String(got.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain('sandbox');
      expect(csp).not.toMatch(/script-src/);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
    }
    for (const a of [csv, sheet]) {
      const got = await download(a.id, '?inline=1');
      expect(got.headers['content-disposition']).toMatch(/^attachment; /);
      expect(String(got.headers['content-security-policy'])).toContain('sandbox');
    }
    // A download is never an inline page either, and the app's own policy stays on its other answers.
    expect((await download(image.id)).headers['content-disposition']).toMatch(/^attachment; /);
    expect(String((await t.app.inject({ url: '/api/v1/customers' })).headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('every entity that declares attachments has the routes; the others answer 404 problem+json', async () => {
    const withFiles = ENTITIES.filter((e) => e.attachments);
    expect(withFiles.map((e) => e.name)).toContain('customer');
    const openapi = (await call<{ paths: Record<string, unknown> }>(t.app, 'GET', '/api/openapi.json')).body;
    expect(openapi.paths['/api/v1/attachments/{id}']).toBeDefined();
    for (const entity of ENTITIES) {
      const created = await call<{ id: number }>(t.app, 'POST', `/api/v1/${entity.path}`, await sampleBody(t.app, entity, `Files ${entity.name}`));
      expect(created.status, created.raw).toBe(201);
      const url = `/api/v1/${entity.path}/${created.body.id}/attachments`;
      const posted = await upload<Items>(t.app, url, [{ name: 'a.png', data: png() }]);
      const listed = await call<Items>(t.app, 'GET', url);
      if (entity.attachments) {
        expect(posted.status, `${entity.name}: ${posted.raw}`).toBe(201);
        expect(listed.body.items.map((i) => i.id)).toEqual([posted.body.items[0].id]);
        expect(openapi.paths[`/api/v1/${entity.path}/{id}/attachments`], entity.name).toBeDefined();
      } else {
        expectProblem(posted, 404);
        expectProblem(listed, 404);
        expect(openapi.paths[`/api/v1/${entity.path}/{id}/attachments`], entity.name).toBeUndefined();
      }
    }
  });
});
