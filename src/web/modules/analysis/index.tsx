import { Group, Loader } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { ANALYSES, type AnalysisName } from '../../../shared/analysis.js';
import { registerPage } from '../../core/pages.js';

// The analysis pages and ECharts load only when one is opened (the rest of the app never needs them).
const AnalysisPage = lazy(() => import('./AnalysisPage.js').then((m) => ({ default: m.AnalysisPage })));

function page(name: AnalysisName) {
  return function Analysis() {
    return (
      <Suspense fallback={<Group justify="center" p="xl"><Loader /></Group>}>
        <AnalysisPage name={name} />
      </Suspense>
    );
  };
}

/** M11: the Sales analysis folder with its three analyses, after Expenses. */
export function registerAnalysis(): void {
  let after = '/expenses';
  for (const name of ANALYSES) {
    const path = `/analysis/${name}`;
    registerPage({ path, label: `analysis.${name}.title`, icon: IconChartBar, after, group: { label: 'nav.analysis', icon: IconChartBar }, Page: page(name) });
    after = path;
  }
}
