import type { UsageEvent } from '../usage.js';

/**
 * The lab manual's steps (M0–M11) and, beside each, the rule that says it is done (issue 13). One
 * declarative table: the server judges the rules from the data and from what the user did
 * (`usage_events`), the browser reads `show` to point at the control to use next. No module
 * names the lab: rules speak of entity paths, list filters, page paths and usage events.
 */

/** A list filter value, or the id of the record another list query finds first (a group by its position). */
export type WhereValue = string | { ref: string; where: Readonly<Record<string, string>> };

export type LabRule =
  /** The app is installed: done from the first start. */
  | { installed: true }
  /** The user did this (any of these) at least `times` times (default 1) to a subject (`*` for every subject); done when the last of those happened. */
  | { used: UsageEvent | readonly UsageEvent[]; subject: string; times?: number }
  /** At least `min` (default 1) records of an entity match the list filters; done when the min-th was saved (or reached `at`). */
  | { count: string; where?: Readonly<Record<string, WhereValue>>; min?: number; at?: string }
  /** Grouped by a field, at least `groups` (default 1) non-empty groups hold `size` (default 1) records each. */
  | { grouped: string; by: string; where?: Readonly<Record<string, WhereValue>>; groups?: number; size?: number }
  /** Every rule holds. */
  | { all: readonly LabRule[] };

/** The control a "Show me" highlights: found by its role and accessible name (the manual's word). */
export interface LabControl {
  role: 'button' | 'link' | 'tab' | 'combobox';
  /** i18n key of the accessible name. */
  name: string;
  /** i18n keys of values put into the name (`{{name}}`). */
  vars?: Readonly<Record<string, string>>;
}

export interface LabStepDef {
  /** The manual's id, `M1.c`. */
  id: string;
  rule: LabRule;
  /** Where "Show me" goes, and what it highlights there. */
  show: { path: string; control?: LabControl };
}

export const LAB_MODULES = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11'] as const;
export type LabModule = (typeof LAB_MODULES)[number];

/** `M1.c` → `M1`. */
export const moduleOf = (id: string): LabModule => id.split('.')[0] as LabModule;
/** i18n key of a step's text: `lab.step.M1_c`. */
export const stepTextKey = (id: string) => `lab.step.${id.replace('.', '_')}`;

const button = (name: string, vars?: Readonly<Record<string, string>>): LabControl => ({ role: 'button', name, vars });
const link = (name: string): LabControl => ({ role: 'link', name });
const NEW_RECORD = button('action.newRecord');
const NEW = button('action.new');
const opened = (path: string): LabRule => ({ used: 'opened', subject: path });
/** The manual's five groups were made in this order (positions 10…50, migration 004). */
const group = (position: number): WhereValue => ({ ref: 'customer-groups', where: { 'filter[position]': String(position) } });
const inGroup = (position: number): LabRule => ({ count: 'customers', where: { 'filter[groupIds]': group(position) } });

