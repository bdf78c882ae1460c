import type { TFunction } from 'i18next';

/** Built-in roles by the names the server may give them (its keys, or their English words). */
const BUILT_IN: Record<string, string> = {
  administrator: 'administrator', Administrator: 'administrator',
  manager: 'manager', Manager: 'manager',
  salesRep: 'salesRep', 'Sales representative': 'salesRep',
  viewer: 'viewer', Viewer: 'viewer',
};

/** A role's name in the UI language: built-in roles are translated, others are shown as their admin named them. */
export function roleLabel(t: TFunction, name: string): string {
  const key = BUILT_IN[name];
  return key ? t(`accounts.builtInRole.${key}`) : name;
}
