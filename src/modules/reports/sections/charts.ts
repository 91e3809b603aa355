import type { ChartName, ChartPlan } from '../../charts/chart-plan.js'
import { leverName, leverSchedule, rateOf } from '../../charts/format.js'
import { percent, usd } from '../format.js'
import { chartSvg, type Html, type HtmlValue, html } from '../html.js'
import { head, moneyCell, numCell, numHead } from './parts.js'

/**
 * The charts, inline: the chart module's own SVG (docs/charts.md), with the `data-` attributes a reader or a test
 * takes the figures from. They are laid out narrower than the chart routes' default (960 × 540), so that scaled to
 * a printed page's width their text stays legible (about 8 pt), and flatter, so that two fit one printed page on A4
 * and on Letter alike; on screen they grow with the page.
 */
export const REPORT_CHART_SIZE = { width: 800, height: 420 } as const

/**
 * One chart as a figure, with an id the contents link to and a caption under it. The caption links to the table of
 * the chart's figures: in a printed PDF the chart's top (its destination) and its caption (the link) are then on
 * the same page exactly when the chart is not cut — what the browser test checks.
 */
export function chartFigure(
  chart: ChartName,
  plan: ChartPlan,
  scenarioName: string,
  caption: HtmlValue,
  /** Distinguishes the ids of the same chart drawn for several scenarios on one page. */
  key = '',
): Html {
  const id = `chart-${chart}${key}`
  const svg = chartSvg(chart, plan, { ...REPORT_CHART_SIZE, scenarioName, idPrefix: `report-${chart}${key}` })
  return html`<figure class="chart" id="${id}" data-chart-figure="${chart}">${svg}<figcaption>${caption}</figcaption></figure>`
}

/** The waterfall's steps as a table: what each lever saves, in the scenario's order. */
export function waterfallTable(plan: ChartPlan, id = 'waterfall-steps'): Html {
  const steps = plan.waterfall.map(
    (step) =>
      html`<tr data-lever="${step.lever}"><th scope="row">${leverName(step.lever)}</th><td>${leverSchedule(
        plan.term.start,
        plan.levers.find((l) => l.lever === step.lever)?.startMonth ?? 0,
        plan.levers.find((l) => l.lever === step.lever)?.rampMonths ?? 0,
      )}</td>${moneyCell(step.spendBefore)}${moneyCell(step.savings)}${numCell(
        percent(rateOf(step.savings, plan.baseline.termSpend)),
      )}${moneyCell(step.spendAfter)}${moneyCell(plan.shapley[step.lever] ?? null)}</tr>`,
  )
  return html`<table id="${id}"><caption>The steps of the waterfall. The Shapley saving shares the total saving among the levers whatever their order.</caption><thead><tr>${head(
    'Lever',
  )}${head('Takes effect')}${numHead('Spend before')}${numHead('Saving')}${numHead('Of baseline')}${numHead(
    'Spend after',
  )}${numHead('Shapley saving')}</tr></thead><tbody>${
    steps.length > 0 ? steps : html`<tr><td colspan="7" class="empty">The scenario pulls no lever.</td></tr>`
  }</tbody><tfoot><tr><th scope="row" colspan="2">Baseline → optimized</th>${moneyCell(
    plan.baseline.termSpend,
  )}${moneyCell(plan.savings.scheduled)}${numCell(percent(plan.savings.scheduledRate))}${moneyCell(
    plan.optimized.termSpend,
  )}<td></td></tr></tfoot></table>`
}

/** The savings section: the waterfall and its table. */
export function savingsSection(plan: ChartPlan, scenarioName: string): Html {
  const lead =
    plan.waterfall.length > 0
      ? `Each lever’s saving given the ones before it, in the scenario’s order and on its own schedule: ${usd(
          plan.baseline.termSpend,
        )} at today’s usage comes down to ${usd(plan.optimized.termSpend)}. The dotted line is the fully optimized spend, ${usd(
          plan.fullyOptimized.termSpend,
        )}, every lever in place from the first month: the gap to it is what the schedule’s delays cost.`
      : 'The scenario pulls no lever: the optimized spend is the baseline.'
  return html`<p class="lead">${lead}</p>${chartFigure(
    'waterfall',
    plan,
    scenarioName,
    html`Savings waterfall over the term. The figures are in <a href="#waterfall-steps">the table below</a>.`,
  )}${waterfallTable(plan)}`
}

/** The forecast section: the monthly forecast with the commitments, and the contract years. */
export function forecastSection(plan: ChartPlan, scenarioName: string): Html {
  const annual = plan.structure === 'annual'
  return html`<p class="lead">Monthly spend over the term, with the simulation’s P10–P90 band and each commitment drawn as what it commits per month${
    annual ? ', one level per contract year' : ''
  }. Where a commitment line runs above the band, that money is likely to be stranded.</p>${chartFigure(
    'forecast',
    plan,
    scenarioName,
    html`Forecast and commitments. The options are compared in <a href="#options-table">the options table</a>.`,
  )}${chartFigure(
    'years',
    plan,
    scenarioName,
    html`Contract years: baseline and optimized spend, the simulated P10–P90 and the commitments${
      annual || plan.years.length === 1 ? '' : ' (pro rata to each year’s months)'
    }. Year by year in <a href="#years-table">the annual view</a>.`,
  )}`
}
