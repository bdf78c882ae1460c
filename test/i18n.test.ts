import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { DICTIONARY_ATTRIBUTES } from '../src/shared/dictionaries.js';

type Catalogue = Record<string, unknown>;
const LOCALES = ['en', 'ko', 'zh-CN'] as const;
const load = (l: string) => JSON.parse(fs.readFileSync(`src/shared/i18n/${l}.json`, 'utf8')) as Catalogue;
const catalogues = Object.fromEntries(LOCALES.map((l) => [l, load(l)])) as Record<(typeof LOCALES)[number], Catalogue>;

/** Every leaf as `a.b.c` → text. */
function flatten(node: Catalogue, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v as Catalogue, key, out);
    else out.set(key, String(v));
  }
  return out;
}
const flat = Object.fromEntries(LOCALES.map((l) => [l, flatten(catalogues[l])])) as Record<(typeof LOCALES)[number], Map<string, string>>;

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A key as code names it: a plural form counts as its base (`count_other` is `count`). */
const base = (k: string) => k.replace(PLURAL, '');
const has = (l: (typeof LOCALES)[number], key: string) => flat[l].has(key) || flat[l].has(`${key}_other`);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Keys the code names literally: t('a.b'), i18nKey="a.b", translate(locale, 'a.b', …), label: 'a.b' in pages. */
function literalKeys(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g, /translate\([^,]+,\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g, /\blabel:\s*'([a-z][\w-]*\.[\w.-]+)'/g, /\bi18nKey="([\w.-]+)"/g];
  for (const file of [...sourceFiles('src/web'), ...sourceFiles('src/server')]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) found.set(m[1], file);
  }
  return found;
}

/** The {{placeholders}} of a text, sorted. */
const vars = (s: string) => Array.from(s.matchAll(/\{\{\s*(\w+)/g), (m) => m[1]).sort();

describe('i18n: every visible string in every language (issue 10 item 6)', () => {
  it('ko and zh-CN have every key en has, and no key en lacks', () => {
    const bases = (l: (typeof LOCALES)[number]) => new Set(Array.from(flat[l].keys(), base));
    const en = bases('en');
    for (const l of ['ko', 'zh-CN'] as const) {
      const other = bases(l);
      expect([...en].filter((k) => !other.has(k)), `missing in ${l}`).toEqual([]);
      expect([...other].filter((k) => !en.has(k)), `only in ${l}`).toEqual([]);
    }
  });

  it('every key the code names literally exists in all three languages', () => {
    const missing: string[] = [];
    for (const [key, file] of literalKeys()) {
      for (const l of LOCALES) if (!has(l, key)) missing.push(`${l}: ${key} (${file})`);
    }
    expect(missing).toEqual([]);
  });

  it('every entity in the registry is labelled in all three languages: names, fields, sections, options, pages', () => {
    const missing: string[] = [];
    for (const e of ENTITIES) {
      const keys = [e.label, e.pluralLabel, `nav.${e.path}`, `${e.name}.list`, `${e.name}.information`, `${e.name}.new`, `${e.name}.edit`, `${e.name}.count`, `${e.name}.emptyList`,
        ...e.formSections.map((s) => s.title)];
      for (const [name, f] of Object.entries(e.allFields)) {
        keys.push(f.label);
        for (const o of f.options ?? []) keys.push(`${e.name}.${name}.${o}`);
        if (f.dictionary) keys.push(`dictionary.${f.dictionary}`);
      }
      for (const key of keys) for (const l of LOCALES) if (!has(l, key)) missing.push(`${l}: ${key} (${e.name})`);
    }
    for (const attrs of Object.values(DICTIONARY_ATTRIBUTES)) {
      for (const a of attrs) for (const l of LOCALES) if (!has(l, a.label)) missing.push(`${l}: ${a.label} (dictionary attribute)`);
    }
    expect(missing).toEqual([]);
  });

  it('each translation uses the same {{placeholders}} as English and closes every bracket it opens', () => {
    const problems: string[] = [];
    for (const [key, en] of flat.en) {
      for (const l of ['ko', 'zh-CN'] as const) {
        const text = flat[l].get(key) ?? flat[l].get(`${base(key)}_other`);
        if (text === undefined) continue;
        // A plural form may leave the count out ("Unused"); otherwise the same variables.
        const want = vars(en).filter((v) => v !== 'count');
        const got = vars(text).filter((v) => v !== 'count');
        if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`${l}: ${key} uses {{${got.join(', ')}}} where en uses {{${want.join(', ')}}}`);
      }
    }
    for (const l of LOCALES) {
      for (const [key, text] of flat[l]) {
        const plain = text.replace(/\{\{[^}]*\}\}/g, '');
        for (const [open, close] of [['(', ')'], ['[', ']'], ['“', '”'], ['「', '」']]) {
          if (plain.split(open).length !== plain.split(close).length) problems.push(`${l}: ${key} has unbalanced ${open}${close}: ${text}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the dictionary editor\'s columns read differently: Active is not Used by, and an unused value does not read as disabled', () => {
    for (const l of LOCALES) {
      const get = (k: string) => flat[l].get(k);
      expect(get('settings.active'), l).not.toBe(get('dictionaryEditor.use'));
      expect(get('dictionaryEditor.usedBy_zero'), l).not.toBe(get('settings.inactive'));
    }
    // A count in parentheses is part of the text, so a narrow button cannot drop the closing one from a concatenation.
    expect(flat.en.get('dictionaryEditor.childrenCount')).toBe('Subcategories ({{count}})');
  });

  it('Korean and Chinese screens do not fall back to English words', () => {
    // Words that stay as they are in every language: product and format names, units, codes.
    const KEEP = /\b(Rapport|CSV|Excel|xlsx|vCard|vcf|iCalendar|ics|Google|Outlook|Apple|SKU|ID|ORG|URL|IANA|KRW|CNY|USD|PDF|DOCX|kg|Shift|Ctrl|Enter|Tab|http|https|mailto|tel|ISO|UTC|GMT|API|A4)\b/g;
    const english: string[] = [];
    for (const l of ['ko', 'zh-CN'] as const) {
      for (const [key, text] of flat[l]) {
        const rest = text.replace(/\{\{[^}]*\}\}/g, '').replace(KEEP, '');
        if (/[A-Za-z]{4,}/.test(rest)) english.push(`${l}: ${key}: ${text}`);
      }
    }
    expect(english).toEqual([]);
  });
});
