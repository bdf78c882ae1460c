import { Paper } from '@mantine/core';
import { AccountsSettings } from './AccountsSettings.js';
import { useSettings } from '../core/settings.js';
import { hasSignInSetting, SignInSetting } from './SignInSetting.js';
import { useMe } from './useMe.js';

/** The Settings page's sections of issue 15, each in its own frame, shown only to those they concern. */
export function AccountsSettingsSections() {
  const { me, hasSpecial } = useMe();
  const settings = useSettings().data;
  if (!me) return null;
  return (
    <>
      {hasSpecial('settings') && hasSignInSetting(me, settings) && (
        <Paper withBorder p="md"><SignInSetting /></Paper>
      )}
      {(hasSpecial('users') || me.signedIn) && (
        <Paper withBorder p="md"><AccountsSettings /></Paper>
      )}
    </>
  );
}
