import { dec } from '../../domain/index.js'
import type { ChartPlan } from '../charts/chart-plan.js'
import { leverName } from '../charts/format.js'
import type { ProjectionService } from '../projections/projections.service.js'
import { monthsText, percent, signedUsd, usd } from './format.js'
import { type Html, type HtmlValue, html, jsonDataBlock } from './html.js'
import { htmlDocument } from './report.html.js'
import { chartFigure } from './sections/charts.js'
import { head, moneyCell, section } from './sections/parts.js'
import { discountText, reportHeader } from './sections/summary.js'

/** The comparison as the projection service answers it (`GET …/comparison`). */
export type Comparison = NonNullable<Awaited<ReturnType<ProjectionService['comparison']>>['body']>
type Row = Comparison['scenarios'][number]

/** Everything a comparison report is drawn from. */
export interface ComparisonReportData {
  portfolio: { id: string; name: string }
  comparison: Comparison
  /** Each compared scenario's plan (for its waterfall), by scenario id. */
  plans: ReadonlyMap<string, ChartPlan>
  /** The comparison's revision (its ETag names the same one). */
  revision: string
}

const quoted = (name: string) => `“${name}”`

/** `a − b` of two money figures of the plan, exactly. */
const minus = (a: string, b: string) => dec(a).minus(dec(b)).toFixed()

/**
 * The answer in a sentence or two: which scenario pays less under its recommended commitment, by how much, and what
 * the others would pay — with two scenarios (commit now or optimize first?) the difference is the whole answer — and
 * what signing a scenario's own proposed commitment would strand.
 */
export function comparisonAnswer(data: Pick<ComparisonReportData, 'comparison' | 'plans'>): string {
  const { comparison } = data
  const rows = comparison.scenarios
  const least = rows.find((r) => r.scenarioId === comparison.paysLeast?.scenarioId)
  if (rows.length === 0 || !least) return 'The portfolio has no scenario to compare yet.'
  const pay = (row: Row) => row.recommendation.expectedPayment
  if (rows.length === 1) {
    return `Only ${quoted(least.name)} is compared: its expected payment is ${usd(pay(least))} under its recommended commitment of ${usd(
      least.recommendation.commit,
    )}. Add a scenario to compare it with.`
  }
  const others = rows
    .filter((r) => r !== least)
    .sort((a, b) => dec(pay(a)).cmp(dec(pay(b))))
    .map((row) => ({ row, difference: minus(pay(row), pay(least)) }))
  const proposals = rows.flatMap((row) => {
    const proposed = proposedOf(data.plans.get(row.scenarioId))
    return proposed && dec(proposed.expectedStranded).gt(0)
      ? [
          ` Signing the ${usd(proposed.commit)} that ${quoted(row.name)} proposes would strand an expected ${usd(
            proposed.expectedStranded,
          )}.`,
        ]
      : []
  })
  if (others.every((o) => dec(o.difference).isZero())) {
    return `Every scenario pays the same: an expected ${usd(pay(least))} under its recommended commitment.${proposals.join('')}`
  }
  const own = `an expected ${usd(pay(least))} under its recommended commitment of ${usd(
    least.recommendation.commit,
  )} ${discountText(least.recommendation)}`
  if (others.length === 1) {
    const { row, difference } = others[0]!
    return `${quoted(least.name)} pays ${usd(difference)} less than ${quoted(row.name)}: ${own}, against ${usd(
      pay(row),
    )} under ${usd(row.recommendation.commit)} ${discountText(row.recommendation)}.${proposals.join('')}`
  }
  const list = others.map(({ row, difference }) => `${usd(difference)} less than ${quoted(row.name)}`)
  return `${quoted(least.name)} pays least — ${own}: ${list.join(', ')}.${proposals.join('')}`
}

/** What each scenario proposes (the `proposed` option), and what that option strands. */
function proposedOf(plan: ChartPlan | undefined) {
  return plan?.options.find((o) => o.kinds.includes('proposed')) ?? null
}

function comparisonTable(data: ComparisonReportData): Html {
  const rows = data.comparison.scenarios
  const leastId = data.comparison.paysLeast?.scenarioId
  const least = rows.find((r) => r.scenarioId === leastId)
  const cell = (row: Row, value: HtmlValue) =>
    html`<td class="num${row.scenarioId === leastId ? ' least' : ''}">${value}</td>`
  const money = (row: Row, figure: string | null | undefined, field?: string) =>
    figure === null || figure === undefined
      ? cell(row, '—')
      : html`<td class="num${row.scenarioId === leastId ? ' least' : ''}" data-scenario="${row.scenarioId}"${
          field ? html` data-field="${field}"` : ''
        } data-value="${figure}">${usd(figure)}</td>`
  const line = (label: string, each: (row: Row) => Html) =>
    html`<tr><th scope="row">${label}</th>${rows.map(each)}</tr>`
  const warnings = (row: Row) => Object.values(row.warningCounts).reduce((sum, n) => sum + n, 0)
  return html`<table id="comparison-table"><thead><tr><th scope="col">Figure</th>${rows.map(
    (row, i) =>
      html`<th scope="col" id="scenario-${i + 1}" class="num${row.scenarioId === leastId ? ' least' : ''}" data-scenario="${row.scenarioId}"><span class="name">${
        row.name
      }</span>${row.scenarioId === leastId ? html`<br><span class="badge recommended">Pays least</span>` : ''}</th>`,
  )}</tr></thead><tbody>${[
    line('Term', (row) =>
      cell(row, `${monthsText(row.termMonths)}, ${row.structure === 'annual' ? 'annual' : 'one commitment'}`),
    ),
    line('Baseline term spend', (row) => money(row, row.baseline, 'baseline')),
    line('Optimized term spend', (row) => money(row, row.optimized, 'optimized')),
    line('Savings', (row) =>
      cell(row, `${usd(row.savings.scheduled)} (${percent(row.savings.scheduledRate)})`),
    ),
    line('Recommended commitment', (row) => money(row, row.recommendation.commit, 'recommendation.commit')),
    line('Discount', (row) => cell(row, discountText(row.recommendation).replace(/^at /, ''))),
    line('Expected payment', (row) =>
      money(row, row.recommendation.expectedPayment, 'recommendation.expectedPayment'),
    ),
    line('Compared with the least', (row) =>
      cell(
        row,
        least
          ? signedUsd(minus(row.recommendation.expectedPayment, least.recommendation.expectedPayment))
          : '—',
      ),
    ),
    line('Expected stranded', (row) =>
      money(row, row.recommendation.expectedStranded, 'recommendation.expectedStranded'),
    ),
    line('Shortfall probability', (row) => cell(row, percent(row.recommendation.shortfallProbability))),
    line('Proposed commitment', (row) => {
      const proposed = proposedOf(data.plans.get(row.scenarioId))
      return proposed
        ? cell(
            row,
            html`${usd(proposed.commit)}<br><span class="note">strands ${usd(proposed.expectedStranded)}</span>`,
          )
        : cell(row, 'none')
    }),
    line('Sized on today’s baseline: stranded', (row) =>
      money(row, row.stranded.baseline, 'stranded.baseline'),
    ),
    line('Warnings', (row) => cell(row, String(warnings(row)))),
  ]}</tbody></table>`
}

