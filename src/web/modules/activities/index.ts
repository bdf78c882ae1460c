import { IconCalendar, IconHistory } from '@tabler/icons-react';
import { extendEntity } from '../../core/extensions.js';
import { lazyPage } from '../../core/lazyPage.js';
import { registerHeaderItem, registerPage } from '../../core/pages.js';
import { OverdueBadge } from './OverdueBadge.js';
import { RemindersBell } from './RemindersBell.js';

/** Contact activities (M6): the open list, Calendar and History folders, End activity in the dialog, Activities tabs, reminders, iCalendar. */
export function registerActivities(): void {
  extendEntity('activity', {
    listPage: lazyPage(() => import('./ContactActivitiesPage.js').then((m) => m.ContactActivitiesPage)),
    recordSections: [lazyPage(() => import('./ActivityStatusSection.js').then((m) => m.ActivityStatusSection))],
    titleBadge: OverdueBadge,
    exportFormats: [{ format: 'ics', label: 'activity.exportIcs', extension: 'ics' }],
  });
  const ActivitiesTab = lazyPage(() => import('./ActivitiesTab.js').then((m) => m.ActivitiesTab));
  extendEntity('customer', { recordTabs: [{ value: 'activities', label: 'activity.tab', Panel: ActivitiesTab }] });
  extendEntity('contact', { recordTabs: [{ value: 'activities', label: 'activity.tab', Panel: ActivitiesTab }] });
  // The calendar (FullCalendar, Temporal) and the history load when their folder is first opened.
  registerPage({ path: '/calendar', label: 'nav.calendar', icon: IconCalendar, after: '/activities', Page: lazyPage(() => import('./CalendarPage.js').then((m) => m.CalendarPage)) });
  registerPage({ path: '/history', label: 'nav.history', icon: IconHistory, after: '/calendar', Page: lazyPage(() => import('./HistoryPage.js').then((m) => m.HistoryPage)) });
  registerHeaderItem(RemindersBell);
}
