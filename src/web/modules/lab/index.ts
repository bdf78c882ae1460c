import { registerAside, registerHeaderItem, registerSettingsSection } from '../../core/pages.js';
import { registerLabDataWeb } from './data/index.js';
import { LabButton } from './LabButton.js';
import { LabPanel } from './LabPanel.js';
import { useLabPanelOpened } from './labPanelStore.js';
import { LabSetting } from './LabSetting.js';

/** The guided lab (issue 13): the header's Lab button, its panel beside the page, its switch in Settings. */
export function registerLab(): void {
  registerHeaderItem(LabButton);
  registerAside({ Panel: LabPanel, useOpened: useLabPanelOpened, width: 360 });
  registerSettingsSection(LabSetting);
  registerLabDataWeb();
}
