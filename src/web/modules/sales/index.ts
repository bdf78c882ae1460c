import { extendEntity } from '../../core/extensions.js';
import { lazyPage } from '../../core/lazyPage.js';
import { registerBarePage } from '../../core/pages.js';

/** Sales (M8.e–M8.g): the printable sale, and the customer's Sales tab. List, New and Sales details are generic. */
export function registerSales(): void {
  extendEntity('sale', { recordActions: [lazyPage(() => import('./PrintSaleAction.js').then((m) => m.PrintSaleAction))] });
  extendEntity('customer', { recordTabs: [{ value: 'sales', label: 'sale.plural', Panel: lazyPage(() => import('./CustomerSalesTab.js').then((m) => m.CustomerSalesTab)) }] });
  registerBarePage({ path: '/sales/:id/print', Page: lazyPage(() => import('./SalePrintPage.js').then((m) => m.SalePrintPage)) });
}
