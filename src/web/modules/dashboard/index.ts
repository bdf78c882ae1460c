import { IconLayoutDashboard } from '@tabler/icons-react';
import { lazyPage } from '../../core/lazyPage.js';
import { registerHomePage } from '../../core/pages.js';

/** The home dashboard (issue 12): the app opens on it, first in the folders. */
export function registerDashboard(): void {
  registerHomePage({ label: 'nav.home', icon: IconLayoutDashboard, Page: lazyPage(() => import('./DashboardPage.js').then((m) => m.DashboardPage)) });
}
