import { IconChartBar } from '@tabler/icons-react';
import { ANALYSES, type AnalysisName } from '../../../shared/analysis.js';
import { lazyPage } from '../../core/lazyPage.js';
import { registerPage } from '../../core/pages.js';

// The analysis pages and ECharts load only when one is opened (the rest of the app never needs them).
const page = (name: AnalysisName) => lazyPage(() => import('./AnalysisPage.js').then(({ AnalysisPage }) => function Analysis() {
  return <AnalysisPage name={name} />;
}));

/** M11: the Sales analysis folder with its three analyses, after Expenses. */
export function registerAnalysis(): void {
  let after = '/expenses';
  for (const name of ANALYSES) {
    const path = `/analysis/${name}`;
    registerPage({ path, label: `analysis.${name}.title`, icon: IconChartBar, after, group: { label: 'nav.analysis', icon: IconChartBar }, Page: page(name) });
    after = path;
  }
}
