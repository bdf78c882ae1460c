import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, ImportRowReport } from '../src/shared/import.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call } from './support/http.js';
import { multipartBody } from './support/multipart.js';
import { sql } from 'kysely';
import { buildApp, type RapportApp } from '../src/server/app.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/import');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** Sends a file with options; returns the answer's status and body. */
async function postImport(app: RapportApp, entityPath: string, file: { name: string; data: Buffer | string }, options: Record<string, unknown> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const { payload, contentType } = await multipartBody([file], 'file', { options: JSON.stringify(options) });
  const res = await app.inject({ method: 'POST', url: `/api/v1/${entityPath}/import`, payload, headers: { 'content-type': contentType } });
  return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
}

/** Sends a file with options and returns the job as it ends (the runner is awaited); anything but a 202 fails the test. */
async function importFile(app: RapportApp, entityPath: string, file: { name: string; data: Buffer | string }, options: Record<string, unknown> = {}): Promise<{ status: number; job: ImportJob; body: Record<string, unknown> }> {
  const { status, body } = await postImport(app, entityPath, file, options);
  if (status !== 202) throw new Error(`import answered ${status}: ${JSON.stringify(body).slice(0, 500)}`);
  await app.importRunner.idle();
  const job = (await call<ImportJob>(app, 'GET', `/api/v1/import-jobs/${(body.job as ImportJob).id}`)).body;
  return { status, job, body };
}

async function rowsOf(app: RapportApp, jobId: number, action?: string): Promise<ImportRowReport[]> {
  return (await call<{ items: ImportRowReport[] }>(app, 'GET', `/api/v1/import-jobs/${jobId}/rows?limit=1000${action ? `&action=${action}` : ''}`)).body.items;
}

async function customersNamed(app: RapportApp, q: string): Promise<Record<string, unknown>[]> {
  return (await call<{ items: Record<string, unknown>[] }>(app, 'GET', `/api/v1/customers?q=${encodeURIComponent(q)}&limit=100`)).body.items;
}

async function customerByCode(app: RapportApp, code: string): Promise<Record<string, unknown> | undefined> {
  const found = (await call<{ items: Record<string, unknown>[] }>(app, 'GET', `/api/v1/customers?filter[code]=${encodeURIComponent(code)}`)).body.items[0];
  return found ? (await call(app, 'GET', `/api/v1/customers/${String(found.id)}`)).body : undefined;
}

