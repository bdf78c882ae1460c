import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../timeZone.js';
import type { AuditActor, AuditEntry } from './auditApi.js';

/** Who did it, what they did and when, in words of the UI language and the zone every date-time is shown in. */
export function useAuditText() {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  return useMemo(() => {
    const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium', timeZone: tz });
    const actor = (a: AuditActor): string => {
      if (a.kind === 'system') return t('audit.actor.system');
      if (a.kind === 'import') return a.name ? t('audit.actor.importNamed', { name: a.name }) : t('audit.actor.import');
      if (a.kind === 'token') return t('audit.actor.token', { name: a.name ?? `#${a.id ?? ''}` });
      return a.name ?? t('audit.actor.user', { id: a.id ?? '' });
    };
    return {
      actor,
      action: (e: Pick<AuditEntry, 'action'>) => t(`audit.action.${e.action}`, { defaultValue: e.action }),
      when: (iso: string) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : when.format(d);
      },
    };
  }, [t, i18n.language, tz]);
}
