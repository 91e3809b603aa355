import type { ChartPlan } from '../../charts/chart-plan.js'
import { monthRange } from '../../charts/format.js'
import { monthsText, usd } from '../format.js'
import { type Html, html } from '../html.js'
import { head, moneyCell, numHead } from './parts.js'
import { discountText } from './summary.js'

/**
 * The annual view: each contract year's spend (baseline, optimized, fully optimized), the simulated range of its
 * optimized spend, and — under `structure: annual` — the recommended commitment of that year.
 */
export function yearsSection(plan: ChartPlan): Html {
  const annual = plan.structure === 'annual'
  const r = plan.recommendation
  const rows = plan.years.map((year) => {
    const commit = r.years.find((y) => y.year === year.year)
    return html`<tr data-year="${year.year}"><th scope="row">Year ${year.year}<br><span class="note">${monthRange(
      year.start,
      year.months,
    )}${year.months === 12 ? '' : ` (${monthsText(year.months)})`}</span></th>${moneyCell(year.baseline)}${moneyCell(
      year.optimized,
    )}${moneyCell(year.fullyOptimized)}${moneyCell(year.percentiles.p10)}${moneyCell(year.percentiles.p50)}${moneyCell(
      year.percentiles.p90,
    )}${annual ? html`${moneyCell(commit?.commit)}${moneyCell(commit?.expectedStranded)}` : ''}</tr>`
  })
  const totals = html`<tr><th scope="row">Term</th>${moneyCell(plan.baseline.termSpend)}${moneyCell(
    plan.optimized.termSpend,
  )}${moneyCell(plan.fullyOptimized.termSpend)}${moneyCell(r.percentiles.p10)}${moneyCell(
    r.percentiles.p50,
  )}${moneyCell(r.percentiles.p90)}${annual ? html`${moneyCell(r.commit)}${moneyCell(r.expectedStranded)}` : ''}</tr>`
  const settled = annual
    ? `Under an annual structure each contract year’s commitment is settled at that year’s end; the discount is earned by their total, ${usd(
        r.commit,
      )} ${discountText(r)}.`
    : `The commitment is one amount for the whole term, ${usd(r.commit)} ${discountText(
        r,
      )}, settled at its end${plan.years.length > 1 ? '; the years chart shows it pro rata to each year’s months' : ''}.`
  return html`<p class="lead">Contract years run twelve months from the term’s start (the last one shorter when the term is not a whole number of years). ${settled}</p><table id="years-table"><thead><tr>${head(
    'Contract year',
  )}${numHead('Baseline')}${numHead('Optimized')}${numHead(
    'Fully optimized',
  )}${numHead('Simulated P10')}${numHead('P50')}${numHead('P90')}${
    annual ? html`${numHead('Commit')}${numHead('Stranded')}` : ''
  }</tr></thead><tbody>${rows}</tbody><tfoot>${totals}</tfoot></table><p class="note">Simulated: the optimized spend of ${plan.simulation.runs.toLocaleString(
    'en-US',
  )} runs with the scenario’s uncertainty (growth, slips, partial realization), whole dollars; the term’s P10–P90 are the simulated term totals. Deterministic figures are in cents.</p>`
}
