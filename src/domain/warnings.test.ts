import { describe, expect, it } from 'vitest'
import { dec } from './money.js'
import { previewPlan } from './plan.js'
import type { LeverSpec, PlanRequest } from './plan-request.js'
import { lever, planRequest, TEST_BOOK, type WorkloadInput } from './testing/fixtures.js'
import { WARNING_CODES } from './warnings.js'

const warningsOf = (workloads: WorkloadInput[], levers: LeverSpec[], rest: Partial<PlanRequest> = {}) =>
  previewPlan(planRequest(workloads, levers, rest), TEST_BOOK).warnings

/** $0.0225 a request on Opus 4.5 (2,000 in, 500 out), 100,000 a month. */
const REPORT: WorkloadInput = {
  name: 'report',
  model: 'claude-opus-4-5',
  requestsPerMonth: '100000',
  inputTokensPerRequest: '2000',
  outputTokensPerRequest: '500',
  userWaiting: false,
}

/** $0.05 a request uncached, a 4,500-token prefix (above Opus 4.5's 4,096 minimum), not cached today. */
const ASSISTANT: WorkloadInput = {
  name: 'assistant',
  model: 'claude-opus-4-5',
  requestsPerMonth: '100000',
  inputTokensPerRequest: '6000',
  outputTokensPerRequest: '800',
  cacheablePrefixTokens: '4500',
  userWaiting: true,
}

