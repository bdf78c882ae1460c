import type { ImportJob, ImportOptions, ImportRowAction, ImportStatus } from '../../../shared/import.js';

/** The encodings offered (i18n keys: the words people know them by; Excel's "Unicode text" is UTF-16). */
export const ENCODINGS: readonly { value: string; label: string }[] = [
  { value: 'utf-8', label: 'import.enc.utf8' },
  { value: 'utf-16le', label: 'import.enc.utf16le' },
  { value: 'utf-16be', label: 'import.enc.utf16be' },
  { value: 'cp949', label: 'import.enc.cp949' },
  { value: 'gb18030', label: 'import.enc.gb18030' },
  { value: 'big5', label: 'import.enc.big5' },
  { value: 'shift_jis', label: 'import.enc.shiftJis' },
];

/** The i18n key naming an encoding, or null for one the list does not know (shown as the server names it). */
export const encodingKey = (value: string | null | undefined) => ENCODINGS.find((e) => e.value === value?.toLowerCase())?.label ?? null;

/** i18n keys of the delimiters. */
export const DELIMITERS: readonly { value: string; label: string }[] = [
  { value: ',', label: 'import.delimiterComma' },
  { value: ';', label: 'import.delimiterSemicolon' },
  { value: '\t', label: 'import.delimiterTab' },
  { value: '|', label: 'import.delimiterPipe' },
];

export type DateOrder = NonNullable<ImportOptions['dateOrder']>;
export const DATE_ORDERS: readonly DateOrder[] = ['ymd', 'mdy', 'dmy'];

/** How dates are usually written in the UI's language: 3/4/2026 in English, 2026-03-04 in Korean and Chinese. */
export const defaultDateOrder = (language: string): DateOrder => (language.startsWith('en') ? 'mdy' : 'ymd');

export const importLocale = (language: string): ImportOptions['locale'] => (language === 'ko' ? 'ko' : language.startsWith('zh') ? 'zh-CN' : 'en');

export const ROW_ACTIONS: readonly ImportRowAction[] = ['create', 'update', 'unchanged', 'skip', 'error'];

export const ACTION_COLORS: Record<ImportRowAction, string> = { create: 'teal', update: 'blue', unchanged: 'gray', skip: 'yellow', error: 'red' };

export const STATUS_COLORS: Record<ImportStatus, string> = {
  queued: 'gray', running: 'blue', done: 'teal', failed: 'red', cancelled: 'orange', interrupted: 'orange', reverted: 'grape',
};

/** A finished real import whose records are still there can be reverted. */
export const canRevert = (job: ImportJob) => !job.dryRun && job.revertedAt === null && ['done', 'cancelled', 'interrupted', 'failed'].includes(job.status) && job.counts.created + job.counts.updated > 0;
