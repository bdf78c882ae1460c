import { IconCalendar, IconHistory } from '@tabler/icons-react';
import { extendEntity } from '../../core/extensions.js';
import { registerHeaderItem, registerPage } from '../../core/pages.js';
import { ActivitiesTab } from './ActivitiesTab.js';
import { ActivityStatusSection } from './ActivityStatusSection.js';
import { CalendarPage } from './CalendarPage.js';
import { ContactActivitiesPage } from './ContactActivitiesPage.js';
import { HistoryPage } from './HistoryPage.js';
import { OverdueBadge } from './OverdueBadge.js';
import { RemindersBell } from './RemindersBell.js';

/** Contact activities (M6): the open list, Calendar and History folders, End activity in the dialog, Activities tabs, reminders, iCalendar. */
export function registerActivities(): void {
  extendEntity('activity', {
    listPage: ContactActivitiesPage,
    dialogSections: [ActivityStatusSection],
    titleBadge: OverdueBadge,
    exportFormats: [{ format: 'ics', label: 'activity.exportIcs', extension: 'ics' }],
  });
  extendEntity('customer', { recordTabs: [{ value: 'activities', label: 'activity.tab', Panel: ActivitiesTab }] });
  extendEntity('contact', { recordTabs: [{ value: 'activities', label: 'activity.tab', Panel: ActivitiesTab }] });
  registerPage({ path: '/calendar', label: 'nav.calendar', icon: IconCalendar, after: '/activities', Page: CalendarPage });
  registerPage({ path: '/history', label: 'nav.history', icon: IconHistory, after: '/calendar', Page: HistoryPage });
  registerHeaderItem(RemindersBell);
}
