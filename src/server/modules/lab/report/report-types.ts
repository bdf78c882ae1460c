import type { AnalysisName } from '../../../../shared/analysis.js';
import type { Locale } from '../../../core/list-params.js';

/**
 * The lab report as both renderers (HTML for print, DOCX for editing) write it: every text is
 * already translated and every value formatted, so the two files say exactly the same.
 */
/** number: amounts and counts; short: dates, times and statuses (one line); text: wraps; wide: a list of lines given room. */
export type ColumnLayout = 'text' | 'number' | 'short' | 'wide';

export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  /** How each column is laid out: numbers right-aligned, short values (dates, statuses) kept on one line. */
  kinds: ColumnLayout[];
  /** Cells as text; a cell may hold several lines (an opportunity's products). */
  rows: string[][];
  /** Rows past the cap: the report says "and N more" ("and over N more" where the count stopped at the list's cap). */
  more: number;
  moreCapped: boolean;
}

export interface ReportStep { id: string; text: string; done: boolean; when: string | null }
export interface ReportModule { id: string; title: string; steps: ReportStep[] }

/** One chart's data: bars by bucket (trend), stages (funnel) or slices (composition). */
export interface ReportChart {
  kind: 'bars' | 'funnel' | 'donut';
  categories: string[];
  values: number[];
  /** The values as the tables write them, for labels. */
  valueTexts: string[];
  /** What the axis counts, e.g. "Sales amount (KRW)". */
  valueName: string;
  /** Set when there is nothing to draw: the analysis's own "nothing in this period". */
  empty: string | null;
}

export interface ReportAnalysis { id: AnalysisName; title: string; period: string; chart: ReportChart; tables: ReportTable[] }

export interface ReportFact { label: string; value: string }

export interface LabReport {
  locale: Locale;
  title: string;
  /** The date the report was made, in the installation's zone: as shown, and as YYYY-MM-DD for file names. */
  date: string;
  isoDate: string;
  student: { name: string | null; course: string | null };
  /** Title and text of each opening section: purpose, type, environment (with its facts). */
  purpose: { title: string; text: string };
  type: { title: string; text: string };
  environment: { title: string; text: string; facts: ReportFact[] };
  steps: { title: string; summary: string; columns: [string, string, string, string]; doneText: string; notDoneText: string; modules: ReportModule[] };
  records: { title: string; tables: ReportTable[] };
  analyses: { title: string; items: ReportAnalysis[] };
  observations: { title: string; hint: string };
  closing: string;
  /** Short texts the renderers need: field names of the header, print button, "none", "N records". */
  text: { student: string; name: string; course: string; date: string; notGiven: string; print: string; printHint: string; none: string; chartsInHtml: string };
  /** "N records" for a table, and "and N more" under it; `capped`: at least that many. */
  countText: (n: number, capped: boolean) => string;
  moreText: (n: number, capped: boolean) => string;
}