for (const db of DATABASES) {
  describe(`import (issue 16) on ${db.name}`, () => {
    let t: TestApp;
    beforeAll(async () => { t = await startApp(db); });
    afterAll(async () => { await t?.close(); });

    it('previews an Excel "CSV UTF-8" file: BOM dropped, headers mapped from the Korean export titles', async () => {
      const { payload, contentType } = await multipartBody([{ name: 'customers-excel-utf8.csv', data: fixture('customers-excel-utf8.csv') }], 'file');
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/customers/import/preview', payload, headers: { 'content-type': contentType } });
      expect(res.statusCode).toBe(200);
      const p = JSON.parse(res.body) as { encoding: string; delimiter: string; headers: string[]; mapping: Record<string, string | null>; sampleRows: string[][] };
      expect(p.encoding).toBe('utf-8');
      expect(p.delimiter).toBe(',');
      expect(p.headers[0]).toBe('고객명');
      expect(p.mapping).toMatchObject({ 고객명: 'name', '고객 코드': 'code', '고객 유형': 'typeId', 업종: 'industryId', 이메일: 'email', 지역: 'regionId', 메모: 'notes' });
      expect(p.sampleRows).toHaveLength(12);
    });

    it('imports the Excel UTF-8 file: 12 customers with dictionary values found by their Korean labels', async () => {
      const { job } = await importFile(t.app, 'customers', { name: 'customers-excel-utf8.csv', data: fixture('customers-excel-utf8.csv') });
      expect(job.status).toBe('done');
      expect(job.counts).toMatchObject({ rows: 12, created: 12, errors: 0 });
      expect(job.landedThroughRow).toBe(12);
      const c = await customerByCode(t.app, 'KR-0002');
      expect(c?.name).toBe('똠방각하 주식회사');
      expect(c?.notes).toBe('VIP 고객, 연 2회 방문');
      expect((c?._labels as Record<string, unknown>).typeId).toBeTruthy();
      const first = await customerByCode(t.app, 'KR-0001');
      expect(first?.postalCode).toBe('06234');
      expect((await customerByCode(t.app, 'KR-0012'))?.regionId).toBeNull();
      expect((await customerByCode(t.app, 'KR-0009'))?.notes).toBe('"최상품" 감귤만 납품');
      // The search index knows them (a 2-character Korean term).
      expect((await customersNamed(t.app, '햏햏')).map((x) => x.code)).toContain('KR-0003');
    });

    it('detects CP949 (with syllables EUC-KR lacks), GB18030 with a semicolon, Big5, Shift_JIS and UTF-16 text', async () => {
      const cases: [string, string, string, string][] = [
        ['customers-cp949.csv', 'cp949', 'CP-001', '똠얌꿍식당'],
        ['customers-gb18030.csv', 'gb18030', 'CN-002', '上海𠮷祥餐饮管理有限公司'],
        ['customers-big5.csv', 'big5', 'TW-002', '許氏功夫茶行'],
        ['customers-shiftjis.csv', 'shift_jis', 'JP-003', 'ソフト開発有限会社'],
        ['customers-utf16.txt', 'utf-16le', 'U-003', '이모지카페 😀'],
      ];
      for (const [file, encoding, code, name] of cases) {
        const { job } = await importFile(t.app, 'customers', { name: file, data: fixture(file) });
        expect(job.encoding, file).toBe(encoding);
        expect(job.counts.errors, file).toBe(0);
        expect(job.status, file).toBe('done');
        expect((await customerByCode(t.app, code))?.name, file).toBe(name);
      }
      expect((await customerByCode(t.app, 'CP-005'))?.address).toBe('서울특별시 중구, 세종대로 110');
      // Rows 2 and 5 of the CP949 file share an email with customers already imported: created, with a warning naming them.
      const cp949 = (await call<{ items: ImportJob[] }>(t.app, 'GET', '/api/v1/import-jobs?entity=customer')).body.items.find((j) => j.fileName === 'customers-cp949.csv');
      expect(cp949?.counts.warnings).toBe(2);
      const warned = (await rowsOf(t.app, cp949?.id ?? 0, 'create')).filter((r) => r.duplicates?.length);
      expect(warned.map((r) => r.row)).toEqual([2, 5]);
      expect(warned[0].duplicates?.[0]).toMatchObject({ title: '햏햏상사' });
      expect((await customerByCode(t.app, 'CN-005'))?.address).toBe('西湖区龙井路1号;二号楼');
      expect((await customerByCode(t.app, 'U-001'))?.address).toBe('마포구, 양화로 45');
    });

    it('keeps quoted newlines and formula-looking text as typed, and the export neutralises it', async () => {
      const { job } = await importFile(t.app, 'customers', { name: 'customers-quoted.csv', data: fixture('customers-quoted.csv') });
      expect(job.counts).toMatchObject({ rows: 5, created: 5, errors: 0 });
      expect((await customerByCode(t.app, 'Q-001'))?.notes).toBe('line 1\nline 2');
      expect((await customerByCode(t.app, 'Q-002'))?.name).toBe('The "Best" Company');
      const q3 = await customerByCode(t.app, 'Q-003');
      expect(q3?.name).toBe('=HYPERLINK("http://evil.example/x","Click me")');
      expect(q3?.phone).toBe('+1-555-0100');
      expect(q3?.notes).toBe('@SUM(A1)');
      // Line ends inside a long text are normalised to \n.
      expect((await customerByCode(t.app, 'Q-004'))?.notes).toBe('first\nsecond\n\nfourth');
      const csv = await t.app.inject({ method: 'GET', url: '/api/v1/customers/export?format=csv&filter[code]=Q-003' });
      expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example/x"",""Click me"")"`);
    });

    it('a dry run reports per row and changes nothing; the real run creates the good rows only and the error rows download as a file', async () => {
      const file = { name: 'customers-errors.csv', data: fixture('customers-errors.csv') };
      const dry = await importFile(t.app, 'customers', file, { dryRun: true });
      expect(dry.job.dryRun).toBe(true);
      expect(dry.job.counts).toMatchObject({ rows: 7, created: 3, errors: 4 });
      expect(await customerByCode(t.app, 'E-001')).toBeUndefined();
      const errors = await rowsOf(t.app, dry.job.id, 'error');
      expect(errors.map((r) => [r.row, r.issues.map((i) => i.field)])).toEqual([[2, ['email']], [3, ['name']], [4, ['typeId']], [5, ['code']]]);
      const all = await rowsOf(t.app, dry.job.id);
      expect(all.map((r) => r.action)).toEqual(['create', 'error', 'error', 'error', 'error', 'create', 'create']);

      const real = await importFile(t.app, 'customers', file);
      expect(real.job.counts).toMatchObject({ rows: 7, created: 3, errors: 4 });
      expect((await customerByCode(t.app, 'E-007'))?.name).toBe('Good Row Seven Co.');
      for (const code of ['E-002', 'E-003', 'E-004']) expect(await customerByCode(t.app, code)).toBeUndefined();

      const res = await t.app.inject({ method: 'GET', url: `/api/v1/import-jobs/${real.job.id}/errors?format=csv` });
      expect(res.statusCode).toBe(200);
      const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('Name,Code,Type,Industry,Email,City,Error');
      expect(lines).toHaveLength(5);
      expect(lines[1]).toMatch(/^Bad Email Co\.,E-002,.*email: /);

      // Fixed (the unknown type created as a new value) and imported again: the Error column is left out of the mapping.
      const fixed = res.body.replace('kim@@example', 'kim@example.com').replace(/^,E-003/m, 'Named Now,E-003').replace(/E-0{38}5/, 'E-005');
      const again = await importFile(t.app, 'customers', { name: 'fixed.csv', data: fixed }, { createMissingValues: true });
      expect(again.job.mapping.Error).toBeNull();
      expect(again.job.counts).toMatchObject({ rows: 4, created: 4, errors: 0 });
      expect((await customerByCode(t.app, 'E-004'))?._labels).toMatchObject({ typeId: 'Wholesaler' });
    });

    it('reads an XLSX with dates as serial numbers and names customers and stages by name', async () => {
      await call(t.app, 'PATCH', '/api/v1/settings', {}).catch(() => undefined);
      const { job } = await importFile(t.app, 'opportunities', { name: 'opportunities-dates.xlsx', data: fixture('opportunities-dates.xlsx') });
      const errors = await rowsOf(t.app, job.id, 'error');
      expect(errors).toEqual([]);
      expect(job.counts).toMatchObject({ rows: 6, created: 6 });
      const list = (await call<{ items: Record<string, unknown>[] }>(t.app, 'GET', '/api/v1/opportunities?limit=50&sort=expectedCloseDate')).body.items;
      expect(list.map((o) => o.expectedCloseDate)).toEqual(['2024-02-29', '2024-12-31', '2025-01-01', '2025-03-31', '2025-06-15', '2026-12-02']);
    });

    it('updates matched on code keep before-images; revert restores the exact before-values and keeps records edited since', async () => {
      const csv = 'Code,City,Email\r\nKR-0001,부산,new1@example.kr\r\nKR-0002,대전,\r\nKR-0003,울산,new3@example.kr\r\nNOPE-1,서울,x@example.kr\r\n';
      const before1 = await customerByCode(t.app, 'KR-0001');
      const before2 = await customerByCode(t.app, 'KR-0002');
      const { job } = await importFile(t.app, 'customers', { name: 'update.csv', data: csv }, { mode: 'update', matchOn: ['code'] });
      expect(job.counts).toMatchObject({ rows: 4, updated: 3, skipped: 1 });
      const after1 = await customerByCode(t.app, 'KR-0001');
      expect(after1).toMatchObject({ city: '부산', email: 'new1@example.kr' });
      // An empty cell leaves the value as it was.
      expect((await customerByCode(t.app, 'KR-0002'))?.email).toBe(before2?.email);
      // Someone edits KR-0003 after the import.
      const c3 = await customerByCode(t.app, 'KR-0003');
      expect((await call(t.app, 'PATCH', `/api/v1/customers/${String(c3?.id)}`, { version: c3?.version, notes: 'edited later' })).status).toBe(200);
      const reverted = await call<ImportJob>(t.app, 'POST', `/api/v1/import-jobs/${job.id}/revert`);
      expect(reverted.status).toBe(200);
      expect(reverted.body).toMatchObject({ status: 'reverted', revertKept: 1 });
      expect(await customerByCode(t.app, 'KR-0001')).toMatchObject({ city: before1?.city, email: before1?.email });
      expect((await customerByCode(t.app, 'KR-0002'))?.city).toBe(before2?.city);
      expect((await customerByCode(t.app, 'KR-0003'))).toMatchObject({ city: '울산', notes: 'edited later' });
      const kept = (await rowsOf(t.app, job.id, 'update')).find((r) => r.row === 3);
      expect(kept?.issues[0]?.message).toMatch(/edited after the import/);
      expect((await call(t.app, 'POST', `/api/v1/import-jobs/${job.id}/revert`)).status).toBe(409);
    });

    it('revert of a create import moves its records to Trash', async () => {
      const csv = 'Name,Code\r\nRevert Me One,RV-1\r\nRevert Me Two,RV-2\r\n';
      const { job } = await importFile(t.app, 'customers', { name: 'rv.csv', data: csv });
      expect(job.counts.created).toBe(2);
      expect((await call<ImportJob>(t.app, 'POST', `/api/v1/import-jobs/${job.id}/revert`)).body.status).toBe('reverted');
      expect(await customerByCode(t.app, 'RV-1')).toBeUndefined();
      const trash = (await call<{ items: Record<string, unknown>[] }>(t.app, 'GET', '/api/v1/customers?trash=1&filter[code]=RV-2')).body.items;
      expect(trash).toHaveLength(1);
    });

    it('upsert creates the unmatched rows and updates the matched; several matches follow the chosen rule', async () => {
      const csv = 'Name,City\r\n중복상사,서울\r\n중복상사,부산\r\n';
      await importFile(t.app, 'customers', { name: 'dups.csv', data: csv });
      const again = await importFile(t.app, 'customers', { name: 'again.csv', data: 'Name,Phone\r\n중복상사,02-000-0000\r\n새로운상사,02-111-1111\r\n' }, { mode: 'upsert', matchOn: ['name'] });
      expect(again.job.counts).toMatchObject({ rows: 2, created: 1, errors: 1 });
      expect((await rowsOf(t.app, again.job.id, 'error'))[0].issues[0].message).toMatch(/matches 2 records/);
      const first = await importFile(t.app, 'customers', { name: 'again.csv', data: 'Name,Phone\r\n중복상사,02-000-0000\r\n' }, { mode: 'update', matchOn: ['name'], multipleMatches: 'first' });
      expect(first.job.counts).toMatchObject({ updated: 1 });
    });

    it('imports a vCard file through the same pipeline: the organisation names the customer', async () => {
      expect((await call(t.app, 'POST', '/api/v1/customers', { name: 'LG Electronics' })).status).toBe(201);
      const vcf = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/vcards/google.vcf'));
      const dry = await importFile(t.app, 'contacts', { name: 'google.vcf', data: vcf }, { dryRun: true });
      expect(dry.job).toMatchObject({ format: 'vcard', status: 'done' });
      expect(dry.job.counts).toMatchObject({ rows: 1, created: 1, errors: 0 });
      const { job } = await importFile(t.app, 'contacts', { name: 'google.vcf', data: vcf });
      expect(job.counts).toMatchObject({ created: 1 });
      const contact = (await call<{ items: Record<string, unknown>[] }>(t.app, 'GET', '/api/v1/contacts?q=Min-ho')).body.items[0];
      expect(contact?._labels).toMatchObject({ customerId: 'LG Electronics' });
      // A vCard is no customer file.
      expect((await postImport(t.app, 'customers', { name: 'google.vcf', data: vcf })).status).toBe(400);
    });

    it('skips rows that look like existing records when asked (skipDuplicates)', async () => {
      const csv = 'Name,Email\r\nSomeone Else,ttom@example.kr\r\nBrand New Co.,brand-new@example.com\r\n';
      const { job } = await importFile(t.app, 'customers', { name: 'dup.csv', data: csv }, { skipDuplicates: true });
      expect(job.counts).toMatchObject({ rows: 2, created: 1, skipped: 1 });
      expect((await rowsOf(t.app, job.id, 'skip'))[0].issues[0].message).toMatch(/looks like #\d+ 똠방각하 주식회사/);
    });

    it('refuses bad options with the field named, and an unknown job is a 404', async () => {
      const bad = await postImport(t.app, 'customers', { name: 'x.csv', data: 'Name\r\nA\r\n' }, { mode: 'update' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('matchOn');
      const unknown = await postImport(t.app, 'customers', { name: 'x.csv', data: 'Name\r\nA\r\n' }, { mapping: { Name: 'nope' } });
      expect(unknown.status).toBe(400);
      expect((await call(t.app, 'GET', '/api/v1/import-jobs/999999')).status).toBe(404);
      const enc = await postImport(t.app, 'customers', { name: 'x.csv', data: 'Name\r\nA\r\n' }, { encoding: 'latin-9' });
      expect(enc.status).toBe(400);
    });

    it('templates are saved, listed and deleted; the history lists the jobs newest first', async () => {
      const made = await call<{ id: number }>(t.app, 'POST', '/api/v1/import-templates', { entity: 'customer', name: 'Monthly', mapping: { 고객명: 'name' } });
      expect(made.status).toBe(201);
      expect((await call(t.app, 'POST', '/api/v1/import-templates', { entity: 'customer', name: 'monthly', mapping: {} })).status).toBe(400);
      expect((await call<{ items: unknown[] }>(t.app, 'GET', '/api/v1/import-templates?entity=customer')).body.items).toHaveLength(1);
      expect((await call(t.app, 'DELETE', `/api/v1/import-templates/${made.body.id}`)).status).toBe(204);
      const history = (await call<{ items: ImportJob[] }>(t.app, 'GET', '/api/v1/import-jobs?entity=customer')).body.items;
      expect(history.length).toBeGreaterThan(5);
      expect(history[0].id).toBeGreaterThan(history[1].id);
      expect(history[0].createdByName).toBeTruthy();
    });
  });
}

describe('a killed import (issue 16)', () => {
  for (const db of DATABASES) {
    it(`reports exactly the rows that landed and resumes after them on ${db.name}`, async () => {
      const created = await db.create();
      let app = await buildApp({ databaseUrl: created.url });
      try {
        const lines = ['Name,Code,City'];
        for (let i = 1; i <= 20000; i++) lines.push(`Kill Test ${i},KT-${String(i).padStart(5, '0')},Seoul`);
        const { payload, contentType } = await multipartBody([{ name: 'big.csv', data: lines.join('\r\n') }], 'file', { options: '{}' });
        const res = await app.inject({ method: 'POST', url: '/api/v1/customers/import', payload, headers: { 'content-type': contentType } });
        const id = (JSON.parse(res.body) as { job: ImportJob }).job.id;
        // The server goes away while the job runs: the chunk in hand commits, the rest never starts.
        for (let i = 0; i < 400; i++) {
          const j = (await call<ImportJob>(app, 'GET', `/api/v1/import-jobs/${id}`)).body;
          if (j.landedThroughRow >= 1000) break;
          await new Promise((r) => setTimeout(r, 5));
        }
        await app.close();
        app = await buildApp({ databaseUrl: created.url });
        const stopped = app.database.kysely;
        if (db.name === 'postgres') {
          // Another instance might still be running it: PostgreSQL waits a minute of silence. Here the minute has passed.
          await sql`UPDATE import_jobs SET heartbeat_at = ${new Date(Date.now() - 120_000).toISOString()} WHERE id = ${id}`.execute(stopped);
        }
        const before = (await sql<{ landed: number; n: number }>`SELECT landed_through_row AS landed, (SELECT count(*) FROM customers WHERE code LIKE 'KT-%') AS n FROM import_jobs WHERE id = ${id}`.execute(stopped)).rows[0];
        expect(Number(before.landed) % 1000).toBe(0);
        expect(Number(before.landed)).toBeLessThan(20000);
        expect(Number(before.n)).toBe(Number(before.landed));
        await app.importRunner.resume();
        await app.importRunner.idle();
        const job = (await call<ImportJob>(app, 'GET', `/api/v1/import-jobs/${id}`)).body;
        expect(job).toMatchObject({ status: 'done', landedThroughRow: 20000 });
        expect(job.counts).toMatchObject({ rows: 20000, created: 20000, errors: 0 });
        const n = (await sql<{ n: number }>`SELECT count(*) AS n, count(DISTINCT code) AS d FROM customers WHERE code LIKE 'KT-%'`.execute(app.database.kysely)).rows[0];
        expect(Number(n.n)).toBe(20000);
        expect(Number((n as { d?: number }).d)).toBe(20000);
      } finally {
        await app.close();
        await created.drop();
      }
    });
  }
});
