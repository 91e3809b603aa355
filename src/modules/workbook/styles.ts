import type ExcelJS from 'exceljs'

/**
 * The workbook's number formats and cell styles. Inputs — the cells an analyst may change — are blue on a pale
 * yellow fill (the usual convention of financial models); figures written as values from the API's simulation
 * are grey italic; live formulas are plain.
 */

export type CellStyle = Partial<ExcelJS.Style>

export const FORMATS = {
  /** Money in cents. */
  money: '"$"#,##0.00;-"$"#,##0.00',
  /** Money in whole dollars (the simulation's figures, commitments). */
  dollars: '"$"#,##0;-"$"#,##0',
  /** Cost of one request. */
  perRequest: '"$"0.000000',
  /** Prices per million tokens. */
  perMTok: '"$"#,##0.00##',
  /** Savings rates, shares, hit rates, discounts. */
  percent: '0.00%',
  /** Adoption fractions and monthly growth. */
  fraction: '0.0000',
  /** Requests and tokens (averages may be fractional). */
  count: '#,##0.##',
  integer: '0',
  date: 'yyyy-mm-dd',
  factor: '0.00####',
} as const

const INPUT_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF1F4E9E' } }
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } }
const VALUE_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF6B6B6B' } }

/** A live figure in a format. */
export const live = (numFmt: string): CellStyle => ({ numFmt })
/** An input cell in a format. */
export const input = (numFmt?: string): CellStyle => ({
  ...(numFmt ? { numFmt } : {}),
  font: INPUT_FONT,
  fill: INPUT_FILL,
})
/** A value copied from the API (not recalculated) in a format. */
export const value = (numFmt?: string): CellStyle => ({ ...(numFmt ? { numFmt } : {}), font: VALUE_FONT })
/** Plain text. */
export const plain: CellStyle = {}

export const HEADER_STYLE: CellStyle = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } },
  alignment: { vertical: 'middle', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF8EA2BF' } } },
}

/** A block title inside a sheet (the Assumptions sheet's blocks). */
export const TITLE_STYLE: CellStyle = { font: { bold: true, size: 12 } }
