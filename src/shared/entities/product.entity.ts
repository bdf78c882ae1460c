import { defineEntity } from '../entity/define.js';

const price = (r: Readonly<Record<string, unknown>>, f: string) => (typeof r[f] === 'number' ? (r[f] as number) : null);

/** What the product earns per unit, where both prices are known. */
function margin(r: Readonly<Record<string, unknown>>): number | null {
  const list = price(r, 'listPrice');
  const cost = price(r, 'costPrice');
  return list === null || cost === null ? null : list - cost;
}

/** The margin as a share of the list price, to one decimal. */
function marginPercent(r: Readonly<Record<string, unknown>>): number | null {
  const list = price(r, 'listPrice');
  const m = margin(r);
  return m === null || !list ? null : Math.round((m / list) * 1000) / 10;
}

/**
 * A product or service (M7). Category and subcategory are one hierarchical dictionary
 * (`product-category`): the subcategory is a child of the category. Prices are money in
 * minor units; the margin is derived from them. A product on opportunity or sales lines is
 * never hard-deleted (the lines' foreign keys): it is discontinued or moved to Trash.
 */
export const productEntity = defineEntity({
  name: 'product',
  path: 'products',
  table: 'products',
  label: 'product.label',
  pluralLabel: 'product.plural',
  titleField: 'name',
  defaultSort: 'name',
  autoCode: { field: 'code', prefix: 'P', digits: 6 },
  lineItem: { price: 'listPrice', describe: ['name', 'model'], offered: { field: 'status', value: 'on-sale' } },
  fields: {
    name: { kind: 'text', label: 'product.field.name', required: true, search: true, indexed: true, maxLength: 200 },
    code: { kind: 'text', label: 'product.field.code', maxLength: 40, unique: true, search: true, indexed: true },
    categoryId: { kind: 'dictionary', dictionary: 'product-category', label: 'product.field.category', indexed: true },
    subcategoryId: { kind: 'dictionary', dictionary: 'product-category', parent: 'categoryId', label: 'product.field.subcategory', indexed: true },
    model: { kind: 'text', label: 'product.field.model', maxLength: 200, search: true, indexed: true },
    unitId: { kind: 'dictionary', dictionary: 'product-unit', label: 'product.field.unit', indexed: true },
    listPrice: { kind: 'money', label: 'product.field.listPrice', min: 0, indexed: true },
    costPrice: { kind: 'money', label: 'product.field.costPrice', min: 0, indexed: true },
    margin: { kind: 'computed', valueKind: 'money', label: 'product.field.margin', readOnly: true, derive: margin },
    marginPercent: { kind: 'computed', valueKind: 'percent', label: 'product.field.marginPercent', readOnly: true, derive: marginPercent },
    taxRate: { kind: 'percent', label: 'product.field.taxRate', min: 0, max: 100 },
    status: { kind: 'enum', options: ['on-sale', 'discontinued'], label: 'product.field.status', default: 'on-sale', indexed: true },
    description: { kind: 'longtext', label: 'product.field.description', search: true, maxLength: 5000 },
  },
  listColumns: ['name', 'code', 'categoryId', 'subcategoryId', 'model', 'unitId', 'listPrice', 'costPrice', 'marginPercent', 'status', 'updatedAt'],
  formSections: [
    { title: 'product.section.basic', fields: ['name', 'code', 'categoryId', 'subcategoryId', 'model', 'unitId', 'status', 'ownerId'] },
    { title: 'product.section.price', fields: ['listPrice', 'costPrice', 'margin', 'marginPercent', 'taxRate'] },
    { title: 'product.section.description', fields: ['description'] },
  ],
  exportColumns: ['id', 'code', 'name', 'categoryId', 'subcategoryId', 'model', 'unitId', 'listPrice', 'costPrice', 'margin', 'marginPercent', 'taxRate', 'status',
    'description', 'ownerId', 'createdAt', 'updatedAt'],
});
