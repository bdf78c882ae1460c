import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { AuthGate } from '../auth/AuthGate.js';
import { AppRoutes } from './AppRoutes.js';
import { queryClient } from './queryClient.js';
import { SettingsGate } from './SettingsGate.js';
import { theme } from './theme.js';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* One toast at a time, in the band above dialogs; see core/notify.ts. */}
      <Notifications position="top-center" limit={1} autoClose={3000} containerWidth={520} notificationMaxHeight={60} zIndex={1000}
        classNames={{ root: 'rapport-toasts', notification: 'rapport-toast' }} />
      <QueryClientProvider client={queryClient}>
        <AuthGate>
          <SettingsGate>
            <AppRoutes />
          </SettingsGate>
        </AuthGate>
      </QueryClientProvider>
    </MantineProvider>
  );
}
