import { describe, expect, it } from 'vitest'
import { type AccumulatorWire, createAccumulatorDecoder, encodeAccumulator } from '../codec.js'
import { PlanValidationError, type ValidationIssue } from '../errors.js'
import { Decimal, dec, ZERO } from '../money.js'
import {
  type PlanParts,
  planIssues,
  previewFromShards,
  previewPlan,
  previewShard,
  validatePlanHead,
} from '../plan.js'
import type { PlanRequest } from '../plan-request.js'
import type { WorkloadPreview } from '../plan-shape.js'
import type { PriceBook } from '../price-book.js'
import { scenarioSchedules } from '../projection.js'
import { SONNET_5, SONNET_45, TEST_BOOK } from '../testing/fixtures.js'
import { syntheticPlan } from '../testing/synthetic.js'
import { validatePlanSlice } from '../validation.js'
import { blockBounds } from './project.js'
import { shardRanges, shardValid, splitPlanRequest } from './shard.js'

// Sonnet 4.5 retires during the term and names a successor: MODEL_RETIRING (a portfolio-level warning built from
// every shard's workloads) and the successors map are exercised too.
const BOOK: PriceBook = {
  ...TEST_BOOK,
  models: TEST_BOOK.models.map((m) =>
    m === SONNET_45 ? { ...m, retiresAt: '2028-06-30', successor: SONNET_5.modelId } : m,
  ),
}

/**
 * The preview of `request` computed in `shards` parts the way the service does it on threads: each shard
 * validated and projected on its own, its sums sent as JSON (encodeAccumulator → JSON → decoder), the head
 * validated again on the merging side, every shard's blocks merged in shard order.
 */
function shardedPreview(request: PlanRequest, book: PriceBook, shards: number, parts?: PlanParts) {
  const results = splitPlanRequest(request, shards).map(({ request: part, slice }) => {
    const shard = previewShard(part, book, slice, parts)
    const wire = JSON.stringify(shard.blocks.map(encodeAccumulator))
    return { issues: shard.issues, wire, workloads: shard.workloads }
  })
  const issues = results.flatMap((r) => planIssues(r.issues))
  if (issues.length > 0) {
    // The head's issues are every shard's: taken once, around every shard's workload issues.
    const first = results.find((r) => !shardValid(r.issues))!.issues
    return {
      issues: [...first.head, ...results.flatMap((r) => r.issues.workloads), ...first.tail],
      shards: results.length,
    }
  }
  const { workloads: _all, ...head } = request
  const plan = validatePlanHead(head, book)
  const decode = createAccumulatorDecoder(book, scenarioSchedules(plan.levers, plan.months))
  const blocks = results.flatMap((r) => (JSON.parse(r.wire) as AccumulatorWire[]).map(decode))
  const workloads: WorkloadPreview[] = results.flatMap((r) => r.workloads)
  return { preview: previewFromShards(plan, book, blocks, workloads), shards: results.length }
}

function issuesOf(run: () => unknown): ValidationIssue[] {
  try {
    run()
  } catch (error) {
    if (error instanceof PlanValidationError) return [...error.issues]
    throw error
  }
  throw new Error('the plan was valid')
}