describe('warnings (design §3.6)', () => {
  it('UNPULLED_BATCH: nobody waits and no batch is planned', () => {
    // 12 × 100,000 × (0.0225 − 0.01125) = 13,500.00 a year.
    const [w] = warningsOf([REPORT], [])
    expect(w).toMatchObject({
      code: 'UNPULLED_BATCH',
      severity: 'warning',
      amount: '13500.00',
      workloads: ['report'],
    })
    expect(w!.message).toContain('$13,500.00 a year')
  })

  it('UNPULLED_BATCH: the batch lever is listed but the target does not exceed today', () => {
    // Half in batch already, target 0.5: 12 × 100,000 × (0.0225 × 0.75 − 0.01125) = 6,750.00.
    const warnings = warningsOf(
      [{ ...REPORT, currentBatchShare: '0.5', targetBatchShare: '0.5' }],
      [lever('batch')],
    )
    expect(warnings.find((w) => w.code === 'UNPULLED_BATCH')?.amount).toBe('6750.00')
    // Planned batch adoption, or everything already in batch, or somebody waiting: no warning.
    expect(warningsOf([REPORT], [lever('batch')]).some((w) => w.code === 'UNPULLED_BATCH')).toBe(false)
    expect(
      warningsOf([{ ...REPORT, currentBatchShare: '1' }], []).some((w) => w.code === 'UNPULLED_BATCH'),
    ).toBe(false)
    expect(warningsOf([{ ...REPORT, userWaiting: true }], []).some((w) => w.code === 'UNPULLED_BATCH')).toBe(
      false,
    )
  })

  it('UNPULLED_CACHING: a cacheable prefix nobody caches, at an assumed 90% hit rate', () => {
    // 12 × 100,000 × (0.05 − 0.0323375) = 21,195.00 a year.
    const [w] = warningsOf([ASSISTANT], [])
    expect(w).toMatchObject({ code: 'UNPULLED_CACHING', severity: 'info', amount: '21195.00' })
    expect(w!.message).toContain('assumed hit rate of 90%')
  })

  it('UNPULLED_CACHING: the workload’s own target when the lever is not listed', () => {
    // Target 50%: 1,500×5 + 4,500×(0.25 + 3.125) + 20,000 = 42,687.5 → saving 0.0073125 × 1,200,000 = 8,775.00.
    const [w] = warningsOf([{ ...ASSISTANT, targetCacheHitRate: '0.5' }], [])
    expect(w).toMatchObject({ code: 'UNPULLED_CACHING', amount: '8775.00' })
    expect(w!.message).toContain('target hit rate of 50%')
    const planned = warningsOf([{ ...ASSISTANT, targetCacheHitRate: '0.5' }], [lever('caching')])
    expect(planned.some((x) => x.code === 'UNPULLED_CACHING')).toBe(false)
  })

  it('CACHE_TRAFFIC_TOO_SPARSE: fewer requests than TTL windows in a month', () => {
    const sparse = { ...ASSISTANT, requestsPerMonth: '8765', targetCacheHitRate: '0.9' }
    expect(warningsOf([sparse], [lever('caching')]).map((w) => [w.code, w.amount])).toContainEqual([
      'CACHE_TRAFFIC_TOO_SPARSE',
      null,
    ])
    expect(
      warningsOf([{ ...sparse, requestsPerMonth: '8766' }], [lever('caching')]).some(
        (w) => w.code === 'CACHE_TRAFFIC_TOO_SPARSE',
      ),
    ).toBe(false)
    // One-hour TTL: 730.5 windows.
    const hourly = { ...sparse, requestsPerMonth: '730', cacheTtl: '1h' as const }
    expect(warningsOf([hourly], [lever('caching')]).some((w) => w.code === 'CACHE_TRAFFIC_TOO_SPARSE')).toBe(
      true,
    )
    // Cached today, no lever: still not credible.
    expect(
      warningsOf([{ ...ASSISTANT, requestsPerMonth: '100', currentCacheHitRate: '0.5' }], []).some(
        (w) => w.code === 'CACHE_TRAFFIC_TOO_SPARSE',
      ),
    ).toBe(true)
  })

  it('BATCH_ON_INTERACTIVE: an error, sorted first, for batching work somebody waits on', () => {
    // Batch Shapley saving 27,000 − 13,500 = 13,500.00.
    const warnings = warningsOf(
      [{ ...REPORT, userWaiting: true, targetBatchShare: '1' }, ASSISTANT],
      [lever('batch')],
    )
    expect(warnings[0]).toMatchObject({
      code: 'BATCH_ON_INTERACTIVE',
      severity: 'error',
      amount: '13500.00',
      lever: 'batch',
    })
  })

  it('BASELINE_MISMATCH: more than 15% off the observed spend', () => {
    // Modelled month 0: 2,250.00. Observed 2,000: off by 250 ≤ 300 — fine. Observed 1,900: off by 350 > 285.
    const mismatch = (observed: string) =>
      warningsOf([{ ...REPORT, observedMonthlySpend: observed }], [lever('batch')]).filter(
        (x) => x.code === 'BASELINE_MISMATCH',
      )
    expect(mismatch('2000')).toEqual([])
    const [w] = mismatch('1900')
    expect(w).toMatchObject({ code: 'BASELINE_MISMATCH', amount: '350.00', workloads: ['report'] })
    expect(w!.message).toContain('$2,250.00')
    const [zero] = mismatch('0')
    expect(zero).toMatchObject({ code: 'BASELINE_MISMATCH', amount: '2250.00' })
  })

  it('MODEL_RETIRING: a model retiring before the term ends, once per model', () => {
    // Sonnet 4.5 retires 2026-11-30.
    const sonnet = { ...REPORT, model: 'claude-sonnet-4-5', userWaiting: true }
    const warnings = warningsOf([sonnet, { ...sonnet, name: 'other' }], [], {
      term: { start: '2026-01-01', months: 12 },
    })
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'MODEL_RETIRING', amount: null, workloads: ['report', 'other'] }),
    ])
    expect(warnings[0]!.message).toContain('2026-11-30')
    expect(warningsOf([sonnet], [], { term: { start: '2025-12-01', months: 12 } })).toEqual([])
  })

  it('sorts by severity, then by code, then in input order', () => {
    const warnings = warningsOf(
      [
        { ...ASSISTANT, name: 'a' },
        { ...REPORT, name: 'b', observedMonthlySpend: '1' },
        { ...REPORT, name: 'c', userWaiting: true, targetBatchShare: '1' },
        { ...REPORT, name: 'd' },
      ],
      [lever('batch', 2)],
      { commitment: { proposedCommit: dec('1000000') } },
    )
    const order = warnings.map((w) => `${w.severity}:${w.code}:${w.workloads.join(',')}`)
    expect(order).toEqual([
      'error:BATCH_ON_INTERACTIVE:c',
      'warning:STRANDED_COMMITMENT:',
      'warning:STRANDED_COMMITMENT:',
      'warning:LEVER_AFTER_COMMIT_START:b,c,d',
      'warning:BASELINE_MISMATCH:b',
      'info:UNPULLED_CACHING:a',
    ])
    const ranks = warnings.map((w) => WARNING_CODES.indexOf(w.code))
    expect(ranks.slice(1, 5)).toEqual([...ranks.slice(1, 5)].sort((x, y) => x - y))
  })
})

