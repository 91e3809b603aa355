import { dec } from '../../../domain/index.js'
import type { ChartPlan } from '../../charts/chart-plan.js'
import { dateText, monthsText, percent, usd } from '../format.js'
import { type Html, type HtmlValue, html } from '../html.js'
import type { ScenarioReportData } from '../report-data.js'

/** The report's first page: what is planned, and the figures that decide the commitment. */

/** `Anthropic list prices (effective 7 Oct 2026)`. */
export const bookText = (book: ChartPlan['priceBook']) =>
  `${book.name} (effective ${dateText(book.effectiveFrom)})`

/** `1 Mar 2027 – 31 Aug 2029 (30 months)`. */
export const termText = (term: ChartPlan['term']) =>
  `${dateText(term.start)} – ${dateText(term.end)} (${monthsText(term.months)})`

/** `one for the whole term` / `one per contract year (3 years)`. */
export function structureText(plan: ChartPlan): string {
  return plan.structure === 'annual'
    ? `one commitment per contract year (${plan.years.length} year${plan.years.length === 1 ? '' : 's'})`
    : 'one commitment for the whole term'
}

/** What a commitment's discount reads as: `at list price` or `at 8.0% off (tier 1)`. */
export function discountText(option: { discountRate: string; tier?: number }): string {
  return dec(option.discountRate).isZero()
    ? 'at list price'
    : `at ${percent(option.discountRate)} off${option.tier ? ` (tier ${option.tier})` : ''}`
}

/** The report's heading: kicker, title, the plan's coordinates, and the contents (on the first page, in print too). */
export function reportHeader(
  kicker: string,
  title: string,
  meta: readonly [string, HtmlValue][],
  entries: readonly { id: string; title: string }[],
): Html {
  return html`<header class="report-head"><p class="kicker">${kicker}</p><h1>${title}</h1><ul class="meta">${meta.map(
    ([label, value]) => html`<li>${label}: <b>${value}</b></li>`,
  )}</ul>${contents(entries)}</header>`
}

interface Card {
  label: string
  figure: string
  /** The plan field the figure is (`recommendation.commit`), in `data-field`. */
  field: string
  text: string
  note: string
  key?: boolean
}

function card({ label, figure, field, text, note, key }: Card): Html {
  return html`<div class="figure-card${key ? ' key' : ''}"><dt>${label}</dt><dd data-field="${field}" data-value="${figure}">${text}<small>${note}</small></dd></div>`
}

/** The eight headline figures, as cards. */
export function keyFigures(plan: ChartPlan): Html {
  const r = plan.recommendation
  const cards: Card[] = [
    {
      label: 'Baseline term spend',
      figure: plan.baseline.termSpend,
      field: 'baseline.termSpend',
      text: usd(plan.baseline.termSpend),
      note: 'today’s usage, no lever pulled',
    },
    {
      label: 'Optimized term spend',
      figure: plan.optimized.termSpend,
      field: 'optimized.termSpend',
      text: usd(plan.optimized.termSpend),
      note: 'levers on their schedule',
    },
    {
      label: 'Savings',
      figure: plan.savings.scheduled,
      field: 'savings.scheduled',
      text: usd(plan.savings.scheduled),
      note: `${percent(plan.savings.scheduledRate)} of the baseline`,
    },
    {
      label: 'Fully optimized term spend',
      figure: plan.fullyOptimized.termSpend,
      field: 'fullyOptimized.termSpend',
      text: usd(plan.fullyOptimized.termSpend),
      note: `every lever from the start: ${percent(plan.savings.fullRate)} saved`,
    },
    {
      label: 'Recommended commitment',
      figure: r.commit,
      field: 'recommendation.commit',
      text: usd(r.commit),
      note: discountText(r),
      key: true,
    },
    {
      label: 'Expected payment',
      figure: r.expectedPayment,
      field: 'recommendation.expectedPayment',
      text: usd(r.expectedPayment),
      note: `commitment and overage, mean of ${plan.simulation.runs.toLocaleString('en-US')} runs`,
    },
    {
      label: 'Expected stranded',
      figure: r.expectedStranded,
      field: 'recommendation.expectedStranded',
      text: usd(r.expectedStranded),
      note: 'committed, paid and not used',
    },
    {
      label: 'Shortfall probability',
      figure: r.shortfallProbability,
      field: 'recommendation.shortfallProbability',
      text: percent(r.shortfallProbability),
      note: 'share of runs that use less than committed',
    },
  ]
  return html`<dl class="figures">${cards.map(card)}</dl>`
}

/** The answer in one sentence: what to commit, what it costs, what it strands. */
export function answerSentence(plan: ChartPlan): string {
  const r = plan.recommendation
  const per = plan.structure === 'annual' ? ', split over the contract years' : ''
  return (
    `Commit ${usd(r.commit)} ${discountText(r)} for ${monthsText(plan.term.months)}${per}: an expected payment of ` +
    `${usd(r.expectedPayment)}, of which ${usd(r.expectedStranded)} is expected to go unused, against a baseline ` +
    `of ${usd(plan.baseline.termSpend)} with no lever pulled.`
  )
}

/** The contents: one link per section and chart (a printed PDF keeps them as links to its pages). */
function contents(entries: readonly { id: string; title: string }[]): Html {
  return html`<nav class="contents" aria-label="Contents"><span class="contents-label">Contents</span><ol>${entries.map(
    (e) => html`<li><a href="#${e.id}">${e.title}</a></li>`,
  )}</ol></nav>`
}

/** How many warnings of each severity, linked to the warnings section. */
function warningCounts(plan: ChartPlan): Html {
  const warnings = plan.warnings
  if (warnings.length === 0) return html`<p class="note">The plan raises no warning.</p>`
  const by = (severity: string) => warnings.filter((w) => w.severity === severity).length
  const parts = [
    [by('error'), 'error'],
    [by('warning'), 'warning'],
    [by('info'), 'opportunity'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`)
  // One severity: its count is the whole sentence ("7 warnings", not "7 warnings: 7 warnings").
  if (parts.length === 1) return html`<p>The plan raises <a href="#warnings">${parts[0]!}</a>.</p>`
  return html`<p>The plan raises <a href="#warnings">${warnings.length} findings</a>: ${parts.join(', ')}.</p>`
}

/** The summary section: the answer, the key figures and the recommendation's reasoning. */
export function summarySection(data: ScenarioReportData) {
  const { plan } = data
  const r = plan.recommendation
  return html`<p class="answer" id="answer">${answerSentence(plan)}</p>${keyFigures(plan)}<div class="recommendation-text"><p><b>${r.label}.</b></p><p>${r.basis}</p><p>${r.explanation}</p></div>${warningCounts(plan)}`
}