export const LAB_STEPS: readonly LabStepDef[] = [
  { id: 'M0.a', rule: { installed: true }, show: { path: '/' } },
  { id: 'M0.b', rule: { used: 'opened', subject: '*', times: 3 }, show: { path: '/', control: link('nav.customers') } },
  { id: 'M0.c', rule: opened('/'), show: { path: '/' } },

  { id: 'M1.b', rule: { count: 'customers' }, show: { path: '/customers', control: NEW_RECORD } },
  { id: 'M1.c', rule: { used: 'saved-and-new', subject: 'customers', times: 2 }, show: { path: '/customers', control: NEW_RECORD } },
  { id: 'M1.d', rule: { used: ['edited', 'edited-inline'], subject: 'customers' }, show: { path: '/customers' } },

  { id: 'M2.a', rule: opened('/customers'), show: { path: '/', control: link('nav.customers') } },
  { id: 'M2.b', rule: { used: 'grouped', subject: 'customers' }, show: { path: '/customers', control: { role: 'combobox', name: 'list.groupBy' } } },
  { id: 'M2.c', rule: { used: 'viewed', subject: 'customers' }, show: { path: '/customers' } },
  { id: 'M2.d', rule: { used: 'edited-inline', subject: 'customers' }, show: { path: '/customers' } },
  { id: 'M2.e', rule: { all: [{ used: 'new', subject: 'customers', times: 2 }, { count: 'customers', min: 3 }] }, show: { path: '/customers', control: NEW } },

  { id: 'M3.a', rule: { all: [opened('/customer-groups'), { count: 'customers', where: { 'filter[groupIds][empty]': 'false' }, min: 2 }] }, show: { path: '/', control: link('nav.customer-groups') } },
  { id: 'M3.b', rule: inGroup(10), show: { path: '/customer-groups', control: button('groupMembers.open') } },
  { id: 'M3.c', rule: { all: [inGroup(20), inGroup(30), inGroup(40), inGroup(50)] }, show: { path: '/customer-groups', control: button('groupMembers.open') } },

  { id: 'M4.a', rule: { count: 'contacts' }, show: { path: '/contacts', control: NEW_RECORD } },
  { id: 'M4.b', rule: { all: [{ used: 'new', subject: 'contacts' }, { count: 'contacts' }] }, show: { path: '/contacts', control: NEW_RECORD } },
  {
    id: 'M4.c',
    rule: { all: [{ grouped: 'contacts', by: 'customerId', size: 2 }, { grouped: 'contacts', by: 'customerId', groups: 2 }, { count: 'contacts', where: { 'filter[isPrimary]': 'true' } }] },
    show: { path: '/contacts', control: NEW },
  },

  { id: 'M5.a', rule: opened('/contacts'), show: { path: '/', control: link('nav.contacts') } },
  { id: 'M5.b', rule: { used: 'viewed', subject: 'contacts' }, show: { path: '/contacts' } },
  { id: 'M5.c', rule: { all: [{ used: 'viewed', subject: 'contacts' }, { count: 'contacts', min: 3 }] }, show: { path: '/contacts', control: NEW } },
  { id: 'M5.d', rule: { all: [opened('/contacts'), { count: 'contacts', min: 3 }] }, show: { path: '/contacts' } },

  { id: 'M6.a', rule: opened('/activities'), show: { path: '/', control: link('nav.activities') } },
  { id: 'M6.b', rule: { count: 'activities' }, show: { path: '/activities', control: NEW_RECORD } },
  { id: 'M6.c', rule: opened('/calendar'), show: { path: '/activities', control: link('nav.calendar') } },
  { id: 'M6.d', rule: { used: 'edited', subject: 'activities' }, show: { path: '/calendar' } },
  { id: 'M6.e', rule: { count: 'activities', where: { 'filter[status]': 'ended' }, at: 'endedAt' }, show: { path: '/calendar' } },
  { id: 'M6.f', rule: opened('/history'), show: { path: '/calendar', control: link('nav.history') } },

  { id: 'M7.a', rule: opened('/products'), show: { path: '/', control: link('nav.products') } },
  { id: 'M7.b', rule: { used: 'new', subject: 'products' }, show: { path: '/products', control: NEW_RECORD } },
  { id: 'M7.c', rule: { used: 'dictionary-value-added', subject: 'product-category' }, show: { path: '/products', control: NEW_RECORD } },
  { id: 'M7.d', rule: { used: 'dictionary-value-added', subject: 'product-category:child' }, show: { path: '/products', control: NEW_RECORD } },
  { id: 'M7.e', rule: { count: 'products', where: { 'filter[categoryId][empty]': 'false' } }, show: { path: '/products', control: NEW_RECORD } },

  { id: 'M8.a', rule: opened('/opportunities'), show: { path: '/', control: link('nav.opportunities') } },
  { id: 'M8.b', rule: { count: 'opportunities' }, show: { path: '/opportunities', control: NEW_RECORD } },
  { id: 'M8.c', rule: { count: 'opportunities', where: { 'filter[lines.productId][empty]': 'false' } }, show: { path: '/opportunities', control: NEW_RECORD } },
  { id: 'M8.d', rule: { used: 'exported', subject: 'opportunities' }, show: { path: '/opportunities', control: button('action.export') } },
  { id: 'M8.e', rule: opened('/sales'), show: { path: '/', control: link('nav.sales') } },
  { id: 'M8.f', rule: { count: 'sales' }, show: { path: '/sales', control: NEW_RECORD } },
  { id: 'M8.g', rule: { used: 'viewed', subject: 'sales' }, show: { path: '/sales' } },

  { id: 'M9', rule: { all: [opened('/service-feedback'), { count: 'service-feedback' }] }, show: { path: '/service-feedback', control: NEW_RECORD } },
  { id: 'M10', rule: { all: [{ count: 'expenses' }, { used: ['edited', 'edited-inline'], subject: 'expenses' }, { used: 'exported', subject: 'expenses' }] }, show: { path: '/expenses', control: NEW_RECORD } },

  { id: 'M11.a', rule: { used: 'analysed', subject: 'trend' }, show: { path: '/', control: link('analysis.trend.title') } },
  { id: 'M11.b', rule: { all: [{ used: 'analysed', subject: 'funnel' }, { used: 'analysed', subject: 'composition' }] }, show: { path: '/', control: link('analysis.funnel.title') } },
];

/** The state of one step as `GET /api/v1/lab` returns it. */
export interface LabStepState { id: string; module: LabModule; done: boolean; doneAt: string | null }
export interface LabState { enabled: boolean; steps: LabStepState[] }
