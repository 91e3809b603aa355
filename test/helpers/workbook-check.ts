import ExcelJS from 'exceljs'
import { HyperFormula } from 'hyperformula'
import { Decimal, dec, type PlanPreview } from '../../src/domain/index.js'
import { FORMULA_FUNCTIONS, FORMULA_LITERALS } from '../../src/modules/workbook/formulas.js'
import { type Series, SHEETS, workbookLayout } from '../../src/modules/workbook/layout.js'
import { unzip } from './zip.js'

/**
 * Proving the workbook: every live figure it computes, read back from a spreadsheet engine that recalculated
 * it (HyperFormula here, LibreOffice in `libreoffice.ts`), against the API's own figures for the same plan; and
 * a look inside the file that every formula is one of the builder's and every user text a string cell.
 */

/** A recalculated workbook: the value of a cell (1-based row and column), null when empty. */
export interface Recalculated {
  value(sheet: string, row: number, col: number): number | string | boolean | null
}

/** How close a figure must be: `cents` and `rate` as the API presents them, `derived` recomputed from them. */
export type Tolerance = 'cents' | 'rate' | 'derived' | 'exact'

/** One figure the workbook must show. */
export interface ExpectedFigure {
  label: string
  sheet: string
  row: number
  col: number
  expected: Decimal
  tolerance: Tolerance
  /** For derived figures: how many presented figures (each within half a cent) went into it. */
  terms?: number
}

/** The commitment settings the deterministic option figures depend on (the scenario's, as sent). */
export interface CommitmentSettings {
  tiers: readonly { minCommit: string; discountRate: string }[]
  overage: 'discounted' | 'list'
}

type Plan = PlanPreview

/** The layout of the workbook of a plan (the parts a figure's place depends on). */
export function layoutOfPlan(plan: Plan) {
  return workbookLayout({
    workloads: plan.workloads.length,
    months: plan.term.months,
    years: plan.years.length,
    levers: plan.levers.map((l) => l.lever),
    structure: plan.structure,
    models: 0,
    bands: 0,
    tiers: 0,
    options: plan.options.length,
    warnings: plan.warnings.length,
  })
}

const SERIES: readonly Series[] = ['baseline', 'optimized', 'fullyOptimized']

