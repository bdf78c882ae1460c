import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Korean sentences break between words, not inside one ("있습니/다"); Chinese and English break as usual
 * (keep-all would leave Chinese, written without spaces, no place to break).
 */
export function useKeepWords(): CSSProperties | undefined {
  const { i18n } = useTranslation();
  return i18n.language.startsWith('ko') ? { wordBreak: 'keep-all', overflowWrap: 'anywhere' } : undefined;
}
