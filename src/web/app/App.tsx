import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { AppRoutes } from './AppRoutes.js';
import { queryClient } from './queryClient.js';
import { SettingsGate } from './SettingsGate.js';
import { theme } from './theme.js';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" autoClose={4000} />
      <QueryClientProvider client={queryClient}>
        <SettingsGate>
          <AppRoutes />
        </SettingsGate>
      </QueryClientProvider>
    </MantineProvider>
  );
}
