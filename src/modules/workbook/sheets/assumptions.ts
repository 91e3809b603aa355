import type { Decimal } from '../../../domain/index.js'
import { type CellValue, date, num, text } from '../cells.js'
import { COMMITMENT_ROWS, type CommitmentRow, PRICE_FIELDS, SHEETS, type WorkbookLayout } from '../layout.js'
import { type CellStyle, FORMATS, input, plain, TITLE_STYLE, value } from '../styles.js'
import type { WorkbookData } from '../workbook-data.js'
import type { ColumnSpec, SheetSpec, SheetWriter } from '../writer.js'

/**
 * Assumptions: the price book's rows the plan uses (one per model: its factors, base rates and long-context
 * bands), then the scenario's inputs — the levers' schedule, the discount tiers and the commitment settings.
 * Every live figure of the workbook is computed from these cells and the Workloads sheet's.
 */

const d = (x: Decimal | null | undefined) => (x === null || x === undefined ? null : num(x.toString()))

export function assumptionsSheet(data: WorkbookData, layout: WorkbookLayout) {
  const price = layout.assumptions.price
  const bands = layout.shape.bands
  const columns: ColumnSpec[] = [
    { header: 'Model', width: 30 },
    { header: 'Name', width: 22 },
    { header: 'Batch discount', width: 10, style: input(FORMATS.percent) },
    { header: 'Min cacheable tokens', width: 11, style: input(FORMATS.count) },
    { header: 'Tokenizer ratio', width: 10, style: input(FORMATS.factor) },
    { header: 'US-only multiplier (blank: not offered)', width: 13, style: input(FORMATS.factor) },
    ...PRICE_FIELDS.map((field) => ({
      header: `${priceLabel(field)} $/MTok`,
      width: 11,
      style: input(FORMATS.perMTok),
    })),
  ]
  for (let b = 1; b <= bands; b++) {
    columns.push({ header: `Band ${b}: over input tokens`, width: 12, style: input(FORMATS.count) })
    for (const field of PRICE_FIELDS) {
      columns.push({
        header: `Band ${b} ${priceLabel(field)} $/MTok`,
        width: 11,
        style: input(FORMATS.perMTok),
      })
    }
  }
  const spec: SheetSpec = {
    name: SHEETS.assumptions,
    columns,
    frozen: { rows: 1, columns: 1 },
    autoFilter: { headerRow: 1, lastRow: price.lastRow, lastColumn: price.lastColumn },
  }

  async function write(sheet: SheetWriter) {
    for (const model of data.models) {
      const cells: CellValue[] = [
        text(model.modelId),
        text(model.displayName),
        d(model.batchDiscount),
        d(model.minCacheableTokens),
        d(model.tokenizerRatio),
        d(model.dataResidencyMultiplier),
        ...PRICE_FIELDS.map((field) => d(model[priceKey(field)])),
      ]
      for (let b = 0; b < bands; b++) {
        const band = model.longContextBands[b]
        cells.push(d(band?.thresholdTokens), ...PRICE_FIELDS.map((field) => d(band?.[priceKey(field)])))
      }
      await sheet.row(cells)
    }
    if (data.models.length === 0) await sheet.row([text('(no models)')])
    await sheet.blank()

    // The levers, in the scenario's order (the waterfall's order).
    await sheet.row([text('Levers (in the scenario’s order: the waterfall’s order)')], [TITLE_STYLE])
    await sheet.row(
      [text('Order'), text('Lever'), text('Start month'), text('Ramp months')],
      [bold, bold, bold, bold],
    )
    const leverStyles = [plain, plain, input(FORMATS.integer), input(FORMATS.integer)]
    for (const [i, lever] of data.plan.levers.entries()) {
      await sheet.row([i + 1, text(lever.lever), lever.startMonth, lever.rampMonths], leverStyles)
    }
    if (data.plan.levers.length === 0) await sheet.row([text('(none: no lever is pulled)')])
    await sheet.blank()

    // The discount tiers, tier 0 (no commitment) first; d(C) is the discount of the last minimum ≤ C.
    await sheet.row([text('Discount tiers (ascending minimums; tier 0 is no commitment)')], [TITLE_STYLE])
    await sheet.row(
      [text('Tier'), text('Minimum commit (term total)'), text('Discount rate')],
      [bold, bold, bold],
    )
    await sheet.row([0, 0, 0], [plain, value(FORMATS.dollars), value(FORMATS.percent)])
    const tierStyles = [plain, input(FORMATS.dollars), input(FORMATS.percent)]
    for (const [i, tier] of data.plan.commitment.tiers.entries()) {
      await sheet.row([i + 1, d(tier.minCommit), d(tier.discountRate)], tierStyles)
    }
    await sheet.blank()

    // The commitment settings: overage billing is live; the others describe the plan (its shape and simulation).
    await sheet.row([text('Commitment and term')], [TITLE_STYLE])
    const c = data.plan.commitment
    const rows: Record<CommitmentRow, [string, CellValue, CellStyle]> = {
      structure: [
        'Structure (term: one commitment; annual: one per contract year)',
        text(c.structure),
        value(),
      ],
      overage: ['Overage billed at (discounted or list)', text(c.overage), input()],
      confidence: ['Confidence of the recommendation', d(c.confidence), value(FORMATS.percent)],
      proposedCommit: ['Proposed commitment (term total)', d(c.proposedCommit), value(FORMATS.dollars)],
      simulations: ['Simulated runs', c.simulations, value(FORMATS.integer)],
      seed: ['Seed', c.seed, value(FORMATS.integer)],
      termStart: ['Term start', date(data.head.term.start), value(FORMATS.date)],
      termMonths: ['Term months', data.plan.months, value(FORMATS.integer)],
    }
    for (const key of COMMITMENT_ROWS) {
      const [label, cell, style] = rows[key]
      await sheet.row([text(label), cell], [plain, style])
    }
  }

  return { spec, write }
}

const bold: CellStyle = { font: { bold: true } }

function priceKey(field: (typeof PRICE_FIELDS)[number]) {
  return field === 'write5m'
    ? 'cacheWrite5m'
    : field === 'write1h'
      ? 'cacheWrite1h'
      : field === 'read'
        ? 'cacheRead'
        : field
}

function priceLabel(field: (typeof PRICE_FIELDS)[number]) {
  return {
    input: 'Input',
    output: 'Output',
    write5m: 'Cache write 5m',
    write1h: 'Cache write 1h',
    read: 'Cache read',
  }[field]
}
