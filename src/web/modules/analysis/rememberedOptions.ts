import { DEFAULT_OPTIONS, readOptions, type AnalysisName, type AnalysisOptions } from '../../../shared/analysis.js';
import { optionParams } from './analysisApi.js';

const key = (name: AnalysisName) => `rapport.analysis.${name}`;

/** The options last run for an analysis on this browser (read back through the same checks as a URL), else the defaults. */
export function rememberedOptions<A extends AnalysisName>(name: A): AnalysisOptions[A] {
  try {
    const saved = localStorage.getItem(key(name));
    if (saved) {
      const { options, errors } = readOptions(name, JSON.parse(saved) as Record<string, string>);
      if (errors.length === 0) return options;
    }
  } catch { /* nothing remembered */ }
  return DEFAULT_OPTIONS[name];
}

export function rememberOptions<A extends AnalysisName>(name: A, options: AnalysisOptions[A]): void {
  try { localStorage.setItem(key(name), JSON.stringify(optionParams(name, options))); } catch { /* not remembered */ }
}
