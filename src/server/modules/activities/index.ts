import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { registerHooks } from '../../core/hooks.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import { registerCalendarRoute } from './calendar.js';
import { registerEndRoutes } from './end.js';
import { registerFeeds } from './feeds.js';
import { registerIcs } from './ics/index.js';
import { ACTIVITY_PATHS } from './openapi.js';
import { registerReminderRoutes } from './reminders.js';
import { activityWriteHooks } from './span-stats.js';
import { activityDueHooks, refreshAllDayDue } from './due.js';
import { onTimeZoneChange } from '../../core/installation.js';
import { activityEntity } from '../../../shared/entities/activity.entity.js';

/** Contact activities (M6): End activity / Reopen, the calendar range, reminders, iCalendar export and feeds. */
export function registerActivities(app: FastifyInstance, db: Database): void {
  registerHooks(activityEntity, activityWriteHooks);
  registerHooks(activityEntity, activityDueHooks);
  onTimeZoneChange(refreshAllDayDue);
  registerEndRoutes(app, db);
  registerCalendarRoute(app, db);
  registerReminderRoutes(app, db);
  registerIcs(app, db);
  registerFeeds(app, db);
  registerOpenApiPaths(ACTIVITY_PATHS);
}
