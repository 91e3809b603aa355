import { describe, expect, it } from 'vitest'
import { ISSUE_CODES, MESSAGES, PlanValidationError, type ValidationIssue } from './errors.js'
import { ENGINE_LIMITS } from './limits.js'
import { Decimal, dec } from './money.js'
import type { PlanRequest, WorkloadSpec } from './plan-request.js'
import { lever, planRequest, TEST_BOOK, type WorkloadInput, workload } from './testing/fixtures.js'
import { validatePlanRequest } from './validation.js'

const BASE: WorkloadInput = {
  name: 'w',
  model: 'claude-opus-4-5',
  requestsPerMonth: '1000',
  inputTokensPerRequest: '5000',
  outputTokensPerRequest: '500',
  userWaiting: false,
}

function issuesOf(request: PlanRequest): ValidationIssue[] {
  try {
    validatePlanRequest(request, TEST_BOOK)
  } catch (error) {
    expect(error).toBeInstanceOf(PlanValidationError)
    const e = error as PlanValidationError
    expect(e.code).toBe('PLAN_INVALID')
    return [...e.issues]
  }
  return []
}

/** The single issue of a request whose only workload is BASE with `change` applied. */
function workloadIssue(change: Partial<WorkloadSpec>): ValidationIssue[] {
  const request = planRequest([BASE], [lever('batch')])
  request.workloads[0] = { ...workload(BASE), ...change }
  return issuesOf(request)
}

