import { notifications } from '@mantine/notifications';
import { useQueryClient, type Query } from '@tanstack/react-query';
import { useCallback } from 'react';
import { hasChosenLanguage, isLanguage, rememberLanguage } from '../app/i18n.js';
import { meKey } from './authApi.js';
import { setCsrfToken } from './csrf.js';
import type { Me } from './types.js';

const notMe = (q: Query) => q.queryKey[0] !== meKey[0];

/**
 * What changes when a session starts or ends: everything cached belonged to the last user, so it goes;
 * `me` is replaced (not removed: the auth gate watches it). A user with a language of their own gets it,
 * unless they chose one in this browser.
 */
export function useSession() {
  const queryClient = useQueryClient();
  const started = useCallback((me: Me) => {
    queryClient.removeQueries({ predicate: notMe });
    queryClient.setQueryData(meKey, me);
    const locale = me.signedIn ? me.user?.locale : null;
    if (isLanguage(locale) && !hasChosenLanguage()) rememberLanguage(locale);
  }, [queryClient]);
  const ended = useCallback(async () => {
    setCsrfToken(null);
    // A toast about the last user's work does not stay over the sign-in page.
    notifications.clean();
    await queryClient.refetchQueries({ queryKey: meKey });
    queryClient.removeQueries({ predicate: notMe });
  }, [queryClient]);
  return { started, ended };
}
