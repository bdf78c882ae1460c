import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStory, type Story } from './support/story.js';
import { field, pickOption } from './support/ui.js';

const host = { host: '127.0.0.1' };
const LIST = 'Product list';

interface Value { id: number; label: string; parentId: number | null }
interface Product { id: number; name: string; categoryId: number | null; subcategoryId: number | null; listPrice: number; costPrice: number; status: string; version: number }

/** Lab manual M7: the Products folder, New product, the product category dictionary edited from the form (categories, subcategories), OK. */
describe('M7 products', () => {
  let s: Story;

  const api = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>): Promise<T> =>
    (await s.server.app.inject({ method, url, headers: host, ...(payload ? { payload } : {}) })).json() as T;
  const categories = async () => (await api<{ items: Value[] }>('GET', '/api/v1/dictionaries/product-category/values?locale=en')).items;
  const products = async () => (await api<{ items: Product[] }>('GET', '/api/v1/products?limit=100')).items;
  const grid = () => s.page.getByRole('table', { name: LIST });
  const row = (name: string) => grid().getByRole('row').filter({ has: s.page.getByRole('link', { name, exact: true }) });
  const cell = async (name: string, column: string) => {
    const headers = await grid().getByRole('columnheader').allInnerTexts();
    const index = headers.findIndex((h) => h.trim() === column);
    if (index < 0) throw new Error(`no column ${column} in ${headers.join(', ')}`);
    return row(name).getByRole('cell').nth(index);
  };

  beforeAll(async () => {
    s = await openStory('m7');
    // The installation's currency: amounts below are dollars and cents (stored in cents).
    await api('PATCH', '/api/v1/settings', { currency: 'USD' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M7.a: the Products folder is the product list, empty until a product exists', async () => {
    const { page } = s;
    await page.goto('/customers');
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Products' }).click();
    await page.getByRole('tab', { name: LIST }).waitFor();
    await page.getByText('No products yet.', { exact: false }).waitFor();
    await s.shot('M7.a-empty');
  });

  it('M7.b: New opens the New product dialog', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    for (const label of ['Product name', 'Code (SKU)', 'Product category', 'Subcategory', 'Model / specification', 'Unit', 'List price', 'Cost price']) {
      await field(dialog, label).waitFor();
    }
    await dialog.getByText('Leave empty to use P-000001').waitFor();
    await field(dialog, 'Product name').fill('24-port gigabit switch');
    await s.shot('M7.b-new-product');
  });

  it('M7.c: … beside Product category opens Edit product category dictionary; a category added there is chosen in the form, which kept what was typed', async () => {
    const { page } = s;
    const form = page.getByRole('dialog', { name: 'New product' });
    await form.getByRole('button', { name: 'Edit product category dictionary', exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Edit product category dictionary' });
    await editor.getByRole('listitem', { name: 'Hardware' }).waitFor();
    await editor.getByRole('textbox', { name: 'New value' }).fill('Networking');
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await editor.getByRole('listitem', { name: 'Networking' }).waitFor();
    await editor.getByText('Added “Networking”').waitFor();
    await s.shot('M7.c-category-added');
    await editor.getByRole('button', { name: 'Close', exact: true }).last().click();
    await editor.waitFor({ state: 'hidden' });
    expect(await field(form, 'Product name').inputValue()).toBe('24-port gigabit switch');
    await expect.poll(() => field(form, 'Product category').inputValue()).toBe('Networking');
    expect((await categories()).some((v) => v.label === 'Networking' && v.parentId === null)).toBe(true);
  });

  it('M7.d: subcategories the same way: the Subcategory … opens the chosen category\'s subcategories', async () => {
    const { page } = s;
    const form = page.getByRole('dialog', { name: 'New product' });
    await form.getByRole('button', { name: 'Edit product category dictionary (Subcategory)' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit product category dictionary' });
    await editor.getByText('Subcategories of Networking').first().waitFor();
    await editor.getByText('No values yet.', { exact: false }).waitFor();
    for (const name of ['Switches', 'Routers']) {
      await editor.getByRole('textbox', { name: 'New subcategory of Networking' }).fill(name);
      await editor.getByRole('button', { name: 'Add', exact: true }).click();
      await editor.getByRole('listitem', { name }).waitFor();
    }
    await s.shot('M7.d-subcategories');
    await editor.getByRole('button', { name: 'Close', exact: true }).last().click();
    await editor.waitFor({ state: 'hidden' });
    // The subcategory added last was chosen; the list offers only Networking's subcategories.
    await expect.poll(() => field(form, 'Subcategory').inputValue()).toBe('Routers');
    await field(form, 'Subcategory').click();
    await page.getByRole('option', { name: 'Routers', exact: true }).waitFor();
    expect(await page.getByRole('option', { name: 'Monitors', exact: true }).count()).toBe(0);
    await page.getByRole('option', { name: 'Switches', exact: true }).click();
  });

  it('M7.e: back in New product, the product is created and OK saves it and returns to the list', async () => {
    const { page } = s;
    const form = page.getByRole('dialog', { name: 'New product' });
    await field(form, 'Model / specification').fill('GS-24');
    await pickOption(page, form, 'Unit', 'Each');
    await field(form, 'List price').fill('1299');
    await field(form, 'Cost price').fill('899.5');
    // The margin is shown as the server will compute it.
    await expect.poll(() => field(form, 'Margin').inputValue()).toBe('$399.50');
    await expect.poll(() => field(form, 'Margin %').inputValue()).toBe('30.8%');
    await s.shot('M7.e-filled');
    await form.getByRole('button', { name: 'OK', exact: true }).click();
    await form.waitFor({ state: 'hidden' });
    await row('24-port gigabit switch').waitFor();
    expect(await (await cell('24-port gigabit switch', 'List price')).innerText()).toBe('$1,299.00');
    expect(await (await cell('24-port gigabit switch', 'Subcategory')).innerText()).toBe('Switches');
    const [p] = await products();
    const cats = await categories();
    expect(p).toMatchObject({ name: '24-port gigabit switch', listPrice: 129_900, costPrice: 89_950, status: 'on-sale' });
    expect(cats.find((v) => v.id === p?.categoryId)?.label).toBe('Networking');
    expect(cats.find((v) => v.id === p?.subcategoryId)?.label).toBe('Switches');
    await s.shot('M7.e-saved');
  });

  it('M7.a: group by category and status, search by name or code, inline edit of price and status, export', async () => {
    const { page } = s;
    const cats = await categories();
    const hardware = cats.find((v) => v.label === 'Hardware');
    const monitors = cats.find((v) => v.label === 'Monitors');
    await api('POST', '/api/v1/products', { name: '27" 4K monitor', model: 'UHD-27', categoryId: hardware?.id, subcategoryId: monitors?.id, listPrice: 45_000, costPrice: 32_000 });
    await api('POST', '/api/v1/products', { name: '삼성 모니터 32', categoryId: hardware?.id, subcategoryId: monitors?.id, listPrice: 52_000 });
    await page.reload();
    await page.getByText('3 products', { exact: true }).waitFor();

    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Product category' });
    await grid().getByRole('button', { name: /Hardware \(2\)/ }).waitFor();
    await grid().getByRole('button', { name: /Networking \(1\)/ }).waitFor();
    await s.shot('M7.a-grouped');
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Status' });
    await grid().getByRole('button', { name: /On sale \(3\)/ }).waitFor();
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: '(none)' });

    await page.getByRole('searchbox', { name: 'Search' }).fill('P-000001');
    await page.getByText('1 product', { exact: true }).waitFor();
    await row('24-port gigabit switch').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('모니터');
    await row('삼성 모니터 32').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByText('3 products', { exact: true }).waitFor();

    const price = await cell('24-port gigabit switch', 'List price');
    await price.dblclick();
    await field(price, 'List price').fill('1199.99');
    await field(price, 'List price').press('Enter');
    await expect.poll(() => price.innerText()).toBe('$1,199.99');
    const status = await cell('24-port gigabit switch', 'Status');
    await status.dblclick();
    await pickOption(page, status, 'Status', 'Discontinued');
    await expect.poll(() => status.innerText()).toBe('Discontinued');
    const stored = (await products()).find((x) => x.name === '24-port gigabit switch');
    expect(stored).toMatchObject({ listPrice: 119_999, status: 'discontinued' });
    await s.shot('M7.a-inline-edit');

    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    const csv = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
    expect(csv).toContain('List price (USD)');
    expect(csv).toContain('24-port gigabit switch');
    expect(csv).toContain('1199.99');
    expect(csv).toContain('삼성 모니터 32');
  });

  it('M7.d: a rename in the dictionary shows on every product at once; a value in use is not deleted but can be deactivated', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Edit product category dictionary', exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Edit product category dictionary' });
    const name = editor.getByRole('textbox', { name: 'Name: Networking' });
    await name.fill('Network gear');
    await name.press('Enter');
    await editor.getByRole('listitem', { name: 'Network gear' }).waitFor();

    // A category with subcategories is not deleted.
    await editor.getByRole('button', { name: 'Actions for Network gear' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await editor.getByText('“Network gear” has 2 subcategories', { exact: false }).waitFor();

    // The button says how many, whole: "Subcategories (2)" with its closing parenthesis (issue 10).
    const children = editor.getByRole('button', { name: 'Subcategories of Network gear' });
    expect(await children.innerText()).toBe('Subcategories (2)');
    expect(await children.evaluate((b) => [...b.querySelectorAll('span')].every((x) => x.scrollWidth <= x.clientWidth))).toBe(true);
    // A subcategory in use is not deleted either: deactivate it instead.
    await children.click();
    await editor.getByRole('listitem', { name: 'Switches' }).waitFor();
    await editor.getByRole('button', { name: 'Actions for Switches' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await editor.getByText('“Switches” is used by 1 records, so it cannot be deleted.', { exact: false }).waitFor();
    await s.shot('M7.d-in-use');
    await editor.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => editor.getByRole('switch', { name: 'Active: Switches' }).isChecked()).toBe(false);
    // An unused one is deleted.
    await editor.getByRole('button', { name: 'Actions for Routers' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await editor.getByText('Deleted “Routers”').waitFor();
    await editor.getByRole('button', { name: 'Close', exact: true }).last().click();
    await editor.waitFor({ state: 'hidden' });

    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Products' }).click();
    await expect.poll(async () => (await cell('24-port gigabit switch', 'Product category')).innerText()).toBe('Network gear');
    expect(await (await cell('24-port gigabit switch', 'Subcategory')).innerText()).toBe('Switches');
    // Deactivated: still on its product, no longer offered for a new one.
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'New product' });
    await pickOption(page, form, 'Product category', 'Network gear');
    await field(form, 'Subcategory').click();
    await page.getByText('Nothing found', { exact: false }).or(page.getByText('No records match.')).waitFor();
    expect(await page.getByRole('option', { name: 'Switches', exact: true }).count()).toBe(0);
    await page.keyboard.press('Escape');
    // A category was chosen: Cancel asks before dropping it.
    await form.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog', { name: 'Save your changes?' }).getByRole('button', { name: "Don't save" }).click();
    await form.waitFor({ state: 'hidden' });
  });

  it('M7.c: values are reordered by dragging (or Move up) and coloured; the form offers them in that order', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Edit product category dictionary', exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Edit product category dictionary' });
    const list = editor.getByRole('list');
    const order = async () => (await list.getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))));
    await expect.poll(order).toEqual(['Hardware', 'Software', 'Services', 'Network gear']);
    // Drag "Services" by its handle above "Hardware".
    const handle = editor.getByLabel('Drag to reorder Services');
    const target = editor.getByRole('listitem', { name: 'Hardware' });
    const a = await handle.boundingBox();
    const b = await target.boundingBox();
    if (!a || !b) throw new Error('nothing to drag');
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 - 10, { steps: 5 });
    await page.mouse.move(a.x + a.width / 2, b.y + 4, { steps: 15 });
    await page.waitForTimeout(150);
    await page.mouse.up();
    await expect.poll(order).toEqual(['Services', 'Hardware', 'Software', 'Network gear']);
    // The menu does the same without a mouse.
    await editor.getByRole('button', { name: 'Actions for Network gear' }).click();
    await page.getByRole('menuitem', { name: 'Move up' }).click();
    await expect.poll(order).toEqual(['Services', 'Hardware', 'Network gear', 'Software']);
    await editor.getByRole('combobox', { name: 'Colour: Services' }).click();
    await page.getByRole('option', { name: 'Teal', exact: true }).click();
    await s.shot('M7.c-reordered');
    await editor.getByRole('button', { name: 'Close', exact: true }).last().click();
    const values = (await categories()).filter((v) => v.parentId === null).map((v) => v.label);
    expect(values).toEqual(['Services', 'Hardware', 'Network gear', 'Software']);
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Products' }).click();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'New product' });
    await field(form, 'Product category').click();
    await expect.poll(async () => page.getByRole('listbox').getByRole('option').allInnerTexts()).toEqual(['Services', 'Hardware', 'Network gear', 'Software']);
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'hidden' });
  });

  it('M7 in 한국어: 제품, 새 제품, 상품분류 사전 편집, 확인', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await page.getByRole('tab', { name: '제품 목록' }).waitFor();
    await page.getByRole('button', { name: '새로 만들기', exact: true }).click();
    const form = page.getByRole('dialog', { name: '새 제품' });
    await form.getByRole('button', { name: '상품분류 사전 편집', exact: true }).click();
    const editor = page.getByRole('dialog', { name: '상품분류 사전 편집' });
    await editor.getByRole('listitem', { name: '하드웨어' }).waitFor();
    await s.shot('M7-ko-editor');
    await editor.getByRole('button', { name: '닫기', exact: true }).last().click();
    await form.getByRole('button', { name: '확인', exact: true }).waitFor();
    await s.shot('M7-ko-new-product');
    await form.getByRole('button', { name: '취소' }).click();
    await page.getByRole('combobox', { name: /Language/ }).selectOption('en');
    await page.getByRole('tab', { name: LIST }).waitFor();
    expect(s.problems).toEqual([]);
  });
});
