import { lazyPage } from '../../core/lazyPage.js';
import { registerAside, registerHeaderItem, registerSettingsSection } from '../../core/pages.js';
import { registerLabDataWeb } from './data/index.js';
import { LabButton } from './LabButton.js';
import { useLabPanelOpened } from './labPanelStore.js';

/** The guided lab (issue 13): the header's Lab button, its panel beside the page, its switch in Settings. */
export function registerLab(): void {
  registerHeaderItem(LabButton);
  registerAside({ Panel: lazyPage(() => import('./LabPanel.js').then((m) => m.LabPanel)), useOpened: useLabPanelOpened, width: 360 });
  registerSettingsSection(lazyPage(() => import('./LabSetting.js').then((m) => m.LabSetting)));
  registerLabDataWeb();
}
