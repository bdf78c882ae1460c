import { describe, expect, it } from 'vitest';
import { customerEntity } from '../src/shared/entities/customer.entity.js';
import { productEntity } from '../src/shared/entities/product.entity.js';
import { chosenValues, defaultChoice, fieldChoices } from '../src/web/core/duplicates/mergeChoices.js';
import { movedKinds } from '../src/web/core/duplicates/movedRecords.js';
import type { EntityRecord } from '../src/web/core/records.js';

const rec = (id: number, values: Record<string, EntityRecord[string]>): EntityRecord => ({ id, version: 1, name: null, phone: null, email: null, city: null, code: null, ownerId: 1, groupIds: [], ...values });
const all = () => true;

/** Issue 16: what the merge dialog offers and sends, and what it says moves. */
describe('merge dialog choices', () => {
  const a = rec(1, { name: '(주)삼성전자', phone: '010-1234-5678', email: 'a@samsung.example', city: null, code: 'C-1' });
  const b = rec(2, { name: '삼성전자 주식회사', phone: '010-1234-5678', email: null, city: 'Suwon', code: 'C-2' });
  const choices = fieldChoices(customerEntity, [a, b], all);
  const byField = new Map(choices.map((c) => [c.field, c]));

  it('offers a field only where the records differ, one option per distinct value, never links or system columns', () => {
    expect(byField.has('phone')).toBe(false); // the same everywhere
    expect(byField.has('ownerId')).toBe(false);
    expect(byField.get('name')?.options.map((o) => o.value)).toEqual(['(주)삼성전자', '삼성전자 주식회사']);
    // One record empty, the other not: the value is offered (it fills the survivor's gap).
    expect(byField.get('email')?.options.map((o) => o.value)).toEqual(['a@samsung.example']);
    for (const f of ['groupIds', 'id', 'createdAt', 'version']) expect(byField.has(f)).toBe(false);
  });

  it('defaults to the survivor\'s own value, else the first non-empty one; sends every offered field', () => {
    expect(defaultChoice(byField.get('name')!, 2)).toBe(JSON.stringify('삼성전자 주식회사'));
    expect(defaultChoice(byField.get('city')!, 1)).toBe(JSON.stringify('Suwon'));
    const values = chosenValues(choices, { email: JSON.stringify('a@samsung.example') }, 2);
    expect(values).toEqual({ name: '삼성전자 주식회사', email: 'a@samsung.example', city: 'Suwon', code: 'C-2' });
  });

  it('leaves out a field the user may not change', () => {
    expect(fieldChoices(customerEntity, [a, b], (f) => f !== 'city').some((c) => c.field === 'city')).toBe(false);
  });

  it('names what moves from the registry: a customer\'s contacts, activities, sales…, its groups and attachments', () => {
    const labels = movedKinds(customerEntity).map((k) => k.label);
    expect(labels).toEqual(expect.arrayContaining(['contact.plural', 'activity.plural', 'opportunity.plural', 'sale.plural', 'expense.plural', 'customer.field.groups', 'duplicates.attachments']));
    expect(movedKinds(productEntity).map((k) => k.label)).not.toContain('duplicates.attachments');
  });
});
