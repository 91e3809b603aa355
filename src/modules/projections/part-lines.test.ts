import { describe, expect, it } from 'vitest'
import { type LineSource, partLines } from './part-lines.js'

/** A source of `lines` as the repository serves them (numbered from 1), recording what was asked. */
function source(lines: string[], split = true) {
  const calls: string[] = []
  let isSplit = split
  const reader: LineSource = {
    isSplit: async () => {
      calls.push('isSplit')
      return isSplit
    },
    split: async () => {
      calls.push('split')
      isSplit = true
    },
    lines: async (after, limit) => {
      calls.push(`lines ${after} ${limit}`)
      return isSplit ? lines.slice(after, after + limit) : []
    },
  }
  return { reader, calls }
}

async function all(reader: LineSource, batch: number): Promise<string[]> {
  const out: string[] = []
  for await (const line of partLines(reader, batch)) out.push(line)
  return out
}

describe('partLines', () => {
  const lines = Array.from({ length: 7 }, (_, i) => `[{"month":${i}}]`)

  it('gives every line in order, whatever the batch size', async () => {
    for (let batch = 1; batch <= 9; batch++) expect(await all(source(lines).reader, batch)).toEqual(lines)
  })

  it('splits a part nobody has split yet, once, before reading it', async () => {
    const { reader, calls } = source(lines, false)
    expect(await all(reader, 4)).toEqual(lines)
    expect(calls).toEqual(['isSplit', 'split', 'lines 0 4', 'lines 4 4'])
  })

  it('an empty part has no lines', async () => {
    expect(await all(source([]).reader, 4)).toEqual([])
  })

  it('reads the next batch only when the consumer asks for more lines', async () => {
    const { reader, calls } = source(lines)
    const iterator = partLines(reader, 3)
    expect((await iterator.next()).value).toBe(lines[0])
    expect((await iterator.next()).value).toBe(lines[1])
    expect(calls).toEqual(['isSplit', 'lines 0 3'])
    await iterator.return(undefined)
    expect(calls).toHaveLength(2)
  })
})
