import { extendEntity } from '../../core/extensions.js';
import { lazyPage } from '../../core/lazyPage.js';
import { AddToGroupAction } from './AddToGroupAction.js';

/** Customer groups (M3): the folder with its members area, and "Add to group" on selected customers. */
export function registerCustomerGroups(): void {
  extendEntity('customerGroup', { listPage: lazyPage(() => import('./CustomerGroupsPage.js').then((m) => m.CustomerGroupsPage)) });
  extendEntity('customer', { bulkActions: [AddToGroupAction] });
}