describe('validatePlanRequest', () => {
  it('accepts a valid request, resolving aliases and applying defaults', () => {
    const plan = validatePlanRequest(planRequest([BASE], [lever('batch')]), TEST_BOOK)
    const w = plan.workloads[0]!
    expect(w.model.modelId).toBe('claude-opus-4-5-20251101')
    expect(w.prefixTokens.isZero()).toBe(true)
    expect(w.targetBatchShare.toString()).toBe('1') // nobody waits → default target 1
    expect(w.targetHitRate).toBeNull()
    expect(w.cacheTtl).toBe('5m')
    expect(plan.commitment.confidence.toString()).toBe('0.9')
    expect(plan.commitment.simulations).toBe(2000)
    expect(plan.commitment.seed).toBe(1)
    expect(plan.commitment.overage).toBe('discounted')
    expect(plan.commitment.minRealization.batch.toString()).toBe('1')
    expect(plan.termEnd).toBe('2027-12-31')
  })

  it('defaults the batch target to 0 for a workload somebody waits on', () => {
    const plan = validatePlanRequest(planRequest([{ ...BASE, userWaiting: true }], []), TEST_BOOK)
    expect(plan.workloads[0]!.targetBatchShare.isZero()).toBe(true)
  })

  it.each<[string, Partial<WorkloadSpec>, string, string]>([
    ['unknown model', { model: 'gpt-4' }, '/workloads/0/model', ISSUE_CODES.UNKNOWN_MODEL],
    [
      'unknown route target',
      { routeToModel: 'claude-nope', routableShare: dec('0.5') },
      '/workloads/0/routeToModel',
      ISSUE_CODES.UNKNOWN_MODEL,
    ],
    [
      'hit rate above 1',
      { currentCacheHitRate: dec('1.2') },
      '/workloads/0/currentCacheHitRate',
      'RATE_OUT_OF_RANGE',
    ],
    [
      'target hit rate below 0',
      { targetCacheHitRate: dec('-0.1') },
      '/workloads/0/targetCacheHitRate',
      'RATE_OUT_OF_RANGE',
    ],
    [
      'batch share above 1',
      { currentBatchShare: dec('2') },
      '/workloads/0/currentBatchShare',
      'RATE_OUT_OF_RANGE',
    ],
    [
      'target batch share below 0',
      { targetBatchShare: dec('-1') },
      '/workloads/0/targetBatchShare',
      'RATE_OUT_OF_RANGE',
    ],
    [
      'routable share above 1',
      { routeToModel: 'claude-haiku-4-5', routableShare: dec('1.5') },
      '/workloads/0/routableShare',
      'RATE_OUT_OF_RANGE',
    ],
    [
      'prefix above input',
      { cacheablePrefixTokens: dec('6000') },
      '/workloads/0/cacheablePrefixTokens',
      'PREFIX_EXCEEDS_INPUT',
    ],
    [
      'negative input tokens',
      { inputTokensPerRequest: dec('-1') },
      '/workloads/0/inputTokensPerRequest',
      'NEGATIVE_VALUE',
    ],
    [
      'negative output tokens',
      { outputTokensPerRequest: dec('-5') },
      '/workloads/0/outputTokensPerRequest',
      'NEGATIVE_VALUE',
    ],
    [
      'negative prefix',
      { cacheablePrefixTokens: dec('-5') },
      '/workloads/0/cacheablePrefixTokens',
      'NEGATIVE_VALUE',
    ],
    ['negative volume', { requestsPerMonth: dec('-100') }, '/workloads/0/requestsPerMonth', 'NEGATIVE_VALUE'],
    [
      'growth of -100%',
      { monthlyGrowthRate: dec('-1') },
      '/workloads/0/monthlyGrowthRate',
      'GROWTH_RATE_TOO_LOW',
    ],
    [
      'route target without share',
      { routeToModel: 'claude-haiku-4-5' },
      '/workloads/0/routableShare',
      'ROUTING_INCOMPLETE',
    ],
    [
      'share without route target',
      { routableShare: dec('0.5') },
      '/workloads/0/routeToModel',
      'ROUTING_INCOMPLETE',
    ],
    [
      'a float instead of a decimal',
      { requestsPerMonth: 1000 as unknown as Decimal },
      '/workloads/0/requestsPerMonth',
      'NOT_A_DECIMAL',
    ],
    [
      'NaN',
      { inputTokensPerRequest: new Decimal(Number.NaN) },
      '/workloads/0/inputTokensPerRequest',
      'NOT_A_DECIMAL',
    ],
    ['an empty name', { name: '  ' }, '/workloads/0/name', 'EMPTY_NAME'],
    ['an unknown TTL', { cacheTtl: '10m' as '5m' }, '/workloads/0/cacheTtl', 'INVALID_OPTION'],
    [
      'an unanswered waiting test',
      { userWaiting: undefined as unknown as boolean },
      '/workloads/0/userWaiting',
      'INVALID_OPTION',
    ],
  ])('rejects %s', (_label, change, pointer, code) => {
    const issues = workloadIssue(change)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ pointer, code })
  })

  it('quotes the offending value in the message, after the rule’s sentence', () => {
    const [issue] = workloadIssue({ cacheablePrefixTokens: dec('6000') })
    expect(issue!.message).toBe(`${MESSAGES.PREFIX_EXCEEDS_INPUT}: got "6000 > 5000"`)
    const [unknown] = workloadIssue({ model: 'gpt-4' })
    expect(unknown!.message).toBe(
      "no model 'gpt-4' in price book 'Test list prices'; use one of its model ids or aliases",
    )
  })

  it('names the book by slug and suggests the nearest model names for an unknown model or routing target', () => {
    const request = planRequest([BASE], [lever('batch')])
    request.workloads[0] = {
      ...workload(BASE),
      model: 'claude-sonet-4-5',
      routeToModel: 'Claude-Opus-4.7',
      routableShare: dec('0.5'),
    }
    let issues: readonly ValidationIssue[] = []
    try {
      validatePlanRequest(request, { ...TEST_BOOK, slug: 'anthropic-list' })
    } catch (error) {
      issues = (error as PlanValidationError).issues
    }
    expect(issues).toEqual([
      {
        pointer: '/workloads/0/model',
        code: ISSUE_CODES.UNKNOWN_MODEL,
        message:
          "no model 'claude-sonet-4-5' in price book 'anthropic-list'; did you mean claude-sonnet-4-5?",
      },
      {
        pointer: '/workloads/0/routeToModel',
        code: ISSUE_CODES.UNKNOWN_MODEL,
        message: "no model 'Claude-Opus-4.7' in price book 'anthropic-list'; did you mean claude-opus-4-7?",
      },
    ])
  })

  it('asks the waiting test’s question when userWaiting is missing or not a boolean', () => {
    const [missing] = workloadIssue({ userWaiting: undefined as unknown as boolean })
    expect(missing!.message).toBe(
      'userWaiting is the waiting test and must be answered true or false: is anyone waiting on this result the ' +
        'instant it is produced? Send true or false.',
    )
    const [wrong] = workloadIssue({ userWaiting: 'yes' as unknown as boolean })
    expect(wrong!.message).toBe(
      'userWaiting is the waiting test and must be answered true or false, not "yes": is anyone waiting on this ' +
        'result the instant it is produced? Send true or false.',
    )
  })

  it('accepts an adoption slip of up to 120 months (the edge’s limit too), not 121', () => {
    const slip = (months: number) =>
      issuesOf(planRequest([BASE], [], { commitment: { uncertainty: { adoptionSlipMonths: months } } }))
    expect(slip(ENGINE_LIMITS.maxSlipMonths)).toEqual([])
    expect(ENGINE_LIMITS.maxSlipMonths).toBe(120)
    expect(slip(121)).toEqual([
      {
        pointer: '/commitment/uncertainty/adoptionSlipMonths',
        code: 'INVALID_SLIP',
        message: 'adoptionSlipMonths must be a whole number of months between 0 and 120: got "121"',
      },
    ])
  })

  it.each<[string, PlanRequest['levers'], string, string]>([
    ['a duplicate lever', [lever('batch'), lever('batch', 2)], '/levers/1/lever', 'DUPLICATE_LEVER'],
    [
      'an unknown lever',
      [{ lever: 'pricing' as 'batch', startMonth: 0, rampMonths: 0 }],
      '/levers/0/lever',
      'UNKNOWN_LEVER',
    ],
    ['a negative ramp', [lever('batch', 0, -1)], '/levers/0/rampMonths', 'INVALID_RAMP'],
    ['a fractional ramp', [lever('batch', 0, 1.5)], '/levers/0/rampMonths', 'INVALID_RAMP'],
    ['a fractional start', [lever('batch', 0.5)], '/levers/0/startMonth', 'INVALID_START_MONTH'],
    ['a start beyond 1200 months', [lever('batch', -1201)], '/levers/0/startMonth', 'INVALID_START_MONTH'],
  ])('rejects %s', (_label, levers, pointer, code) => {
    const issues = issuesOf(planRequest([BASE], levers))
    expect(issues).toEqual([expect.objectContaining({ pointer, code })])
  })

  it.each<[string, PlanRequest['term'], string, string]>([
    ['a 0-month term', { start: '2027-01-01', months: 0 }, '/term/months', 'INVALID_TERM_MONTHS'],
    ['a 121-month term', { start: '2027-01-01', months: 121 }, '/term/months', 'INVALID_TERM_MONTHS'],
    ['a fractional term', { start: '2027-01-01', months: 12.5 }, '/term/months', 'INVALID_TERM_MONTHS'],
    ['an impossible date', { start: '2027-02-30', months: 12 }, '/term/start', 'INVALID_DATE'],
    ['a malformed date', { start: '2027-1-1', months: 12 }, '/term/start', 'INVALID_DATE'],
  ])('rejects %s', (_label, term, pointer, code) => {
    expect(issuesOf(planRequest([BASE], [], { term }))).toEqual([expect.objectContaining({ pointer, code })])
  })

  it('rejects duplicate workload names, pointing at the second', () => {
    const issues = issuesOf(planRequest([BASE, { ...BASE }], []))
    expect(issues).toEqual([
      expect.objectContaining({ pointer: '/workloads/1/name', code: 'DUPLICATE_WORKLOAD_NAME' }),
    ])
  })

  it.each<[string, NonNullable<PlanRequest['commitment']>, string, string]>([
    ['confidence 1', { confidence: dec('1') }, '/commitment/confidence', 'CONFIDENCE_OUT_OF_RANGE'],
    ['confidence 0', { confidence: dec('0') }, '/commitment/confidence', 'CONFIDENCE_OUT_OF_RANGE'],
    [
      'a 100% discount',
      { discountTiers: [{ minCommit: dec('1'), discountRate: dec('1') }] },
      '/commitment/discountTiers/0/discountRate',
      'DISCOUNT_OUT_OF_RANGE',
    ],
    [
      'a negative discount',
      { discountTiers: [{ minCommit: dec('1'), discountRate: dec('-0.1') }] },
      '/commitment/discountTiers/0/discountRate',
      'DISCOUNT_OUT_OF_RANGE',
    ],
    [
      'a negative tier minimum',
      { discountTiers: [{ minCommit: dec('-1'), discountRate: dec('0.1') }] },
      '/commitment/discountTiers/0/minCommit',
      'NEGATIVE_VALUE',
    ],
    [
      'a negative proposed commit',
      { proposedCommit: dec('-1') },
      '/commitment/proposedCommit',
      'NEGATIVE_VALUE',
    ],
    ['zero simulations', { simulations: 0 }, '/commitment/simulations', 'INVALID_SIMULATIONS'],
    ['fractional simulations', { simulations: 10.5 }, '/commitment/simulations', 'INVALID_SIMULATIONS'],
    ['a fractional seed', { seed: 1.5 }, '/commitment/seed', 'INVALID_SEED'],
    [
      'a negative growth deviation',
      { uncertainty: { growthStdDev: dec('-0.01') } },
      '/commitment/uncertainty/growthStdDev',
      'NEGATIVE_VALUE',
    ],
    [
      'a negative slip',
      { uncertainty: { adoptionSlipMonths: -1 } },
      '/commitment/uncertainty/adoptionSlipMonths',
      'INVALID_SLIP',
    ],
    [
      'a fractional slip for one lever',
      { uncertainty: { adoptionSlipMonths: { caching: 1.5 } } },
      '/commitment/uncertainty/adoptionSlipMonths/caching',
      'INVALID_SLIP',
    ],
    [
      'a realization above 1',
      { uncertainty: { minRealization: dec('1.1') } },
      '/commitment/uncertainty/minRealization',
      'RATE_OUT_OF_RANGE',
    ],
    [
      'a negative realization for one lever',
      { uncertainty: { minRealization: { batch: dec('-0.5') } } },
      '/commitment/uncertainty/minRealization/batch',
      'RATE_OUT_OF_RANGE',
    ],
    [
      'an unknown lever key',
      { uncertainty: { minRealization: { pricing: dec('0.5') } as never } },
      '/commitment/uncertainty/minRealization/pricing',
      'UNKNOWN_LEVER',
    ],
  ])('rejects %s', (_label, commitment, pointer, code) => {
    expect(issuesOf(planRequest([BASE], [], { commitment }))).toEqual([
      expect.objectContaining({ pointer, code }),
    ])
  })

  it('collects every issue, not just the first', () => {
    const request = planRequest(
      [
        { ...BASE, model: 'nope', cacheablePrefixTokens: '9000' },
        { ...BASE, name: 'x', currentCacheHitRate: '2', routableShare: '0.5' },
        { ...BASE, name: 'x', monthlyGrowthRate: '-2' },
      ],
      [lever('batch'), lever('batch'), lever('caching', 0, -2)],
      { term: { start: 'tomorrow', months: 0 }, commitment: { confidence: dec('1.5'), simulations: 0 } },
    )
    const issues = issuesOf(request)
    expect(issues.map((i) => `${i.pointer} ${i.code}`).sort()).toEqual(
      [
        '/term/start INVALID_DATE',
        '/term/months INVALID_TERM_MONTHS',
        '/levers/1/lever DUPLICATE_LEVER',
        '/levers/2/rampMonths INVALID_RAMP',
        '/workloads/0/model UNKNOWN_MODEL',
        '/workloads/0/cacheablePrefixTokens PREFIX_EXCEEDS_INPUT',
        '/workloads/1/currentCacheHitRate RATE_OUT_OF_RANGE',
        '/workloads/1/routeToModel ROUTING_INCOMPLETE',
        '/workloads/2/name DUPLICATE_WORKLOAD_NAME',
        '/workloads/2/monthlyGrowthRate GROWTH_RATE_TOO_LOW',
        '/commitment/confidence CONFIDENCE_OUT_OF_RANGE',
        '/commitment/simulations INVALID_SIMULATIONS',
      ].sort(),
    )
    const error = (() => {
      try {
        validatePlanRequest(request, TEST_BOOK)
      } catch (e) {
        return e as PlanValidationError
      }
    })()
    expect(error?.message).toContain('12 issues')
  })

  it('escapes pointer tokens (RFC 6901)', () => {
    const issues = issuesOf(
      planRequest([BASE], [], {
        commitment: { uncertainty: { adoptionSlipMonths: { 'a/b~c': 1 } as never } },
      }),
    )
    expect(issues[0]!.pointer).toBe('/commitment/uncertainty/adoptionSlipMonths/a~1b~0c')
  })

  it('accepts an empty portfolio', () => {
    expect(validatePlanRequest(planRequest([], []), TEST_BOOK).workloads).toEqual([])
  })
})
