import { extendEntity } from '../../core/extensions.js';
import { AddToGroupAction } from './AddToGroupAction.js';
import { CustomerGroupsPage } from './CustomerGroupsPage.js';

/** Customer groups (M3): the folder with its members area, and "Add to group" on selected customers. */
export function registerCustomerGroups(): void {
  extendEntity('customerGroup', { listPage: CustomerGroupsPage });
  extendEntity('customer', { bulkActions: [AddToGroupAction] });
}
