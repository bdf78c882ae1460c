import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivity, createContact, createCustomer, createDictionaryValue, createGroup, createOpportunity, createProduct, createSale, dictId } from './support/builders.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Problem } from './support/http.js';

const HOSTILE = '<script>alert(1)</script> 삼성 & Co';
/** A category drawn in the composition chart: its label goes into the server-made SVG too. */
const CATEGORY = 'Lab <i>hardware</i> "x"';
const STUDENT = { name: '<b>김학생</b>', course: 'CRM 실습 101' };

/** The text of a DOCX's body: every w:t run, unescaped (what Word shows, in order). */
async function docxText(file: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no word/document.xml');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/**
 * Issue 13, the lab report: records made through the API come back in the printable page and the
 * DOCX (a user's text always escaped), with the student's name and course, the steps and the three
 * analyses' charts.
 */
describe.each(DATABASES)('lab report API on $name', (database) => {
  let t: TestApp;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await startApp(database);
    expect((await call(t.app, 'PATCH', '/api/v1/settings', { currency: 'KRW', installationTimeZone: 'Asia/Seoul' })).status).toBe(200);
    const group = await createGroup(t.app, { name: '주요 고객' });
    const hostile = await createCustomer(t.app, { name: HOSTILE, groupIds: [group.id] });
    const other = await createCustomer(t.app, { name: '华信科技' });
    const contact = await createContact(t.app, hostile.id, { name: '이영희', isPrimary: true });
    await createContact(t.app, other.id, { name: '王芳' });
    const activity = await createActivity(t.app, { subject: 'Kick-off call', customerId: hostile.id, contactId: contact.id });
    expect((await call(t.app, 'POST', `/api/v1/activities/${activity.id}/end`, { outcome: 'Went well' })).status).toBe(200);
    await createActivity(t.app, { subject: 'Still planned' });
    const category = await createDictionaryValue(t.app, 'product-category', { code: 'lab-hw', label: CATEGORY });
    const sub = await createDictionaryValue(t.app, 'product-category', { code: 'lab-hw-kb', label: 'Keyboards', parentId: category.id });
    const product = await createProduct(t.app, { name: 'Lab keyboard', categoryId: category.id, subcategoryId: sub.id, listPrice: 50_000 });
    await createOpportunity(t.app, hostile.id, { name: 'Keyboards for the lab', lines: [{ productId: product.id, quantity: 3 }] });
    await createSale(t.app, other.id, { lines: [{ productId: product.id, quantity: 2 }] });
    const feedback = await call(t.app, 'POST', '/api/v1/service-feedback', { subject: 'Key sticks', customerId: hostile.id });
    expect(feedback.status, feedback.raw).toBe(201);
    const [travel, taxi] = await Promise.all([dictId(t.app, 'expense-category', 'travel'), dictId(t.app, 'expense-category', 'taxi')]);
    const expense = await call(t.app, 'POST', '/api/v1/expenses', { description: '택시비', categoryId: travel, subcategoryId: taxi, amount: 15_000 });
    expect(expense.status, expense.raw).toBe(201);
  });
  afterAll(async () => { await t?.close(); });

  it('asks the student once: GET is empty, PUT checks each field and names it', async () => {
    expect((await call(t.app, 'GET', '/api/v1/lab/student')).body).toEqual({ name: null, course: null });
    const missing = await call<Problem>(t.app, 'PUT', '/api/v1/lab/student', { course: 'CRM' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'name', message: 'is required' }]);
    const blank = await call<Problem>(t.app, 'PUT', '/api/v1/lab/student', { name: 'Kim', course: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors?.map((e) => e.field)).toEqual(['course']);
    const long = await call<Problem>(t.app, 'PUT', '/api/v1/lab/student', { name: 'x'.repeat(121), course: 'CRM' });
    expect(long.body.errors?.map((e) => e.field)).toEqual(['name']);
    const wrongType = await call<Problem>(t.app, 'PUT', '/api/v1/lab/student', { name: 42, course: 'CRM' });
    expect(wrongType.body.errors).toEqual([{ field: 'name', message: 'must be text' }]);
    const extra = await call<Problem>(t.app, 'PUT', '/api/v1/lab/student', { ...STUDENT, grade: 'A' });
    expect(extra.body.errors).toEqual([{ field: 'grade', message: 'is not a known field' }]);
    expect((await call(t.app, 'GET', '/api/v1/lab/student')).body).toEqual({ name: null, course: null });
    const ok = await call(t.app, 'PUT', '/api/v1/lab/student', { name: `  ${STUDENT.name} `, course: STUDENT.course });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(STUDENT);
    expect((await call(t.app, 'GET', '/api/v1/lab/student')).body).toEqual(STUDENT);
  });

  it('writes a printable page: the student, the steps, every table, three charts, users\' text escaped', async () => {
    const res = await get('/api/v1/lab/report?locale=en');
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const page = res.body;
    expect(page).toMatch(/^<!doctype html>\s*<html lang="en">/);
    // The only script is the print button's, with the response's nonce; no resource is loaded from anywhere.
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain(`<script nonce="${nonce}">`);
    expect(page).not.toMatch(/\s(?:src|href)=/);
    expect(page).toContain('@page { size: A4');
    expect(page).toContain('&lt;b&gt;김학생&lt;/b&gt;');
    expect(page).not.toContain('<b>김학생</b>');
    expect(page).toContain('CRM 실습 101');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 삼성 &amp; Co');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('Purpose');
    expect(page).toContain('id="steps"');
    expect(page).toMatch(/<td class="id">M1\.c<\/td>/);
    for (const text of ['주요 고객', '华信科技', '이영희', '王芳', 'Kick-off call', 'Lab &lt;i&gt;hardware&lt;/i&gt; &quot;x&quot;', 'Keyboards', 'Lab keyboard × 3 = ₩150,000', 'Key sticks', '택시비']) expect(page).toContain(text);
    // Only ended activities are in the report (M6.f's history).
    expect(page).not.toContain('Still planned');
    for (const id of ['customers', 'contacts', 'activities', 'products', 'opportunities', 'sales', 'service-feedback', 'expenses']) expect(page).toContain(`id="records-${id}"`);
    expect(page.match(/<svg/g)).toHaveLength(3);
    // In the charts too: the category is text, and every style attribute is whole (a font name in double quotes would end it).
    expect(page).not.toContain('<i>hardware');
    expect(page).toMatch(/<text[^>]*>Lab &lt;i&gt;hardware/);
    expect(page).not.toMatch(/style="[^"]*:\s*$/m);
    expect(page).not.toContain('font-family:"');
    for (const a of ['trend', 'funnel', 'composition']) expect(page).toContain(`id="analysis-${a}"`);
  });

  it('speaks the reader\'s language: ?locale, else Accept-Language', async () => {
    const ko = await get('/api/v1/lab/report', { 'accept-language': 'ko-KR,ko;q=0.9' });
    expect(ko.body).toContain('<html lang="ko">');
    for (const text of ['실험 목적', '검증 유형', '고객 관리', '판매 추세 분석', '₩15,000']) expect(ko.body).toContain(text);
    const zh = await get('/api/v1/lab/report?locale=zh-CN', { 'accept-language': 'ko' });
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain('实验目的');
  });

  it('writes the same report as a Word document to download', async () => {
    const res = await get('/api/v1/lab/report?format=docx&locale=ko');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="lab-report-\d{4}-\d{2}-\d{2}\.docx"$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const text = await docxText(res.rawPayload);
    for (const s of [STUDENT.name, STUDENT.course, 'CRM 실험 보고서', '실험 목적', 'M1.c', HOSTILE, '华信科技', '이영희', 'Kick-off call', 'Lab keyboard × 3', CATEGORY, 'Key sticks', '택시비', '판매 추세 분석', '관찰 및 소감']) expect(text).toContain(s);
  });

  it('refuses an unknown format or parameter with the field named', async () => {
    for (const [url, field] of [['/api/v1/lab/report?format=pdf', 'format'], ['/api/v1/lab/report?format=', 'format'], ['/api/v1/lab/report?style=x', 'style'], ['/api/v1/lab/report?format=html&format=docx', 'format']] as const) {
      const res = await call<Problem>(t.app, 'GET', url);
      expect(res.status, url).toBe(400);
      expect(res.body.errors?.[0].field, url).toBe(field);
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = await call<{ paths: Record<string, Record<string, unknown>> }>(t.app, 'GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths['/api/v1/lab/report'])).toEqual(['get']);
    expect(Object.keys(doc.body.paths['/api/v1/lab/student']).sort()).toEqual(['get', 'put']);
  });

  // Last: it adds 205 customers to the two above.
  it('caps each table at 200 rows and says how many more there are', async () => {
    await seedDemo(t.app.database, { customers: 205 });
    const page = (await get('/api/v1/lab/report?locale=en')).body;
    const customers = /<div class="records" id="records-customers">([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '';
    expect(customers).toContain('207 records');
    expect(customers.match(/<tr>/g)).toHaveLength(201);
    expect(customers).toContain('… and 7 more');
    const docx = await docxText((await get('/api/v1/lab/report?format=docx&locale=ko')).rawPayload);
    expect(docx).toContain('… 외 7건');
  });
});
