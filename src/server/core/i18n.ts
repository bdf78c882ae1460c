import type { Locale } from './list-params.js';
// Imported, not read from disk beside this file: the compiled server is one bundle in dist/server (issue 14).
import en from '../../shared/i18n/en.json' with { type: 'json' };
import ko from '../../shared/i18n/ko.json' with { type: 'json' };
import zhCN from '../../shared/i18n/zh-CN.json' with { type: 'json' };

const CATALOGUES: Readonly<Record<Locale, Record<string, unknown>>> = { en, ko, 'zh-CN': zhCN };

function load(locale: Locale): Record<string, unknown> {
  return CATALOGUES[locale] ?? {};
}

function lookup(messages: Record<string, unknown>, key: string): string | undefined {
  if (typeof messages[key] === 'string') return messages[key] as string;
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The same message catalogue the web uses, for export headers and server-made text. */
export function translate(locale: Locale, key: string, fallback: string): string {
  return lookup(load(locale), key) ?? lookup(load('en'), key) ?? fallback;
}

/** An enum option's label: enums are labelled by i18n keys `<entity>.<field>.<option>`, not by rows. */
export function enumLabel(locale: Locale, entityName: string, field: string, option: string): string {
  return translate(locale, `${entityName}.${field}.${option}`, option);
}

/** A message with its `{{name}}` variables filled, as i18next fills them in the browser. */
export function translateWith(locale: Locale, key: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return translate(locale, key, key).replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : m));
}
