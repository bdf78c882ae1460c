import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { registerActivities } from './activities/index.js';
import { registerContacts } from './contacts/index.js';
import { registerCustomerGroups } from './customer-groups/index.js';
import { registerOpportunities } from './opportunities/index.js';
import { registerSales } from './sales/index.js';
import { registerSettings } from './settings/index.js';
import { registerServiceFeedback } from './service-feedback/index.js';
import { registerExpenses } from './expenses/index.js';
import { registerAnalysis } from './analysis/index.js';
import { registerLabReport } from './lab/report/index.js';

/** Every module, registered by the app (core never imports a module). */
export function registerModules(app: FastifyInstance, db: Database): void {
  registerCustomerGroups(app, db);
  registerContacts(app, db);
  registerActivities(app, db);
  registerOpportunities(app, db);
  registerSales();
  registerServiceFeedback(app, db);
  registerExpenses(app, db);
  registerSettings(app, db);
  registerAnalysis(app, db);
  registerLabReport(app, db);
}
