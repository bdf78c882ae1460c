import { BREAKDOWNS, COMPARES, COMPOSITION_BY, DATE_BASES, FUNNEL_MODES, MAX_TOP, TREND_MEASURES, TREND_SERIES } from '../../../shared/analysis.js';
import { GRANULARITIES, PERIOD_KINDS } from '../../../shared/periods.js';

const q = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: 'query', schema, description });
const ids = (name: string, what: string) => q(name, { type: 'string', pattern: '^\\d+(,\\d+)*$' }, `${what} ids, comma-separated`);
const PERIOD = [
  q('period', { type: 'string', enum: PERIOD_KINDS }, 'This or last month, quarter or year; the last n months (with months); or custom (with from and to). Days are in the installation\'s time zone'),
  q('months', { type: 'integer', minimum: 1, maximum: 120 }, 'For period=lastMonths: how many months, this one included'),
  q('from', { type: 'string', format: 'date' }, 'For period=custom: the first day'),
  q('to', { type: 'string', format: 'date' }, 'For period=custom: the last day'),
];
const COMMON = [
  q('locale', { type: 'string', enum: ['en', 'ko', 'zh-CN'] }, 'Language of labels (else Accept-Language)'),
  q('format', { type: 'string', enum: ['csv', 'xlsx'] }, 'The result\'s tables as a file instead of JSON'),
];
const FILTERS = [ids('customerType', 'Customer type'), ids('region', 'Region'), ids('owner', 'Owner (user)')];
const cancelled = q('includeCancelled', { type: 'boolean' }, 'Count cancelled sales too (left out by default)');
const compare = q('compare', { type: 'string', enum: COMPARES }, 'Beside the previous period of the same length, or the same period a year before');
const result = (what: string) => ({ 200: { description: `${what}; every number carries drill: {entity, filters}, the list filter that opens its records` }, 400: { description: 'A bad option (the parameter named)' } });

/** The sales analysis and dashboard routes, with the options dialog's fields as parameters. */
export const ANALYSIS_PATHS: Record<string, unknown> = {
  '/api/v1/analysis/trend': {
    get: {
      summary: 'Sales trend analysis (M11.a): a measure per day, week, month, quarter or year of a period, optionally split into series and compared with another period',
      parameters: [
        q('measure', { type: 'string', enum: TREND_MEASURES }, 'Sales amount, number of sales, won opportunity amount, or margin after approved expenses'),
        q('basis', { type: 'string', enum: DATE_BASES }, 'The date that places a record: a sale\'s order date, a won opportunity\'s close date, or either\'s created date'),
        q('granularity', { type: 'string', enum: GRANULARITIES }, 'Bucket size; weeks start on Monday'),
        q('series', { type: 'string', enum: ['none', ...TREND_SERIES] }, 'Split into the 10 largest values (and Other)'),
        ...PERIOD, ...FILTERS, cancelled, compare, ...COMMON,
      ],
      responses: result('Buckets, the total series and one per value'),
    },
  },
  '/api/v1/analysis/funnel': {
    get: {
      summary: 'Sales funnel model analysis (M11.b) from the stage history: per stage entered, conversion, drop-off, median time, amount and weighted amount; cohorts by created month; lost reasons; weighted forecast by expected close month',
      parameters: [
        q('mode', { type: 'string', enum: FUNNEL_MODES }, 'strict: counted at a stage only after first entering every earlier stage in order; reached: got there at least once'),
        ...PERIOD, ids('owner', 'Owner (user)'), ids('source', 'Source (customer-source dictionary value)'), ...COMMON,
      ],
      responses: result('Stages, summary, cohorts, lost reasons and forecast'),
    },
  },
  '/api/v1/analysis/composition': {
    get: {
      summary: 'Sales composition analysis (M11.b): each value\'s share of the period\'s sales, from sale lines, with a Pareto/ABC table, the top N and Other',
      parameters: [
        q('by', { type: 'string', enum: COMPOSITION_BY }, `One of ${BREAKDOWNS.join(', ')}`),
        q('top', { type: 'integer', minimum: 1, maximum: MAX_TOP }, 'Slices before Other'),
        ...PERIOD, ...FILTERS, cancelled, compare, ...COMMON,
      ],
      responses: result('Slices, Pareto rows and the total'),
    },
  },
  '/api/v1/dashboard': {
    get: {
      summary: 'The home dashboard: activities due today and overdue, the open pipeline by stage, this month\'s sales against last month\'s, open service feedback by priority and overdue',
      parameters: [COMMON[0]],
      responses: { 200: { description: 'The tiles, each number with the list filter (drill) that opens its records' } },
    },
  },
};