/** Each lever's saving in each scenario (its waterfall step): the same levers, on different schedules. */
function leverTable(data: ComparisonReportData): Html {
  const rows = data.comparison.scenarios
  const levers = [...new Set(rows.flatMap((row) => row.waterfall.map((step) => step.lever)))]
  if (levers.length === 0) return html`<p class="empty">No scenario pulls a lever.</p>`
  return html`<table id="levers-table"><caption>Each lever’s saving over the term, given the levers before it in that scenario’s order.</caption><thead><tr>${head(
    'Lever',
  )}${rows.map((row) => html`<th scope="col" class="num"><span class="name">${row.name}</span></th>`)}</tr></thead><tbody>${levers.map(
    (lever) =>
      html`<tr><th scope="row">${leverName(lever)}</th>${rows.map((row) =>
        moneyCell(row.waterfall.find((step) => step.lever === lever)?.savings ?? null),
      )}</tr>`,
  )}</tbody><tfoot><tr><th scope="row">All levers</th>${rows.map((row) => moneyCell(row.savings.scheduled))}</tr></tfoot></table>`
}

function waterfalls(data: ComparisonReportData): Html {
  const rows = data.comparison.scenarios
  if (rows.length === 0) return html`<p class="empty">No scenario to draw.</p>`
  return html`<div class="charts-pair">${rows.map((row, i) => {
    const plan = data.plans.get(row.scenarioId)
    return plan
      ? chartFigure(
          'waterfall',
          plan,
          row.name,
          html`${quoted(row.name)}: ${usd(row.baseline)} → ${usd(row.optimized)}. Its figures are in <a href="#scenario-${
            i + 1
          }">the comparison’s column ${i + 1}</a>.`,
          `-${i + 1}`,
        )
      : ''
  })}</div>`
}

/** The figures of the comparison report as data (`#report-data`). */
function comparisonFigures(data: ComparisonReportData) {
  return {
    report: 'comparison',
    portfolio: data.portfolio,
    revision: data.revision,
    paysLeast: data.comparison.paysLeast,
    scenarios: data.comparison.scenarios.map((row) => ({
      scenarioId: row.scenarioId,
      name: row.name,
      baseline: row.baseline,
      optimized: row.optimized,
      recommendation: {
        commit: row.recommendation.commit,
        expectedPayment: row.recommendation.expectedPayment,
        expectedStranded: row.recommendation.expectedStranded,
      },
    })),
  }
}

/** The comparison report: several scenarios of a portfolio side by side, and which one pays less. */
export function comparisonReportHtml(data: ComparisonReportData): string {
  const rows = data.comparison.scenarios
  const entries = [
    { id: 'answer', title: 'Which pays less' },
    { id: 'waterfalls', title: 'Savings waterfalls' },
    ...rows.map((row, i) => ({ id: `chart-waterfall-${i + 1}`, title: `Waterfall: ${row.name}` })),
    { id: 'levers', title: 'Savings by lever' },
  ]
  const header = reportHeader(
    'Scenario comparison',
    data.portfolio.name,
    [['Scenarios', rows.length === 0 ? 'none' : rows.map((row) => quoted(row.name)).join(', ')]],
    entries,
  )
  return htmlDocument(
    `Scenario comparison — ${data.portfolio.name}`,
    'comparison',
    header,
    section(
      'answer',
      'Which pays less?',
      html`<p class="answer" id="answer-sentence">${comparisonAnswer(data)}</p>`,
      rows.length > 0 ? comparisonTable(data) : '',
      html`<p class="note">Expected payment: the recommended commitment plus any overage, averaged over each scenario’s simulated runs (whole dollars). Each scenario is planned on its own lever schedule; the recommendation is sized on its optimized forecast.</p>`,
    ),
    section('waterfalls', 'Savings waterfalls', waterfalls(data)),
    section('levers', 'Savings by lever', leverTable(data)),
    html`<footer class="report-foot"><p>Comparison revision <code>${data.revision}</code>. The figures are those of <code>GET /v1/portfolios/${data.portfolio.id}/comparison</code>.</p></footer>`,
    jsonDataBlock('report-data', comparisonFigures(data)),
  )
}
