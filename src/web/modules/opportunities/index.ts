import { extendEntity } from '../../core/extensions.js';
import { lazyPage } from '../../core/lazyPage.js';

/** Sales opportunities (M8.a–M8.d): the list with its pipeline board, Convert to sale, Stage history, and the customer's Opportunities tab. */
export function registerOpportunities(): void {
  extendEntity('opportunity', {
    listViews: [{ value: 'pipeline', label: 'pipeline.title', View: lazyPage(() => import('./PipelineView.js').then((m) => m.PipelineView)) }],
    recordActions: [lazyPage(() => import('./ConvertToSaleAction.js').then((m) => m.ConvertToSaleAction))],
  });
  extendEntity('customer', { recordTabs: [{ value: 'opportunities', label: 'opportunity.plural', Panel: lazyPage(() => import('./CustomerOpportunitiesTab.js').then((m) => m.CustomerOpportunitiesTab)) }] });
}
