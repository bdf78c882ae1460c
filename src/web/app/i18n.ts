import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import ko from '../../shared/i18n/ko.json' with { type: 'json' };
import zhCN from '../../shared/i18n/zh-CN.json' with { type: 'json' };

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'ko', name: '한국어' },
  { code: 'zh-CN', name: '中文' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'rapport.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

/** The remembered choice wins; otherwise the first browser language we have a dictionary for. */
export function initialLanguage(): Language {
  const saved = safeStorageGet();
  if (isLanguage(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('ko')) return 'ko';
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function safeStorageGet(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode, policies): fall back to the browser language.
    return null;
  }
}

/** Whether this browser's user chose a language themselves (it then wins over their account's). */
export function hasChosenLanguage(): boolean {
  return isLanguage(safeStorageGet());
}

export function rememberLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* not remembered, still switched */
  }
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

/** Current UI language as the server's `locale` parameter expects it. */
export function currentLocale(): Language {
  const lang = i18next.language;
  return isLanguage(lang) ? lang : 'en';
}

export function initI18n(): typeof i18next {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ko: { translation: ko }, 'zh-CN': { translation: zhCN } },
    lng,
    fallbackLng: 'en',
    supportedLngs: LANGUAGES.map((l) => l.code),
    // Resources are bundled, so initialisation can be synchronous and the first paint is translated.
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
    returnNull: false,
    // A key missing in every language is a bug: said on the console, where the browser stories fail on it.
    // A key asked with a defaultValue is optional (a field's hint) and stays quiet.
    saveMissing: true,
    missingKeyHandler: (_lngs, _ns, key, _fallback, _update, options) => {
      if (options?.defaultValue === undefined) console.error(`i18n: missing key "${key}"`);
    },
  });
  // "Edit {{name, lowercase}} dictionary": a name inside an English sentence starts in lower case.
  i18next.services.formatter?.add('lowercase', (value: unknown, lng?: string) => String(value).toLocaleLowerCase(lng));
  return i18next;
}