/** Every live figure of the workbook of `plan` (the projection with every part), with its place. */
export function expectedFigures(plan: Plan, commitment: CommitmentSettings): ExpectedFigure[] {
  const layout = layoutOfPlan(plan)
  const out: ExpectedFigure[] = []
  const add = (
    label: string,
    sheet: string,
    row: number,
    col: number,
    expected: string,
    tolerance: Tolerance,
  ) => out.push({ label, sheet, row, col, expected: dec(expected), tolerance })

  // Summary
  const S = layout.summary
  const summary = (key: keyof typeof S.row, value: string, tolerance: Tolerance = 'cents') =>
    add(`Summary ${key}`, SHEETS.summary, S.row[key], S.value, value, tolerance)
  for (const series of SERIES) {
    summary(`${series}Term` as keyof typeof S.row, plan[series].termSpend)
    summary(`${series}StartRunRate` as keyof typeof S.row, plan[series].startRunRate)
    summary(`${series}EndRunRate` as keyof typeof S.row, plan[series].endRunRate)
  }
  summary('savingsScheduled', plan.savings.scheduled)
  summary('savingsFull', plan.savings.full)
  summary('scheduledRate', plan.savings.scheduledRate, 'rate')
  summary('fullRate', plan.savings.fullRate, 'rate')
  summary('deterministicTermSpend', plan.recommendation.deterministicTermSpend)

  // Years, months and adoption
  plan.years.forEach((year, y) => {
    for (const series of SERIES)
      add(
        `Years ${year.year} ${series}`,
        SHEETS.years,
        layout.years.row(y),
        layout.years[series],
        year[series],
        'cents',
      )
  })
  plan.months.forEach((month, m) => {
    const row = layout.monthly.row(m)
    for (const series of SERIES)
      add(`Monthly ${m} ${series}`, SHEETS.monthly, row, layout.monthly[series], month[series], 'cents')
    for (const [lever, fraction] of Object.entries(month.adoption)) {
      const col = layout.monthly.adoption[lever as keyof typeof layout.monthly.adoption]!
      add(`Monthly ${m} adoption ${lever}`, SHEETS.monthly, row, col, fraction!, 'rate')
    }
  })

  // Waterfall
  const WF = layout.waterfall
  plan.waterfall.forEach((step, i) => {
    const row = WF.row(i + 1)
    add(`Waterfall ${step.lever} before`, SHEETS.waterfall, row, WF.spendBefore, step.spendBefore, 'cents')
    add(`Waterfall ${step.lever} after`, SHEETS.waterfall, row, WF.spendAfter, step.spendAfter, 'cents')
    add(`Waterfall ${step.lever} savings`, SHEETS.waterfall, row, WF.savings, step.savings, 'cents')
  })
  add('Waterfall total savings', SHEETS.waterfall, WF.totalRow, WF.savings, plan.savings.scheduled, 'cents')

  // Workloads: term figures, run-rates, years; and their months
  const L = layout.workloads
  plan.workloads.forEach((w, i) => {
    const row = L.row(i)
    const fig = (key: keyof typeof L, value: string, tolerance: Tolerance = 'cents') =>
      add(`Workload ${i} ${String(key)}`, SHEETS.workloads, row, L[key] as number, value, tolerance)
    for (const series of SERIES) {
      fig(`${series}Term` as keyof typeof L, w[series].termSpend)
      fig(`${series}StartRunRate` as keyof typeof L, w[series].startRunRate)
      fig(`${series}EndRunRate` as keyof typeof L, w[series].endRunRate)
    }
    fig('savingsScheduled', w.savings.scheduled)
    fig('savingsFull', w.savings.full)
    fig('scheduledRate', w.savings.scheduledRate, 'rate')
    fig('fullRate', w.savings.fullRate, 'rate')
    w.years?.forEach((year, y) => {
      for (const series of SERIES)
        add(
          `Workload ${i} year ${year.year} ${series}`,
          SHEETS.workloads,
          row,
          L.year(y, series),
          year[series],
          'cents',
        )
    })
    w.months?.forEach((month, m) => {
      for (const series of SERIES) {
        const col = layout.workloadMonths.col(series, m)
        add(
          `Workload ${i} month ${m} ${series}`,
          SHEETS.workloadMonths,
          layout.workloadMonths.row(i),
          col,
          month[series],
          'cents',
        )
      }
    })
  })

  out.push(...optionFigures(plan, commitment, layout))
  return out
}

/**
 * The deterministic figures of each option (docs/cost-model.md, what a commitment costs, with U the deterministic
 * optimized spend): for its amounts as the API presents them, C_p per period (the term, or each contract year),
 * d = d(ΣC_p), consumption U_p·(1 − d), consumed min(C_p, consumption), payment and stranded, and overall the
 * coverage and utilization — computed here in decimals from the API's presented figures.
 */
function optionFigures(plan: Plan, commitment: CommitmentSettings, layout: ReturnType<typeof layoutOfPlan>) {
  const O = layout.options
  const annual = plan.structure === 'annual'
  const tiers = [{ minCommit: dec('0'), discountRate: dec('0') }]
    .concat(commitment.tiers.map((t) => ({ minCommit: dec(t.minCommit), discountRate: dec(t.discountRate) })))
    .sort((a, b) => a.minCommit.cmp(b.minCommit))
  const out: ExpectedFigure[] = []
  plan.options.forEach((option, o) => {
    const row = O.row(o)
    const commits = annual ? option.years.map((y) => dec(y.commit)) : [dec(option.commit)]
    const spends = annual ? plan.years.map((y) => dec(y.optimized)) : [dec(plan.optimized.termSpend)]
    const total = commits.reduce((a, b) => a.plus(b), dec('0'))
    const tier = tiers.reduce((best, t, i) => (t.minCommit.lte(total) ? i : best), 0)
    const d = tiers[tier]!.discountRate
    const keep = new Decimal(1).minus(d)
    let payment = dec('0')
    let stranded = dec('0')
    let consumed = dec('0')
    let consumption = dec('0')
    const add = (label: string, col: number, expected: Decimal, tolerance: Tolerance, terms = 1) =>
      out.push({
        label: `Option ${o + 1} (${option.kind}) ${label}`,
        sheet: SHEETS.options,
        row,
        col,
        expected,
        tolerance,
        terms,
      })
    commits.forEach((c, p) => {
      const cons = spends[p]!.times(keep)
      const used = Decimal.min(c, cons)
      const pay =
        commitment.overage === 'list' ? c.plus(Decimal.max(0, cons.minus(c)).div(keep)) : Decimal.max(c, cons)
      const left = Decimal.max(0, c.minus(cons))
      add(`period ${p + 1} commit`, O.period(p, 'commit'), c, 'exact')
      add(`period ${p + 1} spend`, O.period(p, 'spend'), spends[p]!, 'cents')
      add(`period ${p + 1} consumption`, O.period(p, 'consumption'), cons, 'derived')
      add(`period ${p + 1} consumed`, O.period(p, 'consumed'), used, 'derived')
      add(`period ${p + 1} payment`, O.period(p, 'payment'), pay, 'derived')
      add(`period ${p + 1} stranded`, O.period(p, 'stranded'), left, 'derived')
      payment = payment.plus(pay)
      stranded = stranded.plus(left)
      consumed = consumed.plus(used)
      consumption = consumption.plus(cons)
    })
    add('commit', O.commit, total, 'exact')
    add('discount rate', O.discountRate, d, 'exact')
    add('tier', O.tier, new Decimal(tier), 'exact')
    add('payment', O.payment, payment, 'derived', commits.length)
    add('stranded', O.stranded, stranded, 'derived', commits.length)
    add('coverage', O.coverage, consumption.isZero() ? new Decimal(1) : consumed.div(consumption), 'rate')
    if (!total.isZero()) add('utilization', O.utilization, consumed.div(total), 'rate')
  })
  return out
}

