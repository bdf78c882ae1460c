import { CHART_SIZE, chartSvg, fontStack } from './charts.js';
import { html, lines, trustedHtml, type Html } from './html.js';
import type { LabReport, ReportAnalysis, ReportTable } from './report-types.js';

const css = (fonts: string) => `
@page { size: A4; margin: 16mm 14mm 16mm; }
* { box-sizing: border-box; }
html { font-family: ${fonts}; color: #212529; font-size: 10.5pt; line-height: 1.45; }
html:lang(ko) { word-break: keep-all; }
body { margin: 0; background: #e9ecef; }
main { max-width: 210mm; margin: 0 auto 24px; background: #fff; padding: 16mm 14mm; box-shadow: 0 1px 6px rgba(0,0,0,.15); }
.toolbar { max-width: 210mm; margin: 0 auto; padding: 12px 0; display: flex; gap: 12px; align-items: center; font-size: 10pt; color: #495057; }
.toolbar button { font: inherit; font-size: 11pt; padding: 6px 18px; border: 0; border-radius: 4px; background: #1c7ed6; color: #fff; cursor: pointer; }
h1 { font-size: 22pt; margin: 0 0 4mm; text-align: center; letter-spacing: .02em; }
h2 { font-size: 14pt; margin: 0 0 3mm; padding-bottom: 1mm; border-bottom: 2px solid #1c7ed6; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
h3 .count { font-weight: normal; color: #868e96; font-size: 9.5pt; margin-left: 2mm; }
p { margin: 0 0 2.5mm; }
section { margin-bottom: 6mm; }
section.major { break-before: page; }
.ident { width: 100%; border-collapse: collapse; margin: 6mm 0 8mm; font-size: 11pt; }
.ident th { width: 28mm; text-align: left; font-weight: 600; padding: 2mm 3mm; border-bottom: 1px solid #adb5bd; }
.ident td { padding: 2mm 3mm; border-bottom: 1px solid #adb5bd; }
.blank { color: #adb5bd; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 6mm; margin: 2mm 0 0; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
table.data { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin-bottom: 2mm; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; }
table.data th, table.data td { border: 1px solid #ced4da; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.data th { background: #f1f3f5; font-weight: 600; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data th.num { text-align: right; }
table.data td.short { white-space: nowrap; }
table.data .wide { width: 38%; }
table.data tr.module th { background: #e7f5ff; font-size: 9.5pt; }
td.done { color: #2b8a3e; font-weight: 600; white-space: nowrap; } td.todo { color: #868e96; white-space: nowrap; }
td.id, td.when { white-space: nowrap; }
.more, .empty { color: #868e96; font-size: 9pt; margin: 0 0 3mm; }
.period { color: #495057; font-size: 9.5pt; }
figure.chart { margin: 2mm 0 4mm; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; max-height: 90mm; }
.analysis + .analysis { break-before: page; }
.observations { min-height: 70mm; border: 1px dashed #adb5bd; border-radius: 2mm; padding: 3mm; color: #adb5bd; }
.closing { margin-top: 6mm; text-align: center; color: #495057; font-style: italic; }
@media print {
  html { font-size: 10pt; }
  body { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .no-print { display: none !important; }
}
`;

function table(t: ReportTable, none: string, more: (n: number, capped: boolean) => string): Html {
  if (!t.rows.length) return html`<p class="empty">${none}</p>`;
  const cls = (i: number) => (t.kinds[i] === 'number' ? 'num' : t.kinds[i] === 'text' ? false : t.kinds[i]);
  return html`<table class="data"><thead><tr>${t.columns.map((c, i) => html`<th scope="col" class="${cls(i) || ''}">${c}</th>`)}</tr></thead>
<tbody>${t.rows.map((row) => html`<tr>${row.map((cell, i) => html`<td class="${cls(i) || ''}">${lines(cell)}</td>`)}</tr>`)}</tbody></table>
${t.more > 0 ? html`<p class="more">${more(t.more, t.moreCapped)}</p>` : ''}`;
}

function analysis(a: ReportAnalysis, r: LabReport): Html {
  const chart = a.chart.empty !== null
    ? html`<p class="empty">${a.chart.empty}</p>`
    : html`<figure class="chart" role="img" aria-label="${a.title}">${trustedHtml(chartSvg(a.chart, r.locale, a.chart.kind === 'bars' ? CHART_SIZE : { width: CHART_SIZE.width, height: 320 }))}</figure>`;
  return html`<div class="analysis" id="analysis-${a.id}"><h3>${a.title}</h3><p class="period">${a.period}</p>${chart}
${a.tables.filter((t) => t.rows.length).map((t) => html`${t.title !== a.title ? html`<h4>${t.title}</h4>` : ''}${table(t, r.text.none, r.moreText)}`)}</div>`;
}

function steps(r: LabReport): Html {
  const s = r.steps;
  return html`<table class="data steps"><thead><tr>${s.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead><tbody>
${s.modules.map((m) => html`<tr class="module"><th colspan="4" scope="rowgroup">${m.title}</th></tr>
${m.steps.map((st) => html`<tr><td class="id">${st.id}</td><td>${st.text}</td><td class="${st.done ? 'done' : 'todo'}">${st.done ? `✓ ${s.doneText}` : s.notDoneText}</td><td class="when">${st.when ?? ''}</td></tr>`)}`)}
</tbody></table>`;
}

/** The printable report: one self-contained page (styles inline, charts as inline SVG, no external resource). */
export function reportHtml(r: LabReport, scriptNonce: string): string {
  const value = (v: string | null) => (v ? html`${v}` : html`<span class="blank">${r.text.notGiven}</span>`);
  const page = html`<!doctype html>
<html lang="${r.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${r.title}${r.student.name ? ` — ${r.student.name}` : ''} (${r.isoDate})</title>
<style>${trustedHtml(css(fontStack(r.locale)))}</style>
</head>
<body>
<div class="toolbar no-print"><button type="button" id="print">${r.text.print}</button><span>${r.text.printHint}</span></div>
<main>
<header>
<h1>${r.title}</h1>
<table class="ident"><tbody>
<tr><th scope="row">${r.text.name}</th><td>${value(r.student.name)}</td></tr>
<tr><th scope="row">${r.text.course}</th><td>${value(r.student.course)}</td></tr>
<tr><th scope="row">${r.text.date}</th><td>${r.date}</td></tr>
</tbody></table>
</header>
<section><h2>${r.purpose.title}</h2><p>${r.purpose.text}</p></section>
<section><h2>${r.type.title}</h2><p>${r.type.text}</p></section>
<section><h2>${r.environment.title}</h2><p>${r.environment.text}</p>
<dl class="facts">${r.environment.facts.map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}</dl></section>
<section class="major" id="steps"><h2>${r.steps.title}</h2><p>${r.steps.summary}</p>${steps(r)}</section>
<section class="major" id="records"><h2>${r.records.title}</h2>
${r.records.tables.map((t) => html`<div class="records" id="records-${t.id}"><h3>${t.title}<span class="count">${r.countText(t.rows.length + t.more, t.moreCapped)}</span></h3>${table(t, r.text.none, r.moreText)}</div>`)}
</section>
<section class="major" id="analyses"><h2>${r.analyses.title}</h2>${r.analyses.items.map((a) => analysis(a, r))}</section>
<section class="major" id="observations"><h2>${r.observations.title}</h2><div class="observations">${r.observations.hint}</div>
<p class="closing">${r.closing}</p></section>
</main>
<script nonce="${scriptNonce}">document.getElementById('print').addEventListener('click', function () { window.print(); });</script>
</body>
</html>
`;
  return page.value;
}
