import type { Lever } from '../../../domain/index.js'
import type { ChartPlan } from '../../charts/chart-plan.js'
import { addMonths, leverName, leverSchedule, monthLabel } from '../../charts/format.js'
import { count, monthsText, percent, share, usd } from '../format.js'
import { type Html, type HtmlValue, html, join } from '../html.js'
import type { ScenarioReportData, WorkloadSummary } from '../report-data.js'
import { head, moneyCell, numCell, numHead } from './parts.js'
import { structureText, termText } from './summary.js'

/** What the plan assumed: the levers and their schedule, the commitment and simulation settings, the workloads. */

function facts(rows: readonly [string, HtmlValue][]): Html {
  return html`<dl class="facts">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`
}

/** When a lever is fully adopted: the month its ramp ends (adoption min(1, (m − s + 1) ÷ max(k, 1))). */
function fullFrom(termStart: string, startMonth: number, rampMonths: number): string {
  const month = startMonth + Math.max(rampMonths, 1) - 1
  return month <= 0 ? 'from the start' : monthLabel(addMonths(termStart, month))
}

function leversTable(plan: ChartPlan): Html {
  if (plan.levers.length === 0) return html`<p class="empty">The scenario pulls no lever.</p>`
  const rows = plan.levers.map((spec, i) => {
    const step = plan.waterfall.find((s) => s.lever === spec.lever)
    return html`<tr data-lever="${spec.lever}"><td class="num">${i + 1}</td><th scope="row">${leverName(
      spec.lever,
    )}</th>${numCell(String(spec.startMonth))}${numCell(monthsText(spec.rampMonths))}<td>${leverSchedule(
      plan.term.start,
      spec.startMonth,
      spec.rampMonths,
    )}</td><td>${fullFrom(plan.term.start, spec.startMonth, spec.rampMonths)}</td>${moneyCell(
      step?.savings,
    )}${moneyCell(plan.shapley[spec.lever])}</tr>`
  })
  return html`<table id="levers-table"><caption>In the scenario’s order: each lever is pulled on its start month (0 = the term’s first month) and ramps up linearly.</caption><thead><tr>${numHead(
    '#',
  )}${head('Lever')}${numHead('Start month')}${numHead('Ramp')}${head('Takes effect')}${head(
    'Fully adopted',
  )}${numHead('Waterfall saving')}${numHead('Shapley saving')}</tr></thead><tbody>${rows}</tbody></table>`
}

/** Per-lever settings of the simulation (`batch 2 mo, caching 2 mo`), or one figure when they agree. */
function perLever<T>(plan: ChartPlan, values: Partial<Record<Lever, T>>, show: (value: T) => string): string {
  const listed = plan.levers.map((l) => l.lever).filter((lever) => values[lever] !== undefined)
  if (listed.length === 0) return 'none'
  const texts = listed.map((lever) => show(values[lever] as T))
  if (texts.every((t) => t === texts[0])) return `${texts[0]} (every lever)`
  return listed.map((lever, i) => `${leverName(lever)} ${texts[i]}`).join(', ')
}

function commitmentFacts(data: ScenarioReportData): Html {
  const { plan, inputs } = data
  const c = inputs.commitment
  const proposed =
    c.proposedCommit === null
      ? 'none'
      : `${usd(c.proposedCommit.toFixed(0))}${
          c.proposedCommitByYear
            ? ` — by contract year ${c.proposedCommitByYear.map((y) => usd(y.toFixed(0))).join(', ')}`
            : ''
        }`
  const tiers =
    c.tiers.length === 0
      ? 'none'
      : join(
          c.tiers.map(
            (t, i) =>
              html`<span data-tier="${i + 1}">Tier ${i + 1}: from ${usd(t.minCommit.toFixed(0))}, ${percent(
                t.discountRate.toString(),
              )} off</span>`,
          ),
          html`<br>`,
        )
  const sim = plan.simulation
  return facts([
    ['Term', termText(plan.term)],
    ['Structure', structureText(plan)],
    ['Confidence', `${share(c.confidence)}: the recommendation is consumed in that share of the runs`],
    ['Discount tiers', tiers],
    ['Proposed commitment', proposed],
    ['Overage', c.overage === 'list' ? 'billed at list price' : 'billed at the commitment’s discount'],
    ['Simulation', `${sim.runs.toLocaleString('en-US')} runs, seed ${sim.seed}`],
    ['Growth uncertainty', `${share(sim.growthStdDev)} a month (standard deviation)`],
    ['Adoption slip', perLever(plan, sim.adoptionSlipMonths, (m) => `up to ${monthsText(m)}`)],
    ['Savings realized', perLever(plan, sim.minRealization, (r) => `${share(r)} to 100% of plan`)],
  ])
}

function workloadsSummary(data: ScenarioReportData): Html {
  const summary: WorkloadSummary = data.workloads
  const displayName = (id: string) => data.models.find((m) => m.modelId === id)?.displayName ?? id
  const firstMonth = data.plan.months[0]
  const top = summary.top.map(
    (w) =>
      html`<tr><th scope="row" class="name">${w.name}${
        w.team ? html`<br><span class="note">${w.team}</span>` : ''
      }</th><td>${displayName(w.model)}${w.routeToModel ? ` → ${displayName(w.routeToModel)}` : ''}</td>${numCell(
        count(w.requestsPerMonth),
        w.requestsPerMonth,
      )}${moneyCell(w.baseline)}${moneyCell(w.optimized)}${numCell(percent(w.savingsRate), w.savingsRate)}</tr>`,
  )
  const others =
    summary.others.count > 0
      ? html`<tr><th scope="row" colspan="3">${summary.others.count.toLocaleString('en-US')} other workload${
          summary.others.count === 1 ? '' : 's'
        }</th>${moneyCell(summary.others.baseline)}${moneyCell(summary.others.optimized)}<td></td></tr>`
      : ''
  const byModel = summary.byModel.map(
    (m) =>
      html`<tr><th scope="row">${m.displayName}<br><span class="note">${m.model}</span></th>${numCell(
        String(m.workloads),
      )}${moneyCell(m.baseline)}</tr>`,
  )
  return html`${facts([
    ['Workloads', summary.count.toLocaleString('en-US')],
    ['Requests a month', `${count(summary.requestsPerMonth)} in the term’s first month`],
    ['Spend a month today', firstMonth ? usd(firstMonth.baseline) : '—'],
  ])}<table id="models-table"><caption>Workloads by the model they run on today.</caption><thead><tr>${head(
    'Model',
  )}${numHead('Workloads')}${numHead('Baseline term spend')}</tr></thead><tbody>${byModel}</tbody></table><table id="workloads-table" class="long"><caption>The largest workloads by baseline term spend${
    summary.others.count > 0 ? ' (the full list is in the workbook and the workloads table)' : ''
  }.</caption><thead><tr>${head('Workload')}${head('Model → routed to')}${numHead('Requests / month')}${numHead(
    'Baseline',
  )}${numHead('Optimized')}${numHead('Saving')}</tr></thead><tbody>${top}${others}</tbody></table>`
}

/** The assumptions section. */
export function assumptionsSection(data: ScenarioReportData): Html {
  return html`<h3>Levers and their schedule</h3>${leversTable(data.plan)}<h3>Commitment and simulation</h3>${commitmentFacts(
    data,
  )}<h3>Workloads</h3>${workloadsSummary(data)}`
}
