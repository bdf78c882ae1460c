import { extendEntity } from '../../core/extensions.js';
import { registerBarePage } from '../../core/pages.js';
import { CustomerSalesTab } from './CustomerSalesTab.js';
import { PrintSaleAction } from './PrintSaleAction.js';
import { SalePrintPage } from './SalePrintPage.js';

/** Sales (M8.e–M8.g): the printable sale, and the customer's Sales tab. List, New and Sales details are generic. */
export function registerSales(): void {
  extendEntity('sale', { recordActions: [PrintSaleAction] });
  extendEntity('customer', { recordTabs: [{ value: 'sales', label: 'sale.plural', Panel: CustomerSalesTab }] });
  registerBarePage({ path: '/sales/:id/print', Page: SalePrintPage });
}
