import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVCards } from '../src/server/modules/contacts/vcard/parse.js';
import { createContact, createCustomer, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Page, type Problem } from './support/http.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'vcards', name), 'utf8');
type Report = { dryRun: boolean; created: number; skipped: number; customersCreated: number; errors: { card: number; field: string; message: string }[]; rows: { card: number; name: string | null; customer: string | null; action: string; reason?: string }[] };

describe('vCard parsing of real-world exports', () => {
  it('iPhone 3.0: item groups, escaped commas and semicolons, folded note, photo dropped', () => {
    const [jimin, anna] = parseVCards(fixture('iphone.vcf'));
    expect(jimin.card).toMatchObject({
      fullName: '박지민', familyName: '박', givenName: '지민', organisation: '현대자동차', department: '구매팀', title: '대리',
      birthday: '1990-07-21', address: '서울특별시 서초구 헌릉로 12, 06797, 대한민국',
    });
    expect(jimin.card?.emails.map((e) => e.value)).toEqual(['jimin.park@hyundai.example', 'jimin@home.example']);
    expect(jimin.card?.phones).toEqual([{ value: '010-9876-5432', types: ['cell', 'voice', 'pref'] }, { value: '+82 2-3464-1114', types: ['work', 'voice'] }]);
    expect(jimin.card?.note).toBe('Met at the 2025 trade show, booth 12. Prefers e-mail; calls after 2\u00a0pm.\nSecond line of the note, folded by the exporter.');
    expect(anna.card).toMatchObject({ fullName: 'Dr. Anna Marie Smith', organisation: 'Acme, Inc.', familyName: 'Smith', givenName: 'Anna' });
  });

  it('Android 2.1: quoted-printable UTF-8 with soft line breaks and bare TYPE parameters', () => {
    const [kim, lee] = parseVCards(fixture('android-2.1.vcf'));
    expect(kim.card).toMatchObject({ fullName: '김철수', familyName: '김', givenName: '철수', organisation: '삼성전자', department: '영업팀', title: '과장', birthday: '1985-04-12', note: '주요 거래처 담당자입니다. 연락은 오전에 주세요.' });
    expect(kim.card?.phones.map((p) => [p.value, p.types])).toEqual([['010-1234-5678', ['cell', 'pref']], ['02-2255-0114', ['work']], ['02-555-0199', ['home']]]);
    expect(lee.card).toMatchObject({ fullName: '이영희', organisation: null });
  });

  it('Outlook 2.1 and Google 3.0: CHARSET without QP, QP address, fax told apart, long UTF-8 folding', () => {
    const [wang] = parseVCards(fixture('outlook.vcf'));
    expect(wang.card).toMatchObject({ fullName: '王小明', familyName: '王', givenName: '小明', organisation: '华信科技', department: '销售部', title: '销售经理', address: '中国北京市朝阳区建国路88号, 北京, 100022, 中国' });
    expect(wang.card?.phones.map((p) => p.types)).toEqual([['work', 'voice'], ['cell', 'voice'], ['work', 'fax']]);
    const [lee] = parseVCards(fixture('google.vcf'));
    expect(lee.card).toMatchObject({ fullName: 'Lee Min-ho', organisation: 'LG Electronics', address: '128 Yeoui-daero, Seoul, 07336, South Korea' });
    expect(lee.card?.note).toBe(('Google에서 내보낸 메모입니다. '.repeat(6)).trim());
  });
});

