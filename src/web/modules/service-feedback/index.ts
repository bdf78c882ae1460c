import { extendEntity } from '../../core/extensions.js';
import { registerSettingsSection } from '../../core/pages.js';
import { ServiceClockSection } from './ServiceClockSection.js';
import { CustomerServiceBadge, CustomerServiceTab, ProductServiceBadge, ProductServiceTab } from './ServiceTab.js';
import { WorkingTimeSetting } from './WorkingTimeSetting.js';

/** Service feedback (M9): the service clock on each request, Service tabs on customers and products, the working time in Settings. */
export function registerServiceFeedback(): void {
  extendEntity('serviceFeedback', { recordSections: [ServiceClockSection] });
  extendEntity('customer', { recordTabs: [{ value: 'service', label: 'serviceFeedback.tab', Panel: CustomerServiceTab, Badge: CustomerServiceBadge }] });
  extendEntity('product', { recordTabs: [{ value: 'service', label: 'serviceFeedback.tab', Panel: ProductServiceTab, Badge: ProductServiceBadge }] });
  registerSettingsSection(WorkingTimeSetting);
}