/** The largest difference allowed between a recalculated figure and the API's. */
function allowed(figure: ExpectedFigure): number {
  switch (figure.tolerance) {
    case 'exact':
      return 1e-9
    case 'cents':
      // The unrounded figure must round to the API's cent (a tie either way), give or take binary floating point.
      return 0.005 + 1e-6
    case 'rate':
      // Six decimals presented; a rate recomputed from presented cents may move in the seventh.
      return 5e-7 + 1e-6
    case 'derived':
      // Recomputed from presented figures, each within half a cent of its exact value.
      return 0.005 * (figure.terms ?? 1) + 0.005 + 1e-6
  }
}

/** Every figure the recalculated workbook gets wrong (more than its tolerance off, or not a number). */
export function mismatches(figures: readonly ExpectedFigure[], book: Recalculated) {
  const wrong: { label: string; expected: string; actual: unknown }[] = []
  for (const figure of figures) {
    const actual = book.value(figure.sheet, figure.row, figure.col)
    const ok =
      typeof actual === 'number' &&
      Number.isFinite(actual) &&
      Math.abs(actual - figure.expected.toNumber()) <= allowed(figure)
    if (!ok) wrong.push({ label: figure.label, expected: figure.expected.toString(), actual })
  }
  return wrong
}

/** What a workbook's cells are, as exceljs reads them back: formulas (without `=`), values, or empty. */
export type Grid = Map<string, (string | number | boolean | { formula: string } | null)[][]>

/** Reads a workbook's sheets back (exceljs's reader), cell by cell. */
export async function readGrid(bytes: Uint8Array): Promise<Grid> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  const grid: Grid = new Map()
  workbook.eachSheet((sheet) => {
    const rows: (string | number | boolean | { formula: string } | null)[][] = []
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: (string | number | boolean | { formula: string } | null)[] = []
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value as unknown
        let out: string | number | boolean | { formula: string } | null = null
        if (v === null || v === undefined) out = null
        else if (v instanceof Date) out = (v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000
        else if (typeof v === 'object' && 'formula' in (v as object))
          out = { formula: (v as { formula: string }).formula }
        else if (typeof v === 'object' && 'richText' in (v as object))
          out = (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('')
        else out = v as string | number | boolean
        cells[c - 1] = out
      })
      rows[r - 1] = cells
    })
    grid.set(sheet.name, rows)
  })
  return grid
}

/**
 * Recalculates a workbook's cells with HyperFormula (GPL v3 licence key, for tests) and reads the values: text
 * cells go in as text (a leading `'`, so that `=1+1` stays the text it is), formulas as formulas.
 */
