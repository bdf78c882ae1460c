import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setCurrency } from '../core/money.js';
import { setInstallationTimeZone, setUserTimeZone } from '../core/timeZone.js';
import { settingsApi, settingsKey, useSettings } from '../core/settings.js';
import { lazyPage, shownPage } from '../core/lazyPage.js';

// Asked once per installation: its code stays out of every later visit.
const FirstStartDialog = shownPage(lazyPage(() => import('./FirstStartDialog.js').then((m) => m.FirstStartDialog)));

/**
 * Renders the app once the settings are known, so every money input and amount uses the
 * installation's currency from the first paint. Until a currency is chosen it follows the
 * user's language (the server's rule): the UI language is sent along as the user's locale.
 */
export function SettingsGate({ children }: { children: ReactNode }) {
  const settings = useSettings();
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const sent = useRef<string | null>(null);
  if (settings.data) {
    setCurrency(settings.data.currency);
    setInstallationTimeZone(settings.data.installationTimeZone.zone);
    setUserTimeZone(settings.data.timeZone);
  }

  useEffect(() => {
    const s = settings.data;
    if (!s || s.locale === i18n.language || sent.current === i18n.language) return;
    sent.current = i18n.language;
    void settingsApi.update({ locale: i18n.language }).then((next) => queryClient.setQueryData(settingsKey, next)).catch(() => undefined);
  }, [settings.data, i18n.language, queryClient]);

  // A server that cannot be reached still gets the app (its pages say so); only the first load waits.
  if (settings.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  return (
    <>
      {children}
      {settings.data && !settings.data.setupDone && <FirstStartDialog settings={settings.data} />}
    </>
  );
}
