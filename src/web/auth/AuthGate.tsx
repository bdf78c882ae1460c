import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { lazyPage, shownPage } from '../core/lazyPage.js';
import { meKey } from './authApi.js';
import { setUnauthorizedHandler } from './csrf.js';
import { useMeQuery } from './useMe.js';

const SignInPage = shownPage(lazyPage(() => import('./SignInPage.js').then((m) => m.SignInPage)));

/**
 * The app for whoever may use it: in mode `required` only after signing in. Any 401 later (the session
 * ended, an admin signed the user out everywhere) asks `me` again, which brings the sign-in page back.
 * A server without accounts (an older one) answers `me` with an error: the app opens as it always did.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMeQuery();
  useEffect(() => {
    setUnauthorizedHandler(() => void queryClient.invalidateQueries({ queryKey: meKey }));
  }, [queryClient]);

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (me.data && me.data.mode === 'required' && !me.data.signedIn) return <SignInPage />;
  return <>{children}</>;
}
