import { registerHooks } from '../../core/hooks.js';
import { saleLinkHooks } from './sale-links.js';
import { saleEntity } from '../../../shared/entities/sale.entity.js';

/** Sales (M8.e–M8.g): the link back to the opportunity. Numbering, lines, lists and exports are generic. */
export function registerSales(): void {
  registerHooks(saleEntity, saleLinkHooks);
}
