import { registerActivities } from './activities/index.js';
import { registerContacts } from './contacts/index.js';
import { registerCustomerGroups } from './customer-groups/index.js';
import { registerOpportunities } from './opportunities/index.js';
import { registerSales } from './sales/index.js';
import { registerServiceFeedback } from './service-feedback/index.js';
import { registerExpenses } from './expenses/index.js';
import { registerAnalysis } from './analysis/index.js';
import { registerDashboard } from './dashboard/index.js';
import { registerLabDataWeb } from './lab/data/index.js';

/** Every web module registers its pages and actions here, once, before the app renders. */
export function registerModules(): void {
  registerCustomerGroups();
  registerContacts();
  registerActivities();
  registerOpportunities();
  registerSales();
  registerServiceFeedback();
  registerExpenses();
  registerAnalysis();
  registerDashboard();
  registerLabDataWeb();
}
