import { extendEntity } from '../../core/extensions.js';
import { ConvertToSaleAction } from './ConvertToSaleAction.js';
import { CustomerOpportunitiesTab } from './CustomerOpportunitiesTab.js';
import { PipelineView } from './PipelineView.js';

/** Sales opportunities (M8.a–M8.d): the list with its pipeline board, Convert to sale, Stage history, and the customer's Opportunities tab. */
export function registerOpportunities(): void {
  extendEntity('opportunity', {
    listViews: [{ value: 'pipeline', label: 'pipeline.title', View: PipelineView }],
    recordActions: [ConvertToSaleAction],
  });
  extendEntity('customer', { recordTabs: [{ value: 'opportunities', label: 'opportunity.plural', Panel: CustomerOpportunitiesTab }] });
}
