import { createHash } from 'node:crypto'
import { COMMITMENT, INK, SPEND } from '../charts/palette.js'

/**
 * The reports' one stylesheet, inline in every page (a report is self-contained: no file, font or script is
 * fetched). The page's Content-Security-Policy allows exactly this stylesheet by its hash, and nothing else.
 *
 * Printing: `@page` sets margins only, never a size, so the same page prints on A4 and on Letter; every section
 * after the first starts a new page; tables rows, charts, cards and warnings are not split across pages; table
 * headers repeat on each page; charts take the printable width (their SVG keeps its aspect ratio through its
 * viewBox), so a chart is never clipped. Colours survive greyscale: the recommended row and the severities are
 * marked in text and by borders as well.
 */
export const REPORT_CSS = `
:root {
  --ink: ${INK.text};
  --muted: ${INK.muted};
  --rule: ${INK.grid};
  --rule-strong: #aab3bd;
  --paper: #ffffff;
  --wash: #f5f7fa;
  --accent: ${SPEND.optimized.colour};
  --recommended: ${COMMITMENT.recommended.colour};
  --recommended-wash: #fdf0e6;
  --error: #b3261e;
  --warning: #9a5b00;
  --info: #3d5a80;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: #eef1f5;
  color: var(--ink);
  font-family: 'Open Sans', 'DejaVu Sans', 'Segoe UI', Arial, Helvetica, sans-serif;
  font-size: 14px;
  line-height: 1.45;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
main {
  max-width: 1000px;
  margin: 24px auto;
  background: var(--paper);
  padding: 36px 48px 48px;
  box-shadow: 0 1px 3px rgba(15, 23, 42, 0.12);
}
header.report-head { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 20px; }
.kicker {
  margin: 0;
  color: var(--accent);
  font-size: 12px;
  font-weight: 700;
  letter-spacing: 0.08em;
  text-transform: uppercase;
}
h1 { margin: 4px 0 8px; font-size: 28px; line-height: 1.2; overflow-wrap: anywhere; }
h2 {
  margin: 0 0 12px;
  padding-bottom: 6px;
  border-bottom: 1px solid var(--rule);
  font-size: 20px;
  break-after: avoid;
}
h3 { margin: 18px 0 8px; font-size: 15px; break-after: avoid; }
p { margin: 0 0 10px; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0; padding: 0; list-style: none; color: var(--muted); }
.meta b { color: var(--ink); font-weight: 600; }
section { margin-top: 36px; }
section:first-of-type { margin-top: 0; }
.lead { font-size: 15px; }
.note { color: var(--muted); font-size: 12.5px; font-weight: 400; }
.answer {
  margin: 0 0 18px;
  padding: 14px 18px;
  border-left: 5px solid var(--recommended);
  background: var(--recommended-wash);
  font-size: 16px;
}
.figures {
  display: grid;
  grid-template-columns: repeat(4, minmax(0, 1fr));
  gap: 10px;
  margin: 0 0 16px;
}
.figure-card {
  margin: 0;
  padding: 10px 12px;
  border: 1px solid var(--rule);
  border-radius: 6px;
  break-inside: avoid;
}
.figure-card dt { color: var(--muted); font-size: 12px; }
.figure-card dd { margin: 2px 0 0; font-size: 19px; font-weight: 700; font-variant-numeric: tabular-nums; }
.figure-card dd small { display: block; color: var(--muted); font-size: 12px; font-weight: 400; }
.figure-card.key { border-color: var(--recommended); border-width: 2px; background: var(--recommended-wash); }
.recommendation-text { padding: 12px 16px; background: var(--wash); border-radius: 6px; break-inside: avoid; }
.recommendation-text p:last-child { margin-bottom: 0; }
.recommendation-text + p { margin-top: 12px; }
nav.contents { display: flex; flex-wrap: wrap; gap: 2px 10px; margin-top: 10px; font-size: 12.5px; }
.contents-label { color: var(--muted); }
nav.contents ol { display: contents; list-style: none; counter-reset: entry; }
nav.contents li { counter-increment: entry; }
nav.contents li::before { content: counter(entry) ". "; color: var(--muted); }
nav.contents a { color: var(--accent); text-decoration: none; }
a { color: var(--accent); }
figure.chart { margin: 0 0 18px; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 100%; }
figure.chart figcaption { margin-top: 6px; color: var(--muted); font-size: 12.5px; }
.charts-pair { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8px 24px; }
table {
  width: 100%;
  border-collapse: collapse;
  margin: 0 0 16px;
  font-size: 13px;
  font-variant-numeric: tabular-nums;
  break-inside: avoid;
}
table.long { break-inside: auto; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: 12.5px; padding-bottom: 4px; }
thead { display: table-header-group; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--rule-strong); font-size: 12px; color: var(--muted); font-weight: 600; }
tbody th { font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
thead th.num { white-space: normal; }
tr { break-inside: avoid; }
tfoot td, tfoot th { border-top: 2px solid var(--rule-strong); border-bottom: none; font-weight: 700; }
.name { overflow-wrap: anywhere; }
tbody.option { break-inside: avoid; }
tbody.option td.basis { color: var(--muted); font-size: 12.5px; padding-top: 0; }
tbody.option tr:first-child td, tbody.option tr:first-child th { border-bottom: none; }
tbody.option.recommended { background: var(--recommended-wash); }
tbody.option.recommended tr:first-child > :first-child { box-shadow: inset 5px 0 0 var(--recommended); }
.badge {
  display: inline-block;
  margin: 0 4px 2px 0;
  padding: 0 6px;
  border: 1px solid currentColor;
  border-radius: 3px;
  font-size: 11px;
  font-weight: 700;
  letter-spacing: 0.03em;
  text-transform: uppercase;
  white-space: nowrap;
}
.badge.recommended { color: var(--recommended); }
.badge.error { color: var(--error); }
.badge.warning { color: var(--warning); }
.badge.info { color: var(--info); }
.year-line { color: var(--muted); font-size: 12.5px; }
.warnings { list-style: none; margin: 0; padding: 0; }
.warning-item {
  margin: 0 0 10px;
  padding: 10px 14px;
  border: 1px solid var(--rule);
  border-left: 5px solid var(--warning);
  border-radius: 4px;
  break-inside: avoid;
}
.warning-more { margin: -4px 0 12px; padding: 6px 14px; border-left: 5px solid var(--rule-strong); break-inside: avoid; }
.warning-more p { margin: 0; }
.warning-item.error { border-left-color: var(--error); }
.warning-item.info { border-left-color: var(--info); }
.warning-item h3 { margin: 0 0 4px; }
.warning-item .amount { font-weight: 700; font-variant-numeric: tabular-nums; }
.warning-item .advice { color: var(--muted); margin: 0; }
.least { background: var(--recommended-wash); }
thead th.least { color: var(--ink); }
.two-columns { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 24px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 16px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); font-style: italic; }
footer.report-foot { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
@media (min-width: 1100px) {
  .comparison .charts-pair { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .comparison main { max-width: 1240px; }
}
@media (max-width: 760px) {
  main { margin: 0; padding: 20px 16px; }
  .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .two-columns { grid-template-columns: minmax(0, 1fr); }
}
@page { margin: 14mm 13mm 16mm; }
@media print {
  body { background: none; font-size: 9.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h1 { font-size: 20pt; }
  h2 { font-size: 14pt; }
  h3 { font-size: 10.5pt; }
  section { margin-top: 0; break-before: page; }
  section:first-of-type { break-before: auto; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 5px; }
  thead th { font-size: 8pt; }
  .figure-card dd { font-size: 13pt; }
  .figure-card dt, .figure-card dd small, .note, figure.chart figcaption, caption, .year-line,
  tbody.option td.basis { font-size: 8pt; }
  .answer { font-size: 11pt; }
  .lead { font-size: 10pt; }
  figure.chart { margin-bottom: 6mm; }
  figure.chart figcaption { margin-top: 2px; }
  a { color: inherit; text-decoration: none; }
  .comparison .charts-pair { grid-template-columns: minmax(0, 1fr); }
  footer.report-foot { break-inside: avoid; }
  nav.contents { font-size: 8pt; }
}
`

/** The stylesheet's CSP source (`'sha256-…'`): the one style a report page may apply. */
export const REPORT_CSS_HASH = `'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'`

/**
 * The Content-Security-Policy of a report page: nothing may load or run — no script, no font, no image, no frame,
 * no connection, no form — and the only style is the report's own stylesheet, by its hash (no inline `style`
 * attributes either). The inline SVG charts need nothing more: their fills and patterns are presentation
 * attributes and same-document references.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  `style-src ${REPORT_CSS_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