describe('a plan computed in shards and merged', () => {
  it('splits into runs of whole blocks, of nearly equal size, that cover every workload once', () => {
    expect(blockBounds(0)).toEqual([0, 0])
    expect(blockBounds(250)).toEqual([0, 125, 250])
    expect(blockBounds(10_000)).toHaveLength(25)
    for (const total of [0, 1, 99, 250, 2_000, 3_001, 10_000]) {
      for (const shards of [1, 2, 3, 4, 7]) {
        const ranges = shardRanges(total, shards)
        const bounds = blockBounds(total)
        expect(ranges[0]!.start).toBe(0)
        expect(ranges.at(-1)!.end).toBe(total)
        ranges.forEach((r, i) => {
          expect(bounds).toContain(r.start)
          expect(bounds).toContain(r.end)
          if (i > 0) expect(r.start).toBe(ranges[i - 1]!.end)
        })
        const sizes = ranges.map((r) => r.end - r.start)
        if (total >= 2_400) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(total / 12)
      }
    }
    expect(shardRanges(10_000, 2)).toEqual([
      { start: 0, end: 5_000 },
      { start: 5_000, end: 10_000 },
    ])
  })

  it('presents the very JSON of the unsharded preview, in 1, 2 and 3 shards (2,400 workloads, 24 blocks)', () => {
    const request = syntheticPlan(2_400, 20270101)
    // A few workloads on the retiring model, one in each third of the portfolio.
    for (const i of [5, 1_200, 2_300])
      request.workloads[i] = { ...request.workloads[i]!, model: SONNET_45.modelId }
    // The preview's default parts in 1, 2 and 3 shards; every part (per-workload months too) in 3.
    const cases: [PlanParts, number[]][] = [
      [{ workloadMonths: false, workloadYears: true }, [1, 2, 3]],
      [{}, [3]],
    ]
    for (const [parts, counts] of cases) {
      const whole = JSON.stringify(previewPlan(request, BOOK, parts))
      expect(whole).toContain('MODEL_RETIRING')
      expect(whole).toContain(SONNET_5.displayName)
      for (const shards of counts) {
        const sharded = shardedPreview(request, BOOK, shards, parts)
        expect(sharded.shards).toBe(shards)
        expect(JSON.stringify(sharded.preview)).toBe(whole)
      }
    }
  })

  it('presents the very JSON of the unsharded preview for a small portfolio and a term-settled commitment', () => {
    const request = syntheticPlan(250, 7)
    request.term = { start: '2027-03-01', months: 30 }
    request.commitment = { ...request.commitment!, structure: 'term', proposedCommit: dec('900000') }
    const whole = JSON.stringify(previewPlan(request, BOOK))
    for (const shards of [1, 2, 3]) {
      const sharded = shardedPreview(request, BOOK, shards)
      // 250 workloads make two blocks: at most two shards.
      expect(sharded.shards).toBe(Math.min(shards, 2))
      expect(JSON.stringify(sharded.preview)).toBe(whole)
    }
  })

  it('gathers every shard’s issues, with their pointers into the whole request, in the unsharded order', () => {
    const request = syntheticPlan(600, 11)
    const workloads = [...request.workloads]
    // An unknown model in the second half (the second of two shards, the third of three) …
    workloads[450] = { ...workloads[450]!, model: 'claude-nonexistent-9' }
    // … a name that repeats one from the first shard (the check spans shards) …
    workloads[500] = { ...workloads[500]!, name: workloads[3]!.name }
    // … a negative volume in the first shard, and issues of the head before and after the workloads.
    workloads[10] = { ...workloads[10]!, requestsPerMonth: dec('-1') }
    const invalid: PlanRequest = {
      ...request,
      workloads,
      levers: [...request.levers, { lever: 'routing', startMonth: 0, rampMonths: 0 }],
      commitment: { ...request.commitment!, confidence: dec('1.5') },
    }
    const expected = issuesOf(() => previewPlan(invalid, BOOK))
    expect(expected.map((i) => i.pointer)).toEqual([
      '/levers/3/lever',
      '/workloads/10/requestsPerMonth',
      '/workloads/450/model',
      '/workloads/500/name',
      '/commitment/confidence',
    ])
    for (const shards of [1, 2, 3]) {
      const sharded = shardedPreview(invalid, BOOK, shards)
      expect(sharded.shards).toBe(shards)
      expect(sharded.issues).toEqual(expected)
    }
    // One shard's own issues point into the whole request.
    const [, second] = splitPlanRequest(invalid, 2)
    const { issues } = validatePlanSlice(second!.request, BOOK, second!.slice)
    expect(issues.workloads.map((i) => i.pointer)).toEqual(['/workloads/450/model', '/workloads/500/name'])
  })

  it('refuses a shard that is not a run of whole blocks (its sums could not be merged exactly)', () => {
    const request = syntheticPlan(300, 3)
    const part = { ...request, workloads: request.workloads.slice(0, 120) }
    expect(() => previewShard(part, BOOK, { offset: 0, total: 300, namesBefore: [] })).toThrow(/whole blocks/)
  })
})

describe('the accumulator codec', () => {
  it('gives back every sum digit for digit, a negative zero included', () => {
    const request = syntheticPlan(120, 5)
    const { request: part, slice } = splitPlanRequest(request, 1)[0]!
    const { blocks, plan } = previewShard(part, BOOK, slice)
    const block = blocks[0]!
    block.contributions[0] = new Decimal(-0)
    const decode = createAccumulatorDecoder(BOOK, scenarioSchedules(plan.levers, plan.months))
    const back = decode(JSON.parse(JSON.stringify(encodeAccumulator(block))))
    expect(back.contributions[0]!.isZero() && back.contributions[0]!.isNegative()).toBe(true)
    const same = (a: Decimal, b: Decimal) => a.eq(b) && a.isNegative() === b.isNegative()
    expect(back.subsetTotals.every((d, i) => same(d, block.subsetTotals[i]!))).toBe(true)
    expect(back.contributions.every((d, i) => same(d, block.contributions[i]!))).toBe(true)
    expect(same(back.fullTotal, block.fullTotal)).toBe(true)
    expect(back.active).toBe(block.active)
    expect([...back.tables.keys()]).toEqual([...block.tables.keys()])
    for (const [rate, { table, corners }] of block.tables) {
      const decoded = back.tables.get(rate)!
      expect(decoded.corners.every((d, c) => same(d, corners[c]!))).toBe(true)
      expect(decoded.table.powers.map(String)).toEqual(table.powers.map(String))
    }
    const refs = (a: typeof block) =>
      a.workloadRefs.map(({ workload: w, savingLevers }) => [
        w.index,
        w.name,
        w.model.modelId,
        w.routeToModel?.modelId ?? null,
        savingLevers,
      ])
    expect(refs(back)).toEqual(refs(block))
    expect(block.workloadRefs.some((w) => w.savingLevers !== 0)).toBe(true)
    // Models are the book's own objects again.
    expect(back.workloadRefs.every((w) => BOOK.models.includes(w.workload.model))).toBe(true)
    expect(back.workloadWarnings.map((w) => [w.order, w.code, w.amount?.toFixed() ?? null])).toEqual(
      block.workloadWarnings.map((w) => [w.order, w.code, w.amount?.toFixed() ?? null]),
    )
    expect(ZERO.isNegative()).toBe(false)
  })
})