describe('MODEL_RETIRING severity and successor (design §3.6)', () => {
  // Sonnet 4.5 retires 2026-11-30; nobody waits on these workloads' answers, so no batch warning joins in.
  const SONNET = { ...REPORT, model: 'claude-sonnet-4-5', userWaiting: true }
  const withSuccessor = {
    ...TEST_BOOK,
    models: TEST_BOOK.models.map((m) =>
      m.modelId === 'claude-sonnet-4-5-20250929' ? { ...m, successor: 'claude-sonnet-5' } : m,
    ),
  }
  const retiring = (workloads: WorkloadInput[], start: string, book = TEST_BOOK) =>
    previewPlan(planRequest(workloads, [], { term: { start, months: 12 } }), book).warnings.filter(
      (w) => w.code === 'MODEL_RETIRING',
    )

  it('is an error when the model retires on the term’s first day', () => {
    expect(retiring([SONNET], '2026-11-30')).toEqual([
      {
        code: 'MODEL_RETIRING',
        severity: 'error',
        amount: null,
        workloads: ['report'],
        message:
          'Claude Sonnet 4.5 (claude-sonnet-4-5-20250929) retires on 2026-11-30, the day the term starts: a workload ' +
          "uses it, yet no request of the term can run on it. Plan that workload on another model instead, at that model's prices.",
      },
    ])
  })

  it('is an error when it retires before the term starts, and names the book’s successor', () => {
    const [w] = retiring([SONNET, { ...SONNET, name: 'other' }], '2026-12-01', withSuccessor)
    expect(w).toEqual({
      code: 'MODEL_RETIRING',
      severity: 'error',
      amount: null,
      workloads: ['report', 'other'],
      message:
        'Claude Sonnet 4.5 (claude-sonnet-4-5-20250929) retires on 2026-11-30, before the term starts on 2026-12-01: ' +
        '2 workloads use it, yet no request of the term can run on it. Plan those workloads on its successor in the ' +
        "price book, Claude Sonnet 5 (claude-sonnet-5) instead, at that model's prices.",
    })
  })

  it('is a warning when it retires after the first day and before the last, naming the successor', () => {
    expect(retiring([SONNET], '2026-11-29', withSuccessor)).toEqual([
      {
        code: 'MODEL_RETIRING',
        severity: 'warning',
        amount: null,
        workloads: ['report'],
        message:
          'Claude Sonnet 4.5 (claude-sonnet-4-5-20250929) retires on 2026-11-30, before the term ends on 2027-11-28: a ' +
          'workload uses it and will have to move to its successor in the price book, Claude Sonnet 5 ' +
          "(claude-sonnet-5), at that model's prices.",
      },
    ])
    // Without a successor in the book: "another model".
    expect(retiring([SONNET], '2026-11-29')[0]!.message).toContain('will have to move to another model,')
  })

  it('judges a routing target the same way, whether or not the routing lever is listed, and sorts errors first', () => {
    const routed = {
      ...REPORT,
      name: 'routed',
      userWaiting: true,
      routeToModel: 'claude-sonnet-4-5',
      routableShare: '0.5',
    }
    const warnings = previewPlan(
      planRequest([REPORT, routed], [], { term: { start: '2027-01-01', months: 12 } }),
      withSuccessor,
    ).warnings
    expect(warnings.map((w) => `${w.severity}:${w.code}:${w.workloads.join(',')}`)).toEqual([
      'error:MODEL_RETIRING:routed',
      'warning:UNPULLED_BATCH:report',
    ])
    expect(warnings[0]!.message).toContain('before the term starts on 2027-01-01')
    expect(warnings[0]!.message).toContain('Claude Sonnet 5 (claude-sonnet-5)')
  })
})
