import { type Html, type HtmlValue, html, jsonDataBlock, styleElement } from './html.js'
import { REPORT_CSS } from './report.css.js'
import type { ScenarioReportData } from './report-data.js'
import { assumptionsSection } from './sections/assumptions.js'
import { forecastSection, savingsSection } from './sections/charts.js'
import { optionsSection } from './sections/options.js'
import { section } from './sections/parts.js'
import { priceBookSection } from './sections/price-book.js'
import { bookText, reportHeader, structureText, summarySection, termText } from './sections/summary.js'
import { warningsSection } from './sections/warnings.js'
import { yearsSection } from './sections/years.js'

/**
 * A whole report page: a self-contained HTML document (inline stylesheet, inline SVG, no script), the same bytes for
 * the same plan. `bodyClass` names the kind of report for the stylesheet.
 */
export function htmlDocument(title: string, bodyClass: string, ...body: readonly HtmlValue[]): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${title}</title>${styleElement(
    REPORT_CSS,
  )}</head><body class="${bodyClass}"><main>${body}</main></body></html>
`.markup
}

/** The sections of a scenario's report, in order, with the charts the contents link to. */
const CONTENTS = [
  { id: 'summary', title: 'Summary' },
  { id: 'savings', title: 'Savings by lever' },
  { id: 'chart-waterfall', title: 'Chart: savings waterfall' },
  { id: 'forecast', title: 'Forecast and commitments' },
  { id: 'chart-forecast', title: 'Chart: monthly forecast' },
  { id: 'chart-years', title: 'Chart: contract years' },
  { id: 'options', title: 'Commitment options' },
  { id: 'warnings', title: 'Warnings' },
  { id: 'years', title: 'Annual view' },
  { id: 'assumptions', title: 'Assumptions' },
  { id: 'price-book', title: 'Price book' },
] as const

/** The figures of the report as data (`#report-data`), for a script or a test: the API's strings, unchanged. */
function reportFigures(data: ScenarioReportData) {
  const { plan } = data
  const r = plan.recommendation
  return {
    report: 'scenario',
    portfolio: data.portfolio,
    scenario: data.scenario,
    planRevision: data.planTag,
    currency: plan.currency,
    term: plan.term,
    structure: plan.structure,
    priceBook: plan.priceBook,
    baseline: plan.baseline.termSpend,
    optimized: plan.optimized.termSpend,
    fullyOptimized: plan.fullyOptimized.termSpend,
    savings: plan.savings,
    recommendation: {
      commit: r.commit,
      discountRate: r.discountRate,
      expectedPayment: r.expectedPayment,
      expectedStranded: r.expectedStranded,
      shortfallProbability: r.shortfallProbability,
      years: r.years,
    },
    options: plan.options.map((o) => ({
      kinds: o.kinds,
      commit: o.commit,
      expectedPayment: o.expectedPayment,
      expectedStranded: o.expectedStranded,
    })),
    warnings: plan.warnings.map((w) => ({ code: w.code, severity: w.severity, amount: w.amount })),
  }
}

function footer(data: ScenarioReportData): Html {
  const base = `/v1/portfolios/${data.portfolio.id}/scenarios/${data.scenario.id}`
  return html`<footer class="report-foot"><p>Plan revision <code>${data.planTag}</code>. Every figure is the service’s own: <code>GET ${base}/projection</code> and <code>${base}/recommendation</code> answer the same ones. Figures in cents come from the deterministic projection, whole dollars from the simulation.</p></footer>`
}

/** A stored scenario's report: the whole plan as a document to read on screen or print for the negotiation. */
export function scenarioReportHtml(data: ScenarioReportData): string {
  const { plan, scenario, portfolio } = data
  const header = reportHeader(
    'Commitment plan',
    scenario.name,
    [
      ['Portfolio', portfolio.name],
      ['Term', termText(plan.term)],
      ['Commitment', structureText(plan)],
      ['Price book', bookText(plan.priceBook)],
    ],
    CONTENTS,
  )
  return htmlDocument(
    `${scenario.name} — commitment plan — ${portfolio.name}`,
    'scenario-report',
    header,
    section('summary', 'Summary', summarySection(data)),
    section('savings', 'Savings by lever', savingsSection(plan, scenario.name)),
    section('forecast', 'Forecast and commitments', forecastSection(plan, scenario.name)),
    section('options', 'Commitment options', optionsSection(plan)),
    section(
      'warnings',
      'Warnings',
      warningsSection(plan, `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}/tables/warnings`),
    ),
    section('years', 'Annual view', yearsSection(plan)),
    section('assumptions', 'Assumptions', assumptionsSection(data)),
    section('price-book', 'Price book', priceBookSection(data)),
    footer(data),
    jsonDataBlock('report-data', reportFigures(data)),
  )
}
