import { describe, expect, it } from 'vitest';
import { customerEntity } from '../src/shared/entities/customer.entity.js';
import { accessFor } from '../src/web/core/access.js';
import { fieldLabel, sideText } from '../src/web/core/audit/changeText.js';
import { entityColumns } from '../src/web/core/list/columns.js';
import { groupableFields } from '../src/web/core/list/GroupBySelect.js';

const t = (key: string, o?: Record<string, unknown>) => (o && 'count' in o ? `${key}:${String(o.count)}` : key);
const rules: Record<string, 'hidden' | 'read-only'> = { email: 'hidden', notes: 'hidden', city: 'read-only' };
const access = accessFor(customerEntity, (_e, a) => a !== 'delete', (_e, f) => rules[f] ?? 'read-write');

/** Issue 15: the generic list, group-by and Changes follow the user's field rules. */
describe('permission-aware generic pieces', () => {
  it('a hidden field has no column and is not offered for group-by; a read-only one stays', () => {
    const ids = entityColumns(customerEntity, t, access.visible).map((c) => c.id);
    expect(ids).toContain('phone');
    expect(ids).toContain('city');
    expect(ids).not.toContain('email');
    const groupable = groupableFields(customerEntity, access.visible);
    expect(groupable).not.toContain('email');
    expect(groupable).toContain('city');
    expect(access.writable('city')).toBe(false);
    expect(access.writable('phone')).toBe(true);
    expect(access.can('delete')).toBe(false);
  });

  it('a change reads with the server label first, then the field display, and says empty and lines in words', () => {
    const format = (field: string, v: unknown) => `${field}=${String(v)}`;
    expect(fieldLabel(customerEntity, 'phone', t)).toBe('customer.field.phone');
    expect(fieldLabel(customerEntity, 'lines', t)).toBe('lines');
    expect(sideText(customerEntity, format, { field: 'typeId', before: 1, after: 2, beforeLabel: 'Prospect', afterLabel: null }, 'before', t)).toBe('Prospect');
    expect(sideText(customerEntity, format, { field: 'typeId', before: 1, after: 2, beforeLabel: 'Prospect', afterLabel: null }, 'after', t)).toBe('typeId=2');
    expect(sideText(customerEntity, format, { field: 'phone', before: null, after: 'x' }, 'before', t)).toBe('list.empty');
    expect(sideText(undefined, null, { field: 'lines', before: [{ a: 1 }, { a: 2 }], after: null }, 'before', t)).toBe('changes.lines:2');
  });
});