export function recalculateWithHyperFormula(grid: Grid): Recalculated {
  const sheets: Record<string, (string | number | boolean | null)[][]> = {}
  for (const [name, rows] of grid) {
    sheets[name] = Array.from(rows, (cells) =>
      Array.from(cells ?? [], (cell) => {
        if (cell === null || cell === undefined) return null
        if (typeof cell === 'object') return `=${cell.formula}`
        if (typeof cell === 'string') return `'${cell}`
        return cell
      }),
    )
  }
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', precisionRounding: 15 })
  const ids = new Map([...grid.keys()].map((name) => [name, hf.getSheetId(name)!]))
  return {
    value(sheet, row, col) {
      const value = hf.getCellValue({ sheet: ids.get(sheet)!, row: row - 1, col: col - 1 })
      if (
        value === null ||
        typeof value === 'number' ||
        typeof value === 'string' ||
        typeof value === 'boolean'
      )
        return value
      return `#ERROR ${(value as { value?: string }).value ?? ''}`
    },
  }
}

/** The formula-safety findings of a workbook file (empty when every formula is ours and every text a string). */
export function formulaFindings(bytes: Uint8Array, userTexts: readonly string[]): string[] {
  const files = unzip(bytes)
  const findings: string[] = []
  const strings = files.get('xl/sharedStrings.xml')?.toString('utf8') ?? ''
  const decode = (xml: string) =>
    xml
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&')
  const sheetNames = new Set<string>(Object.values(SHEETS))
  const functions = new Set<string>(FORMULA_FUNCTIONS)
  const literals = new Set<string>(FORMULA_LITERALS)
  let formulas = 0
  for (const [path, content] of files) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) continue
    const xml = content.toString('utf8')
    for (const cell of xml.matchAll(/<c\b([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const attributes = cell[1] ?? ''
      const inner = cell[2] ?? ''
      const type = /\bt="([^"]*)"/.exec(attributes)?.[1]
      const f = /<f\b[^>]*>(.*?)<\/f>/s.exec(inner)
      const where = `${path} ${/\br="([^"]*)"/.exec(attributes)?.[1] ?? '?'}`
      if (type === 'str' || type === 'inlineStr')
        findings.push(`${where}: text written as ${type}, not a shared string`)
      if (!f) continue
      formulas++
      if (type === 's') findings.push(`${where}: a string cell with a formula`)
      if (/<v>/.test(inner)) findings.push(`${where}: a formula with a cached value`)
      let text = decode(f[1]!)
      // String literals: only the builder's own.
      for (const literal of text.matchAll(/"((?:[^"]|"")*)"/g)) {
        if (!literals.has(literal[1]!)) findings.push(`${where}: unknown literal ${literal[0]}`)
      }
      text = text.replace(/"((?:[^"]|"")*)"/g, '')
      // Sheet names: only the workbook's own.
      for (const quoted of text.matchAll(/'((?:[^']|'')*)'!/g)) {
        if (!sheetNames.has(quoted[1]!.replaceAll("''", "'")))
          findings.push(`${where}: unknown sheet '${quoted[1]}'`)
      }
      text = text.replace(/'((?:[^']|'')*)'!/g, '').replace(/\b([A-Za-z]+)!/g, (_all, name: string) => {
        if (!sheetNames.has(name)) findings.push(`${where}: unknown sheet ${name}`)
        return ''
      })
      // What is left: references, numbers, operators and the builder's functions.
      const rest = text
        .replace(/\$?[A-Z]{1,3}\$?\d+/g, '')
        .replace(/\b\d+(\.\d+)?(E[+-]?\d+)?\b/gi, '')
        .replace(/\b([A-Z]+)\(/g, (_all, name: string) => {
          if (!functions.has(name)) findings.push(`${where}: unknown function ${name}`)
          return '('
        })
      if (!/^[\s+\-*/^&=<>(),:]*$/.test(rest))
        findings.push(`${where}: unexpected formula text ${JSON.stringify(rest)}`)
      for (const user of userTexts)
        if (f[1]!.includes(user)) findings.push(`${where}: user text in a formula`)
    }
    const decoded = decode(xml)
    for (const user of userTexts) {
      if (user.length > 3 && decoded.includes(user))
        findings.push(`${path}: user text ${JSON.stringify(user)} in the sheet itself`)
    }
  }
  const shared = [...strings.matchAll(/<t\b[^>]*>(.*?)<\/t>/gs)].map((t) => decode(t[1]!))
  for (const user of userTexts) {
    if (!shared.some((text) => text.includes(user)))
      findings.push(`user text ${JSON.stringify(user)} is not a shared string`)
  }
  if (formulas === 0) findings.push('no formulas at all')
  return findings
}
