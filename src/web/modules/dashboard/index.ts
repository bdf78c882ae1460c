import { IconLayoutDashboard } from '@tabler/icons-react';
import { registerHomePage } from '../../core/pages.js';
import { DashboardPage } from './DashboardPage.js';

/** The home dashboard (issue 12): the app opens on it, first in the folders. */
export function registerDashboard(): void {
  registerHomePage({ label: 'nav.home', icon: IconLayoutDashboard, Page: DashboardPage });
}
