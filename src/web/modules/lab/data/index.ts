import { registerSettingsSection } from '../../../core/pages.js';
import { LabDataSetting } from './LabDataSetting.js';

export { ResetLabButton } from './ResetLabButton.js';
export { SampleDataButton } from './SampleDataButton.js';
export { LabDataSetting } from './LabDataSetting.js';

/** The guided lab's "starting over" (issue 13): reset, sample data and backups in Settings. */
export function registerLabDataWeb(): void {
  registerSettingsSection(LabDataSetting);
}
