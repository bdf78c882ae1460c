import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { Locale } from '../../../core/list-params.js';
import type { LabReport, ReportTable } from './report-types.js';

/** Word picks the East Asian font for Hangul and Hanzi; these ship with Windows and Office. */
const FONTS: Readonly<Record<Locale, { ascii: string; eastAsia: string; lang: string }>> = {
  en: { ascii: 'Calibri', eastAsia: 'Malgun Gothic', lang: 'en-US' },
  ko: { ascii: 'Malgun Gothic', eastAsia: 'Malgun Gothic', lang: 'ko-KR' },
  'zh-CN': { ascii: 'Microsoft YaHei', eastAsia: 'Microsoft YaHei', lang: 'zh-CN' },
};
const TABLE_TEXT = 16; // half-points: 8 pt
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'ADB5BD' } as const;
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

const para = (text: string, opts: { bold?: boolean; color?: string; italics?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text, ...opts })], spacing: { after: 120 } });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreak = false) =>
  new Paragraph({ heading: level, pageBreakBefore: pageBreak, children: [new TextRun(text)], spacing: { before: 200, after: 120 } });

function cell(text: string, opts: { header?: boolean; numeric?: boolean; fill?: string; span?: number } = {}): TableCell {
  const fill = opts.fill ?? (opts.header ? 'F1F3F5' : undefined);
  return new TableCell({
    columnSpan: opts.span,
    shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: text.split('\n').map((line) => new Paragraph({
      alignment: opts.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
      children: [new TextRun({ text: line, size: TABLE_TEXT, bold: opts.header })],
    })),
  });
}

/** A table whose header row repeats on every page, or "None yet". */
function table(t: ReportTable, r: LabReport): (Paragraph | Table)[] {
  if (!t.rows.length) return [para(r.text.none, { color: '868E96' })];
  const out: (Paragraph | Table)[] = [new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c, i) => cell(c, { header: true, numeric: t.kinds[i] === 'number' })) }),
      ...t.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, { numeric: t.kinds[i] === 'number' })) })),
    ],
  })];
  if (t.more > 0) out.push(para(r.moreText(t.more, t.moreCapped), { color: '868E96' }));
  return out;
}

function stepsTable(r: LabReport): Table {
  const s = r.steps;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, children: s.columns.map((c) => cell(c, { header: true })) }),
      ...s.modules.flatMap((m) => [
        new TableRow({ cantSplit: true, children: [cell(m.title, { header: true, fill: 'E7F5FF', span: 4 })] }),
        ...m.steps.map((st) => new TableRow({ cantSplit: true, children: [cell(st.id), cell(st.text), cell(st.done ? `✓ ${s.doneText}` : s.notDoneText), cell(st.when ?? '')] })),
      ]),
    ],
  });
}

/**
 * The report as a Word document (Office Open XML) for the student to add observations: the same
 * sections and tables as the printable page. Charts are left out (their tables are there): the
 * server has no way to turn SVG into the PNG Word needs without a native image library.
 */
export async function reportDocx(r: LabReport): Promise<Buffer> {
  const font = FONTS[r.locale];
  const identRow = (label: string, value: string | null) => new TableRow({
    children: [cell(label, { header: true }), new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: value ?? '', size: 22 })] })], margins: { top: 60, bottom: 60, left: 80, right: 80 } })],
  });
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(r.title)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE }, borders: BORDERS,
      rows: [identRow(r.text.name, r.student.name), identRow(r.text.course, r.student.course), identRow(r.text.date, r.date)],
    }),
    heading(r.purpose.title, HeadingLevel.HEADING_1), para(r.purpose.text),
    heading(r.type.title, HeadingLevel.HEADING_1), para(r.type.text),
    heading(r.environment.title, HeadingLevel.HEADING_1), para(r.environment.text),
    ...r.environment.facts.map((f) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${f.label}: `, bold: true }), new TextRun(f.value)] })),
    heading(r.steps.title, HeadingLevel.HEADING_1, true), para(r.steps.summary), stepsTable(r),
    heading(r.records.title, HeadingLevel.HEADING_1, true),
    ...r.records.tables.flatMap((t) => [heading(`${t.title} (${r.countText(t.rows.length + t.more, t.moreCapped)})`, HeadingLevel.HEADING_2), ...table(t, r)]),
    heading(r.analyses.title, HeadingLevel.HEADING_1, true), para(r.text.chartsInHtml, { italics: true, color: '495057' }),
    ...r.analyses.items.flatMap((a) => [
      heading(a.title, HeadingLevel.HEADING_2), para(a.period, { color: '495057' }),
      ...(a.chart.empty !== null ? [para(a.chart.empty, { color: '868E96' })] : []),
      ...a.tables.filter((t) => t.rows.length).flatMap((t) => [heading(t.title, HeadingLevel.HEADING_3), ...table(t, r)]),
    ]),
    heading(r.observations.title, HeadingLevel.HEADING_1, true), para(r.observations.hint, { color: '868E96' }),
    ...Array.from({ length: 8 }, () => new Paragraph({ children: [] })),
    para(r.closing, { italics: true }),
  ];
  const doc = new Document({
    title: r.title,
    creator: r.student.name ?? 'Rapport',
    description: `${r.title} ${r.isoDate}`,
    styles: { default: { document: { run: { font: { ascii: font.ascii, hAnsi: font.ascii, eastAsia: font.eastAsia, cs: font.ascii }, size: 21, language: { value: font.lang, eastAsia: font.lang } } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1000, bottom: 1000, left: 900, right: 900 } } },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
