import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers, type Seeded } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { field, grid, rowOf } from './support/ui.js';

const COUNT = 60;
const host = { host: '127.0.0.1' };

interface GroupRecord {
  id: number;
  name: string;
  memberCount: number;
}

/** Lab manual M3: the Customer groups folder, the group members area and dialog, groups from the customer list. */
describe('M3 customer groups', () => {
  let s: Story;
  let seeded: Seeded[];
  let names: string[];

  const groupByName = async (name: string): Promise<GroupRecord> => {
    const res = await s.server.app.inject({ method: 'GET', url: '/api/v1/customer-groups?locale=en&limit=50', headers: host });
    const g = (res.json() as { items: GroupRecord[] }).items.find((x) => x.name === name);
    if (!g) throw new Error(`no group ${name}`);
    return g;
  };
  const memberNames = async (name: string): Promise<string[]> => {
    const g = await groupByName(name);
    const res = await s.server.app.inject({ method: 'GET', url: `/api/v1/customer-groups/${g.id}/members?limit=200`, headers: host });
    return (res.json() as { items: { name: string }[] }).items.map((c) => c.name).sort();
  };

  beforeAll(async () => {
    s = await openStory('m3');
    seeded = await seedCustomers(s.server.app, COUNT);
    names = seeded.map((c) => String(c.name)).sort();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M3.a: the Customer groups folder lists the groups with member counts', async () => {
    const { page } = s;
    await page.goto('/customers');
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Customer groups' }).click();
    await page.getByRole('heading', { name: 'Customer groups', level: 2 }).waitFor();
    const groups = page.getByRole('navigation', { name: 'Customer groups' });
    for (const g of ['Key customers', 'Important customers', 'Special customers', 'Potential customers', 'Suppliers']) {
      await groups.getByRole('button', { name: new RegExp(`^${g} 0 members$`) }).waitFor();
    }
    await s.shot('M3.a-groups');
  });

  it('M3.b: Key customers → Add/Remove group members: click, shift-click, ctrl-click, Add, OK', async () => {
    const { page } = s;
    const groups = page.getByRole('navigation', { name: 'Customer groups' });
    await groups.getByRole('button', { name: /^Key customers/ }).click();
    await page.getByRole('heading', { name: 'Key customers' }).waitFor();
    await page.getByRole('heading', { name: 'Group members' }).waitFor();
    await page.getByRole('button', { name: 'Add/Remove group members' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add/Remove group members' });
    const left = dialog.getByRole('listbox', { name: 'Customers not in the group' });
    const right = dialog.getByRole('listbox', { name: 'Group members' });
    await left.getByRole('option', { name: names[0] }).waitFor();
    await dialog.getByText(`${COUNT} customers`).first().waitFor();

    await left.getByRole('option', { name: names[0] }).click();
    await left.getByRole('option', { name: names[2] }).click({ modifiers: ['Shift'] });
    await left.getByRole('option', { name: names[4] }).click({ modifiers: ['Control'] });
    expect(await left.getByRole('option', { selected: true }).count()).toBe(4);
    await s.shot('M3.b-selected');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    for (const n of [names[0], names[1], names[2], names[4]]) await right.getByRole('option', { name: new RegExp(`^${n}`) }).waitFor();
    expect(await left.getByRole('option', { name: names[0] }).count()).toBe(0);
    await dialog.getByText('4 pending changes').waitFor();
    await s.shot('M3.b-pending');
    // Nothing is stored before OK.
    expect(await memberNames('Key customers')).toEqual([]);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await memberNames('Key customers')).toEqual([names[0], names[1], names[2], names[4]].sort());
    const members = grid(page, 'Group members');
    await members.getByRole('link', { name: names[4] }).waitFor();
    await page.getByText('4 customers', { exact: true }).waitFor();
    await groups.getByRole('button', { name: /^Key customers 4 members$/ }).waitFor();
    await s.shot('M3.b-members');
  });

  it('M3.b: closing with pending changes asks first: ✕ then Save keeps them, Cancel then Don\'t save drops them', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Add/Remove group members' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add/Remove group members' });
    const left = dialog.getByRole('listbox', { name: 'Customers not in the group' });
    const right = dialog.getByRole('listbox', { name: 'Group members' });
    // A student adds one more customer and closes with ✕, believing it was added (issue 10 item 3).
    await left.getByRole('option', { name: names[5] }).click();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    const ask = page.getByRole('dialog', { name: 'Save your changes?' });
    await ask.getByText('1 change to the members of “Key customers” is not saved yet.', { exact: false }).waitFor();
    await s.shot('M3.b-unsaved-question');
    expect(await memberNames('Key customers')).toHaveLength(4);
    await ask.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await memberNames('Key customers')).toContain(names[5]);

    await page.getByRole('button', { name: 'Add/Remove group members' }).click();
    await right.getByRole('option', { name: names[5] }).click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await left.getByRole('option', { name: new RegExp(`^${names[5]}`) }).waitFor();
    await dialog.getByText('1 pending change').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // Keep editing returns to the dialog with the change still pending; Don't save drops it.
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await dialog.getByText('1 pending change').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await ask.getByRole('button', { name: "Don't save" }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await memberNames('Key customers')).toHaveLength(5);
    // Closing with nothing pending asks nothing.
    await page.getByRole('button', { name: 'Add/Remove group members' }).click();
    await right.getByRole('option', { name: names[5] }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await ask.count()).toBe(0);
  });

  it('M3.b: keyboard and Select all matching work', async () => {
    const { page } = s;
    const dialog = page.getByRole('dialog', { name: 'Add/Remove group members' });
    const right = dialog.getByRole('listbox', { name: 'Group members' });

    // Search, Select all matching, Add, OK: every matching customer joins in one request.
    await page.getByRole('button', { name: 'Add/Remove group members' }).click();
    await dialog.getByRole('searchbox', { name: 'Search Customers not in the group' }).fill('Granite');
    const granite = seeded.filter((c) => String(c.name).startsWith('Granite'));
    // The search's count on its own side (the members' side may show the same number).
    const nonMembers = dialog.getByRole('group', { name: 'Customers not in the group' });
    await nonMembers.getByText(`${granite.length} customers`, { exact: true }).waitFor();
    await nonMembers.getByRole('button', { name: 'Select all matching' }).click();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByText(`${granite.length} customers matching “Granite” (pending)`).waitFor();
    // Keyboard: focus the members list, move down with the arrows, Enter removes the active one... then Cancel would lose it all, so only look.
    await right.focus();
    await right.press('ArrowDown');
    expect(await right.getByRole('option', { selected: true }).count()).toBe(1);
    await s.shot('M3.b-matching');
    await right.press('Space');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await memberNames('Key customers')).toHaveLength(5 + granite.length);
    await page.getByText(`${5 + granite.length} customers`, { exact: true }).waitFor();
  });

  it('M3.c: selected rows of the customer list join a group with Add to group', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('tab', { name: 'Customer list' }).waitFor();
    const picks = [names[10], names[11], names[12]] as string[];
    await rowOf(page, picks[0] ?? '').getByRole('checkbox', { name: `Select ${picks[0]}` }).click();
    await rowOf(page, picks[2] ?? '').getByRole('checkbox', { name: `Select ${picks[2]}` }).click({ modifiers: ['Shift'] });
    const bar = page.getByRole('region', { name: 'Selected rows' });
    await bar.getByText('3 selected').waitFor();
    await bar.getByRole('button', { name: 'Add to group' }).click();
    await s.shot('M3.c-add-to-group');
    await page.getByRole('menuitem', { name: 'Important customers' }).click();
    await page.getByText('Added 3 customers to “Important customers”').waitFor();
    await bar.waitFor({ state: 'hidden' });
    expect(await memberNames('Important customers')).toEqual([...picks].sort());
  });

  it('M3.a: the customer list filters by group and groups by Groups with server counts', async () => {
    const { page } = s;
    const filter = field(page, 'Filter by Groups');
    await filter.click();
    await page.getByRole('option', { name: 'Important customers' }).click();
    await page.getByText('3 customers', { exact: true }).waitFor();
    await filter.click();
    await page.getByRole('option', { name: 'Important customers' }).click();
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Groups' });
    const key = await groupByName('Key customers');
    await page.getByRole('button', { name: `Key customers (${key.memberCount})` }).waitFor();
    await page.getByRole('button', { name: 'Important customers (3)' }).click();
    await rowOf(page, names[11] ?? '').waitFor();
    await s.shot('M3.a-group-by-groups');
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: '(none)' });
  });

  it('M3.c: Customer information shows and edits its groups', async () => {
    const { page } = s;
    const name = names[10] ?? '';
    await page.getByRole('searchbox', { name: 'Search' }).fill(name);
    await rowOf(page, name).getByRole('link', { name }).click();
    await page.getByRole('heading', { name }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit customer' });
    await field(dialog, 'Groups').click();
    await page.getByRole('option', { name: 'Suppliers' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const basic = page.getByRole('region', { name: 'Basic information' });
    await basic.getByText('Suppliers').waitFor();
    await basic.getByText('Important customers').waitFor();
    await s.shot('M3.c-customer-groups-field');
    expect(await memberNames('Suppliers')).toEqual([name]);
  });

  it('M3 in 한국어 and 中文: the manual\'s words for groups, members and the dialog', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '한국어' });
    await page.getByRole('navigation').getByRole('link', { name: '고객 그룹' }).click();
    await page.getByRole('heading', { name: '고객 그룹', level: 2 }).waitFor();
    await page.getByRole('navigation', { name: '고객 그룹' }).getByRole('button', { name: /^주요 고객 구성원/ }).click();
    await page.getByRole('heading', { name: '그룹 구성원' }).waitFor();
    await page.getByRole('button', { name: '그룹 구성원 추가/제거' }).click();
    const dialog = page.getByRole('dialog', { name: '그룹 구성원 추가/제거' });
    await dialog.getByRole('button', { name: '추가', exact: true }).waitFor();
    await dialog.getByRole('button', { name: '제거', exact: true }).waitFor();
    await dialog.getByRole('button', { name: '확인' }).waitFor();
    await s.shot('M3-ko-dialog');
    await dialog.getByRole('button', { name: '취소' }).click();
    await page.getByRole('combobox', { name: '언어 / Language' }).selectOption({ label: '中文' });
    await page.getByRole('heading', { name: '组成员' }).waitFor();
    await page.getByRole('button', { name: '添加/删除组成员' }).waitFor();
    await s.shot('M3-zh-members');
    await page.getByRole('combobox', { name: /Language/ }).selectOption({ label: 'English' });
    expect(s.problems).toEqual([]);
  });
});
