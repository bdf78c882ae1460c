import { lazyPage } from '../../../core/lazyPage.js';
import { registerSettingsSection } from '../../../core/pages.js';

export { ResetLabButton } from './ResetLabButton.js';
export { SampleDataButton } from './SampleDataButton.js';

/** The guided lab's "starting over" (issue 13): reset, sample data and backups in Settings. */
export function registerLabDataWeb(): void {
  registerSettingsSection(lazyPage(() => import('./LabDataSetting.js').then((m) => m.LabDataSetting)));
}
