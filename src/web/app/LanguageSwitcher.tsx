import { NativeSelect } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, rememberLanguage } from './i18n.js';

/** A native select: every browser and screen reader knows it, and each language is named in itself. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  // The English word stays in the name so someone who cannot read the current language still finds it.
  const name = i18n.language === 'en' ? 'Language' : `${t('app.language')} / Language`;
  return (
    <NativeSelect
      aria-label={name}
      title={name}
      size="xs"
      w={120}
      leftSection={<IconLanguage size={16} aria-hidden />}
      value={i18n.language}
      data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
      onChange={(e) => {
        const v = e.currentTarget.value;
        if (isLanguage(v)) rememberLanguage(v);
      }}
    />
  );
}
