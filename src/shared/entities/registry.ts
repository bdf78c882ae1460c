import type { EntityDef } from '../entity/define.js';
import { activityEntity } from './activity.entity.js';
import { contactEntity } from './contact.entity.js';
import { customerGroupEntity } from './customer-group.entity.js';
import { customerEntity } from './customer.entity.js';
import { opportunityEntity } from './opportunity.entity.js';
import { productEntity } from './product.entity.js';
import { saleEntity } from './sale.entity.js';
import { serviceFeedbackEntity } from './service-feedback.entity.js';
import { expenseEntity } from './expense.entity.js';

/** Every record type Rapport knows. Adding an entity: declare it, list it here, add a migration. */
export const ENTITIES: readonly EntityDef[] = [customerEntity, customerGroupEntity, contactEntity, activityEntity, productEntity, opportunityEntity, saleEntity, serviceFeedbackEntity, expenseEntity];

export function entityByPath(path: string): EntityDef | undefined {
  return ENTITIES.find((e) => e.path === path);
}

export function entityByName(name: string): EntityDef | undefined {
  return ENTITIES.find((e) => e.name === name);
}
