import { extendEntity } from '../../core/extensions.js';
import { lazyPage } from '../../core/lazyPage.js';
import { registerSettingsSection } from '../../core/pages.js';

// The service clock and the tabs (with the working-time arithmetic and its Temporal) load with the first record opened.
const tab = lazyPage(() => import('./ServiceTab.js').then((m) => m.CustomerServiceTab));
const badge = lazyPage(() => import('./ServiceTab.js').then((m) => m.CustomerServiceBadge));
const productTab = lazyPage(() => import('./ServiceTab.js').then((m) => m.ProductServiceTab));
const productBadge = lazyPage(() => import('./ServiceTab.js').then((m) => m.ProductServiceBadge));

/** Service feedback (M9): the service clock on each request, Service tabs on customers and products, the working time in Settings. */
export function registerServiceFeedback(): void {
  extendEntity('serviceFeedback', { recordSections: [lazyPage(() => import('./ServiceClockSection.js').then((m) => m.ServiceClockSection))] });
  extendEntity('customer', { recordTabs: [{ value: 'service', label: 'serviceFeedback.tab', Panel: tab, Badge: badge }] });
  extendEntity('product', { recordTabs: [{ value: 'service', label: 'serviceFeedback.tab', Panel: productTab, Badge: productBadge }] });
  registerSettingsSection(lazyPage(() => import('./WorkingTimeSetting.js').then((m) => m.WorkingTimeSetting)));
}
