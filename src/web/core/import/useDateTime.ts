import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../timeZone.js';

/** An instant as the user reads it: their language, their time zone. */
export function useDateTime(): (iso: string | null) => string {
  const { i18n } = useTranslation();
  const timeZone = useTimeZone();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return (iso) => (iso ? format.format(new Date(iso)) : '');
}