describe.each(DATABASES)('vCard export and import on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  const importVcf = async (app: TestApp['app'], body: string | Buffer, qs = '', type = 'text/vcard') => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/contacts/import${qs}`, headers: { 'content-type': type }, payload: body });
    return { status: res.statusCode, body: JSON.parse(res.body) as Report & Problem, headers: res.headers };
  };
  const contactCount = async (app: TestApp['app'] = t.app) => (await call<Page>(app, 'GET', '/api/v1/contacts?total=exact')).body.total;
  const customerCount = async () => (await call<Page>(t.app, 'GET', '/api/v1/customers?total=exact')).body.total;

  it('M4: imports cards matched to customers by organisation name (any case); unmatched cards are skipped with a reason', async () => {
    await createCustomer(t.app, { name: '삼성전자' });
    await createCustomer(t.app, { name: 'ACME, INC.' });
    const file = fixture('android-2.1.vcf') + fixture('iphone.vcf');
    const before = await contactCount();
    const res = await importVcf(t.app, file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, created: 2, skipped: 2, customersCreated: 0 });
    expect(res.body.rows.map((r) => [r.card, r.name, r.action])).toEqual([[1, '김철수', 'created'], [2, '이영희', 'skipped'], [3, '박지민', 'skipped'], [4, 'Dr. Anna Marie Smith', 'created']]);
    expect(res.body.rows[1].reason).toMatch(/no organisation/);
    expect(res.body.rows[2].reason).toMatch(/createCustomers=1/);
    expect(await contactCount()).toBe(before + 2);
    const kim = (await call<Page>(t.app, 'GET', `/api/v1/contacts?q=${encodeURIComponent('김철수')}`)).body.items[0];
    expect(kim).toMatchObject({ familyName: '김', givenName: '철수', mobile: '010-1234-5678', officePhone: '02-2255-0114', email: 'cs.kim@samsung.example', department: '영업팀', isPrimary: true });
    expect(String(kim.notes)).toContain('home: 02-555-0199');
    expect(String(kim.notes)).toContain('email: cskim@mail.example');
  });

  it('M4: createCustomers=1 creates missing customers; dryRun=1 reports the same and writes nothing', async () => {
    const file = fixture('outlook.vcf') + fixture('google.vcf');
    const [contacts, customers] = [await contactCount(), await customerCount()];
    const dry = await importVcf(t.app, file, '?createCustomers=1&dryRun=1');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, created: 2, skipped: 0, customersCreated: 2 });
    expect([await contactCount(), await customerCount()]).toEqual([contacts, customers]);
    const real = await importVcf(t.app, file, '?createCustomers=1', 'text/x-vcard; charset=utf-8');
    expect(real.body).toMatchObject({ dryRun: false, created: 2, customersCreated: 2 });
    expect([await contactCount(), await customerCount()]).toEqual([contacts + 2, customers + 2]);
    const wang = (await call<Page>(t.app, 'GET', `/api/v1/contacts?q=${encodeURIComponent('王小明')}&locale=zh-CN`)).body.items[0];
    expect(wang).toMatchObject({ officePhone: '+86 10 6500 1234', mobile: '+86 138 0013 8000', _labels: { customerId: '华信科技' } });
  });

  it('M5: export as vCard 4.0 and 3.0, then import into a fresh database gives the same contacts', async () => {
    const customer = await createCustomer(t.app, { name: '한국전력; 본사, "서울"' });
    const female = await dictId(t.app, 'gender', 'female');
    const made = [
      await createContact(t.app, customer.id, {
        name: '최수지', familyName: '최', givenName: '수지', title: '부장, 기획', department: '전략기획실', mobile: '010-7777-8888',
        officePhone: '061-345-4114', email: 'suji.choi@kepco.example', birthday: '1979-11-30', genderId: female,
        address: '전라남도 나주시 전력로 55', notes: '메모; 세미콜론, 쉼표\\ 백슬래시\n둘째 줄 ' + '긴 메모 '.repeat(30),
      }),
      await createContact(t.app, customer.id, { name: 'John O\'Neil', email: 'john@kepco.example' }),
    ];
    const fields = ['name', 'familyName', 'givenName', 'title', 'department', 'mobile', 'officePhone', 'email', 'birthday', 'genderId', 'address', 'notes', 'isPrimary'];
    const pick = (r: Record<string, unknown>) => Object.fromEntries([...fields.map((f) => [f, r[f]]), ['customer', (r._labels as Record<string, unknown>).customerId]]);
    for (const version of ['4.0', '3.0']) {
      const exp = await t.app.inject({ url: `/api/v1/contacts/export?format=vcf&version=${version}&filter[id][in]=${made.map((c) => c.id).join(',')}` });
      expect(exp.statusCode).toBe(200);
      expect(exp.headers['content-type']).toMatch(/^text\/vcard/);
      expect(exp.body).toContain(`VERSION:${version}`);
      expect(exp.body).toContain('FN:최수지');
      expect(exp.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
      const fresh = await startApp(database);
      try {
        const res = await importVcf(fresh.app, exp.body, '?createCustomers=1');
        expect(res.body, JSON.stringify(res.body)).toMatchObject({ created: 2, skipped: 0, customersCreated: 1 });
        const back = (await call<Page>(fresh.app, 'GET', '/api/v1/contacts?sort=name')).body.items;
        const expected = (await call<Page>(t.app, 'GET', `/api/v1/contacts?sort=name&filter[id][in]=${made.map((c) => c.id).join(',')}`)).body.items;
        const genderOf = async (app: TestApp['app'], id: unknown) => (id === null ? null : (await call<{ items: { id: number; code: string }[] }>(app, 'GET', '/api/v1/dictionaries/gender/values')).body.items.find((v) => v.id === id)?.code);
        for (let i = 0; i < expected.length; i++) {
          const [a, b] = [pick(expected[i]), pick(back[i])];
          if (version === '3.0') { a.genderId = await genderOf(t.app, a.genderId); b.genderId = await genderOf(fresh.app, b.genderId); }
          expect(b, version).toEqual({ ...a, genderId: version === '3.0' ? a.genderId : b.genderId });
        }
        expect(pick(back[1]).genderId === null ? null : await genderOf(fresh.app, pick(back.find((x) => x.name === '최수지') ?? {}).genderId)).toBe('female');
      } finally {
        await fresh.close();
      }
    }
  });

  it('M5.b: one contact as a vCard, its Korean name intact in the card and the file name', async () => {
    const customer = await createCustomer(t.app, { name: '카카오' });
    const c = await createContact(t.app, customer.id, { name: '정하늘' });
    const res = await t.app.inject({ url: `/api/v1/contacts/${c.id}/vcard?version=3.0` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('FN:정하늘\r\n');
    expect(res.body).toContain('ORG:카카오\r\n');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('정하늘.vcf')}`);
    expect((await t.app.inject({ url: `/api/v1/contacts/${c.id}/vcard?version=2.1` })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/contacts/export?format=vcf&version=5' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/customers/export?format=vcf' })).statusCode).toBe(400);
  });

  it('hostile .vcf input: garbage, binary, huge, wrong type, bad options are 4xx and write nothing', async () => {
    const [contacts, customers] = [await contactCount(), await customerCount()];
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const cases: [string | Buffer, string, string][] = [
      ['hello, this is not a vCard', '', 'text/vcard'],
      [binary, '', 'text/vcard'],
      [Buffer.concat([Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\nORG:y\r\n'), binary, Buffer.from('\r\nEND:VCARD\r\n')]), '?createCustomers=1', 'text/vcard'],
      ['BEGIN:VCARD\r\nFN:' + 'x'.repeat(11 * 1024 * 1024) + '\r\nEND:VCARD', '', 'text/vcard'],
      [fixture('google.vcf'), '?createCustomers=maybe', 'text/vcard'],
      [fixture('google.vcf'), '?sneaky=1', 'text/vcard'],
      [fixture('google.vcf'), '', 'application/octet-stream'],
      ['{"a":1}', '', 'application/json'],
    ];
    for (const [body, qs, type] of cases) {
      const res = await importVcf(t.app, body, qs, type);
      expect(res.status, `${type} ${qs} ${String(body).slice(0, 30)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(String(res.headers['content-type'])).toMatch(/problem\+json/);
    }
    // A card that cannot be read is skipped with its error; the readable ones still import.
    const mixed = await importVcf(t.app, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN;=bad\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:' + 'y'.repeat(500) + '\r\nORG:z\r\nEND:VCARD\r\n', '?createCustomers=1&dryRun=1');
    expect(mixed.body).toMatchObject({ created: 0, skipped: 2 });
    expect(mixed.body.errors.map((e) => [e.card, e.field])).toEqual([[1, '(card)'], [2, 'name']]);
    expect([await contactCount(), await customerCount()]).toEqual([contacts, customers]);
  });
});
