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

  const lines: Record<SummaryRow, Line> = {
    baselineTerm: ['Baseline term spend', formula(formulas.termSpend('baseline')), money, LIVE],
    optimizedTerm: [
      'Optimized term spend (levers as scheduled)',
      formula(formulas.termSpend('optimized')),
      money,
      LIVE,
    ],
    fullyOptimizedTerm: [
      'Fully optimized term spend (every lever from month 0)',
      formula(formulas.termSpend('fullyOptimized')),
      money,
      LIVE,
    ],
    savingsScheduled: [
      'Savings as scheduled',
      formula(`${own('baselineTerm')}-${own('optimizedTerm')}`),
      money,
      LIVE,
    ],
    savingsFull: [
      'Savings fully optimized',
      formula(`${own('baselineTerm')}-${own('fullyOptimizedTerm')}`),
      money,
      LIVE,
    ],
    scheduledRate: [
      'Scheduled savings rate',
      formula(formulas.rate(own('savingsScheduled'), own('baselineTerm'))),
      percent,
      LIVE,
    ],
    fullRate: [
      'Full savings rate',
      formula(formulas.rate(own('savingsFull'), own('baselineTerm'))),
      percent,
      LIVE,
    ],
    baselineStartRunRate: [
      'Baseline start run-rate (12 × first month)',
      formula(formulas.runRate('baseline', 'start')),
      money,
      LIVE,
    ],
    baselineEndRunRate: [
      'Baseline end run-rate (12 × last month)',
      formula(formulas.runRate('baseline', 'end')),
      money,
      LIVE,
    ],
    optimizedStartRunRate: [
      'Optimized start run-rate',
      formula(formulas.runRate('optimized', 'start')),
      money,
      LIVE,
    ],
    optimizedEndRunRate: [
      'Optimized end run-rate',
      formula(formulas.runRate('optimized', 'end')),
      money,
      LIVE,
    ],
    fullyOptimizedStartRunRate: [
      'Fully optimized start run-rate',
      formula(formulas.runRate('fullyOptimized', 'start')),
      money,
      LIVE,
    ],
    fullyOptimizedEndRunRate: [
      'Fully optimized end run-rate',
      formula(formulas.runRate('fullyOptimized', 'end')),
      money,
      LIVE,
    ],
    recommendedCommit: ['Recommended commitment', num(r.commit), value(FORMATS.dollars), SIMULATED],
    recommendedDiscount: ['Its discount rate', num(r.discountRate), value(FORMATS.percent), SIMULATED],
    recommendedTier: ['Its tier (0: none)', r.tier, value(FORMATS.integer), SIMULATED],
    recommendedPayment: ['Expected payment', num(r.expectedPayment), value(FORMATS.dollars), SIMULATED],
    recommendedStranded: ['Expected stranded', num(r.expectedStranded), value(FORMATS.dollars), SIMULATED],
    recommendedShortfall: [
      'Shortfall probability',
      num(r.shortfallProbability),
      value(FORMATS.percent),
      SIMULATED,
    ],
    recommendedUtilization: [
      'Expected utilization',
      num(r.expectedUtilization),
      value(FORMATS.percent),
      SIMULATED,
    ],
    recommendedCoverage: ['Expected coverage', num(r.expectedCoverage), value(FORMATS.percent), SIMULATED],
    recommendedSavingsRate: [
      'Effective savings rate',
      num(r.effectiveSavingsRate),
      value(FORMATS.percent),
      SIMULATED,
    ],
    p10: [
      'P10 of the simulated optimized term spend',
      num(sim.percentiles.p10),
      value(FORMATS.dollars),
      SIMULATED,
    ],
    p50: ['P50', num(sim.percentiles.p50), value(FORMATS.dollars), SIMULATED],
    p90: ['P90', num(sim.percentiles.p90), value(FORMATS.dollars), SIMULATED],
    mean: ['Mean', num(sim.mean), value(FORMATS.dollars), SIMULATED],
    deterministicTermSpend: [
      'Deterministic optimized term spend (what the simulation scatters around)',
      formula(own('optimizedTerm')),
      money,
      LIVE,
    ],
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
