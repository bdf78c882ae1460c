import packageJson from '../../../../../package.json' with { type: 'json' };
import type { Database } from '../../../db/database.js';
import { installationCurrency } from '../../../core/currency.js';
import { translate, translateWith } from '../../../core/i18n.js';
import type { Clock } from '../../../core/installation.js';
import type { Locale } from '../../../core/list-params.js';
import { localDate } from '../../../core/time-zones.js';
import { labProgress } from '../progress.js';
import { reportAnalyses } from './analyses.js';
import { formatDate, formatInstant, formatNumber, type ReportFormat } from './format.js';
import { recordTables } from './records.js';
import type { LabReport, ReportModule } from './report-types.js';
import type { LabStudent } from './student.js';

const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', ko: '한국어', 'zh-CN': '简体中文' };

/** The app's version (shown under Environment), imported so the compiled bundle carries it (issue 14). */
const appVersion = (): string => packageJson.version;

/** The manual's steps grouped by module (M0–M11), each with when it was done in the installation's zone. */
async function stepModules(db: Database, clock: Clock, f: ReportFormat): Promise<ReportModule[]> {
  const modules: ReportModule[] = [];
  for (const s of await labProgress(db, clock)) {
    let m = modules.find((x) => x.id === s.module);
    if (!m) {
      m = { id: s.module, title: translate(f.locale, `lab.module.${s.module}`, s.module), steps: [] };
      modules.push(m);
    }
    m.steps.push({ id: s.id, text: translate(f.locale, `lab.step.${s.id.replaceAll('.', '_')}`, s.id), done: s.done, when: s.doneAt ? formatInstant(s.doneAt, f) : null });
  }
  return modules;
}

/** The whole report, read once per request; the HTML and DOCX renderers only write it out. */
export async function buildLabReport(db: Database, clock: Clock, locale: Locale, student: LabStudent): Promise<LabReport> {
  const currency = await installationCurrency(db.kysely);
  const f: ReportFormat = { locale, timeZone: clock.timeZone, currency };
  const t = (key: string, vars?: Record<string, string | number>) => translateWith(locale, `labReport.${key}`, vars);
  const isoDate = localDate(clock.now, clock.timeZone);
  const modules = await stepModules(db, clock, f);
  const steps = modules.flatMap((m) => m.steps);
  return {
    locale,
    title: t('title'),
    date: formatDate(isoDate, f, 'long'),
    isoDate,
    student,
    purpose: { title: t('purposeTitle'), text: t('purpose') },
    type: { title: t('typeTitle'), text: t('type') },
    environment: {
      title: t('environmentTitle'),
      text: t('environment'),
      facts: [
        { label: t('software'), value: t(db.dialect === 'postgres' ? 'editionPostgres' : 'editionSqlite', { version: appVersion(), database: db.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite' }).replace(/\s+/g, ' ') },
        { label: t('language'), value: LANGUAGE_NAMES[locale] },
        { label: t('timeZone'), value: clock.timeZone },
        { label: t('currency'), value: currency.code },
      ],
    },
    steps: {
      title: t('stepsTitle'),
      summary: t('stepsDone', { done: steps.filter((s) => s.done).length, total: steps.length }),
      columns: [t('colStep'), t('colTask'), t('colDone'), t('colWhen')],
      doneText: t('done'),
      notDoneText: t('notDone'),
      modules,
    },
    records: { title: t('recordsTitle'), tables: await recordTables(db, clock, f) },
    analyses: { title: t('analysisTitle'), items: await reportAnalyses(db, clock, f) },
    observations: { title: t('observationsTitle'), hint: t('observationsHint') },
    closing: t('closing'),
    text: {
      student: t('student'), name: t('name'), course: t('course'), date: t('date'), notGiven: t('notGiven'),
      print: t('print'), printHint: t('printHint'), none: t('none'), chartsInHtml: t('chartsInHtml'),
    },
    countText: (n, capped) => t(capped ? 'countCapped' : 'count', { n: formatNumber(n, f, 0) }),
    moreText: (n, capped) => t(capped ? 'moreCapped' : 'more', { n: formatNumber(n, f, 0) }),
  };
}
