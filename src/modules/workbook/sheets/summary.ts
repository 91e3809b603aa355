import { type CellValue, date, formula, num, text } from '../cells.js'
import type { WorkbookFormulas } from '../formulas.js'
import { SHEETS, SUMMARY_ROWS, type SummaryRow, type WorkbookLayout } from '../layout.js'
import { type CellStyle, FORMATS, input, live, plain, value } from '../styles.js'
import type { WorkbookData } from '../workbook-data.js'
import type { ColumnSpec, SheetSpec, SheetWriter } from '../writer.js'

/**
 * Summary: the portfolio's totals first (live: sums of the Monthly sheet), then the recommended commitment with
 * the simulation's figures (values), then what the plan is of, and a legend of the cell colours.
 */

type Line = [label: string, cell: CellValue, style: CellStyle, source: string]
const LIVE = 'live formula'
const SIMULATED = 'value (the API’s simulation)'
const FACT = 'value (the plan’s inputs)'

export function summarySheet(data: WorkbookData, layout: WorkbookLayout, formulas: WorkbookFormulas) {
  const columns: ColumnSpec[] = [
    { header: 'Figure', width: 44 },
    { header: 'Value', width: 22 },
    { header: 'Source', width: 30 },
  ]
  const spec: SheetSpec = { name: SHEETS.summary, columns, frozen: { rows: 1, columns: 1 } }
  const S = layout.summary
  const own = (key: SummaryRow) => `B${S.row[key]}`
  const money = live(FORMATS.money)
  const percent = live(FORMATS.percent)
  const r = data.head.recommendation
  const sim = data.head.simulation

  const liveMoney = (label: string, expression: string): Line => [label, formula(expression), money, LIVE]
  const livePercent = (label: string, expression: string): Line => [label, formula(expression), percent, LIVE]
  const simulated = (label: string, figure: string | null, format: string): Line => [
    label,
    num(figure),
    value(format),
    SIMULATED,
  ]

  const lines: Record<SummaryRow, Line> = {
    baselineTerm: liveMoney('Baseline term spend', formulas.termSpend('baseline')),
    optimizedTerm: liveMoney('Optimized term spend (levers as scheduled)', formulas.termSpend('optimized')),
    fullyOptimizedTerm: liveMoney(
      'Fully optimized term spend (every lever from month 0)',
      formulas.termSpend('fullyOptimized'),
    ),
    savingsScheduled: liveMoney('Savings as scheduled', `${own('baselineTerm')}-${own('optimizedTerm')}`),
    savingsFull: liveMoney('Savings fully optimized', `${own('baselineTerm')}-${own('fullyOptimizedTerm')}`),
    scheduledRate: livePercent(
      'Scheduled savings rate',
      formulas.rate(own('savingsScheduled'), own('baselineTerm')),
    ),
    fullRate: livePercent('Full savings rate', formulas.rate(own('savingsFull'), own('baselineTerm'))),
    baselineStartRunRate: liveMoney(
      'Baseline start run-rate (12 × first month)',
      formulas.runRate('baseline', 'start'),
    ),
    baselineEndRunRate: liveMoney(
      'Baseline end run-rate (12 × last month)',
      formulas.runRate('baseline', 'end'),
    ),
    optimizedStartRunRate: liveMoney('Optimized start run-rate', formulas.runRate('optimized', 'start')),
    optimizedEndRunRate: liveMoney('Optimized end run-rate', formulas.runRate('optimized', 'end')),
    fullyOptimizedStartRunRate: liveMoney(
      'Fully optimized start run-rate',
      formulas.runRate('fullyOptimized', 'start'),
    ),
    fullyOptimizedEndRunRate: liveMoney(
      'Fully optimized end run-rate',
      formulas.runRate('fullyOptimized', 'end'),
    ),
    recommendedCommit: simulated('Recommended commitment', r.commit, FORMATS.dollars),
    recommendedDiscount: simulated('Its discount rate', r.discountRate, FORMATS.percent),
    recommendedTier: ['Its tier (0: none)', r.tier, value(FORMATS.integer), SIMULATED],
    recommendedPayment: simulated('Expected payment', r.expectedPayment, FORMATS.dollars),
    recommendedStranded: simulated('Expected stranded', r.expectedStranded, FORMATS.dollars),
    recommendedShortfall: simulated('Shortfall probability', r.shortfallProbability, FORMATS.percent),
    recommendedUtilization: simulated('Expected utilization', r.expectedUtilization, FORMATS.percent),
    recommendedCoverage: simulated('Expected coverage', r.expectedCoverage, FORMATS.percent),
    recommendedSavingsRate: simulated('Effective savings rate', r.effectiveSavingsRate, FORMATS.percent),
    p10: simulated('P10 of the simulated optimized term spend', sim.percentiles.p10, FORMATS.dollars),
    p50: simulated('P50', sim.percentiles.p50, FORMATS.dollars),
    p90: simulated('P90', sim.percentiles.p90, FORMATS.dollars),
    mean: simulated('Mean', sim.mean, FORMATS.dollars),
    deterministicTermSpend: liveMoney(
      'Deterministic optimized term spend (what the simulation scatters around)',
      own('optimizedTerm'),
    ),
    explanation: ['Explanation', text(r.explanation), plain, SIMULATED],
    basis: ['Basis of the recommendation', text(r.basis), plain, SIMULATED],
    portfolio: ['Portfolio', text(data.portfolioName), plain, FACT],
    scenario: ['Scenario', text(data.scenarioName), plain, FACT],
    priceBook: ['Price book', text(`${data.book.name} (from ${data.book.effectiveFrom})`), plain, FACT],
    termStart: ['Term start', date(data.head.term.start), live(FORMATS.date), FACT],
    termMonths: ['Term months', data.head.term.months, live(FORMATS.integer), FACT],
    termEnd: ['Term end', date(data.head.term.end), live(FORMATS.date), FACT],
    structure: ['Commitment structure', text(data.head.structure), plain, FACT],
    leverOrder: [
      'Levers, in order',
      text(data.plan.levers.map((l) => l.lever).join(' → ') || '(none)'),
      plain,
      FACT,
    ],
    planEtag: ['Plan revision (the projection’s ETag names it)', text(data.planTag), plain, FACT],
    legendInputs: [
      'Inputs: change them and every live figure moves',
      text('blue on yellow'),
      input(),
      'legend',
    ],
    legendValues: ['Values copied from the API (not recalculated)', text('grey italic'), value(), 'legend'],
  }

  async function write(sheet: SheetWriter) {
    for (const key of SUMMARY_ROWS) {
      if (key === null) {
        await sheet.blank()
        continue
      }
      const [label, cell, style, source] = lines[key]
      await sheet.row([text(label), cell, text(source)], [plain, style, plain])
    }
  }

  return { spec, write }
}
