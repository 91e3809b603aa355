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
      'INVALID_TIER_MINIMUM',
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

describe('US-only inference (design §3.1)', () => {
  /** The rest of the sentence after the model's role and name, for the test book. */
  const NO_US =
    "offers no US-only inference in price book 'Test list prices' (it has no dataResidencyMultiplier); " +
    "use inferenceGeo 'global', or a model that offers US-only inference"

  it('is INFERENCE_GEO_UNAVAILABLE at inferenceGeo on a model without a residency multiplier, named as given', () => {
    expect(workloadIssue({ inferenceGeo: 'us' })).toEqual([
      {
        pointer: '/workloads/0/inferenceGeo',
        code: ISSUE_CODES.INFERENCE_GEO_UNAVAILABLE,
        message: `model 'claude-opus-4-5' ${NO_US}`,
      },
    ])
    // The dated id as given, and the book by its slug when it has one.
    const request = planRequest([{ ...BASE, model: 'claude-opus-4-5-20251101', inferenceGeo: 'us' }], [])
    let issues: readonly ValidationIssue[] = []
    try {
      validatePlanRequest(request, { ...TEST_BOOK, slug: 'anthropic-list' })
    } catch (error) {
      issues = (error as PlanValidationError).issues
    }
    expect(issues).toEqual([
      {
        pointer: '/workloads/0/inferenceGeo',
        code: 'INFERENCE_GEO_UNAVAILABLE',
        message:
          "model 'claude-opus-4-5-20251101' offers no US-only inference in price book 'anthropic-list' (it has no " +
          "dataResidencyMultiplier); use inferenceGeo 'global', or a model that offers US-only inference",
      },
    ])
  })

  it('checks the routing target too, whether or not the routing lever is listed', () => {
    // Opus 4.7 offers US-only inference (×1.1); Haiku 4.5 does not. BASE's request lists only the batch lever.
    const routed = {
      model: 'claude-opus-4-7',
      routeToModel: 'claude-haiku-4-5',
      routableShare: dec('0.5'),
      inferenceGeo: 'us' as const,
    }
    const expected = [
      {
        pointer: '/workloads/0/inferenceGeo',
        code: 'INFERENCE_GEO_UNAVAILABLE',
        message: `routing target 'claude-haiku-4-5' ${NO_US}`,
      },
    ]
    expect(workloadIssue(routed)).toEqual(expected)
    const listed = planRequest([BASE], [lever('routing')])
    listed.workloads[0] = { ...workload(BASE), ...routed }
    expect(issuesOf(listed)).toEqual(expected)
    // Neither offers it: one issue per model, the workload's own model first.
    expect(workloadIssue({ ...routed, model: 'claude-sonnet-4-5' }).map((i) => i.message)).toEqual([
      `model 'claude-sonnet-4-5' ${NO_US}`,
      `routing target 'claude-haiku-4-5' ${NO_US}`,
    ])
  })

  it('accepts US-only inference where every model offers it, and global inference anywhere', () => {
    const us = planRequest([{ ...BASE, model: 'claude-opus-4-7', inferenceGeo: 'us' }], [])
    expect(validatePlanRequest(us, TEST_BOOK).workloads[0]!.inferenceGeo).toBe('us')
    expect(
      workloadIssue({
        model: 'claude-opus-4-7',
        routeToModel: 'claude-opus-4-7-20260416',
        routableShare: dec('1'),
        inferenceGeo: 'us',
      }),
    ).toEqual([])
    expect(workloadIssue({ inferenceGeo: 'global' })).toEqual([])
    expect(workloadIssue({ routeToModel: 'claude-haiku-4-5', routableShare: dec('1') })).toEqual([])
  })

  it('does not add the rule to an unknown model or an unknown geo', () => {
    expect(workloadIssue({ model: 'gpt-4', inferenceGeo: 'us' }).map((i) => i.code)).toEqual([
      'UNKNOWN_MODEL',
    ])
    expect(workloadIssue({ inferenceGeo: 'eu' as never }).map((i) => i.code)).toEqual(['INVALID_OPTION'])
  })
})

describe('successors (design §3.6)', () => {
  it('resolves the successor the book names for each model the workloads use', () => {
    const sonnet45 = TEST_BOOK.models.find((m) => m.modelId === 'claude-sonnet-4-5-20250929')!
    const sonnet5 = TEST_BOOK.models.find((m) => m.modelId === 'claude-sonnet-5')!
    const book = {
      ...TEST_BOOK,
      models: TEST_BOOK.models.map((m) => (m === sonnet45 ? { ...m, successor: 'claude-sonnet-5' } : m)),
    }
    const plan = validatePlanRequest(
      planRequest(
        [
          { ...BASE, routeToModel: 'claude-sonnet-4-5', routableShare: '0.5' },
          { ...BASE, name: 'other', model: 'claude-sonnet-4-5' },
        ],
        [],
      ),
      book,
    )
    const used = plan.workloads[1]!.model
    expect(used.modelId).toBe('claude-sonnet-4-5-20250929')
    expect([...plan.successors]).toEqual([[used, sonnet5]])
    expect(validatePlanRequest(planRequest([BASE], []), book).successors.size).toBe(0)
  })
})

describe('validatePlanRequest: commitment structure, proposed commitment by year and tiers', () => {
  type Commitment = NonNullable<PlanRequest['commitment']>
  const amounts = (...values: string[]) => values.map((v) => dec(v))
  const tier = (minCommit: string, discountRate: string) => ({
    minCommit: dec(minCommit),
    discountRate: dec(discountRate),
  })
  const request = (commitment: Commitment, months = 12) =>
    planRequest([BASE], [], { term: { start: '2027-01-01', months }, commitment })
  const commitmentOf = (commitment: Commitment, months = 12) =>
    validatePlanRequest(request(commitment, months), TEST_BOOK).commitment
  const issues = (commitment: Commitment, months = 12) => issuesOf(request(commitment, months))
  const text = (values: readonly Decimal[] | null) => values?.map((v) => v.toString()) ?? null
  const tierText = (tiers: readonly { minCommit: Decimal; discountRate: Decimal }[]) =>
    tiers.map((t) => [t.minCommit.toString(), t.discountRate.toString()])

  it('defaults to one commitment for the whole term, with no amounts by year', () => {
    const c = commitmentOf({})
    expect(c.structure).toBe('term')
    expect(c.proposedCommitByYear).toBeNull()
    expect(c.proposedCommit).toBeNull()
    expect(validatePlanRequest(planRequest([BASE], []), TEST_BOOK).commitment.structure).toBe('term')
  })

  it('keeps the structure given', () => {
    expect(commitmentOf({ structure: 'annual' }).structure).toBe('annual')
    expect(commitmentOf({ structure: 'term' }).structure).toBe('term')
  })

  it('accepts one amount per contract year under annual; the proposed commitment is then their sum', () => {
    // 30 months: years of 12, 12 and 6 months.
    const c = commitmentOf(
      { structure: 'annual', proposedCommitByYear: amounts('100000', '250000.5', '0') },
      30,
    )
    expect(text(c.proposedCommitByYear)).toEqual(['100000', '250000.5', '0'])
    expect(c.proposedCommit?.toString()).toBe('350000.5')
  })

  it('accepts a proposedCommit equal to the sum of the years exactly', () => {
    const c = commitmentOf(
      { structure: 'annual', proposedCommitByYear: amounts('1.10', '2.20'), proposedCommit: dec('3.30') },
      24,
    )
    expect(c.proposedCommit?.toString()).toBe('3.3')
    expect(text(c.proposedCommitByYear)).toEqual(['1.1', '2.2'])
  })

  it('rejects an unknown structure', () => {
    expect(issues({ structure: 'monthly' as never })).toEqual([
      {
        pointer: '/commitment/structure',
        code: ISSUE_CODES.INVALID_OPTION,
        message: `${MESSAGES.INVALID_STRUCTURE}: got "monthly"`,
      },
    ])
  })

  it.each<[string, Commitment, string]>([
    ['no structure', { proposedCommitByYear: amounts('10') }, "no structure (the default is 'term')"],
    ['structure term', { structure: 'term', proposedCommitByYear: amounts('10') }, "structure 'term'"],
  ])('rejects proposedCommitByYear with %s', (_label, commitment, got) => {
    expect(issues(commitment)).toEqual([
      {
        pointer: '/commitment/proposedCommitByYear',
        code: ISSUE_CODES.COMMIT_BY_YEAR_NEEDS_ANNUAL,
        message: `${MESSAGES.COMMIT_BY_YEAR_NEEDS_ANNUAL}: got "${got}"`,
      },
    ])
  })

  it.each<[number, string[], string]>([
    [
      30,
      ['1', '2'],
      '3 contract years (2 of 12 months, then one of 6 months), so send 3 amounts: got "2 amounts"',
    ],
    [36, ['1', '2', '3', '4'], '3 contract years of 12 months, so send 3 amounts: got "4 amounts"'],
    [6, ['1', '2'], '1 contract year (of 6 months), so send 1 amount: got "2 amounts"'],
    [13, ['1'], '2 contract years (1 of 12 months, then one of 1 month), so send 2 amounts: got "1 amount"'],
    [12, [], '1 contract year (of 12 months), so send 1 amount: got "0 amounts"'],
  ])('a %i-month term with %j by year is told how many amounts it needs', (months, values, tail) => {
    expect(issues({ structure: 'annual', proposedCommitByYear: amounts(...values) }, months)).toEqual([
      {
        pointer: '/commitment/proposedCommitByYear',
        code: ISSUE_CODES.COMMIT_BY_YEAR_COUNT_MISMATCH,
        message: `${MESSAGES.COMMIT_BY_YEAR_COUNT_MISMATCH}; this ${months}-month term has ${tail}`,
      },
    ])
  })

  it('rejects a negative or non-decimal amount of a year at its own pointer', () => {
    const byYear = [dec('1'), dec('-0.01'), 'x' as never]
    expect(issues({ structure: 'annual', proposedCommitByYear: byYear }, 36)).toEqual([
      {
        pointer: '/commitment/proposedCommitByYear/1',
        code: ISSUE_CODES.NEGATIVE_VALUE,
        message: `${MESSAGES.NEGATIVE_COMMIT_BY_YEAR}: got "-0.01"`,
      },
      {
        pointer: '/commitment/proposedCommitByYear/2',
        code: ISSUE_CODES.NOT_A_DECIMAL,
        message: `${MESSAGES.NOT_A_DECIMAL}: got "x"`,
      },
    ])
  })

  it('rejects a proposedCommit that is not the sum of the years, giving the sum', () => {
    const commitment: Commitment = {
      structure: 'annual',
      proposedCommitByYear: amounts('100000', '200000.25'),
      proposedCommit: dec('300000'),
    }
    expect(issues(commitment, 24)).toEqual([
      {
        pointer: '/commitment/proposedCommit',
        code: ISSUE_CODES.PROPOSED_COMMIT_NOT_SUM,
        message:
          `${MESSAGES.PROPOSED_COMMIT_NOT_SUM}, which is 300000.25: send proposedCommit "300000.25", or leave it ` +
          'out (the sum is then the proposed commitment), or correct the yearly amounts: got "300000"',
      },
    ])
  })

  it('does not count contract years of an invalid term (it has its own issue), but checks each amount', () => {
    expect(
      issues({ structure: 'annual', proposedCommitByYear: amounts('1', '2', '-3') }, 0).map((i) => i.pointer),
    ).toEqual(['/term/months', '/commitment/proposedCommitByYear/2'])
  })

  it('accepts tiers in any order and sorts them by minCommit', () => {
    const c = commitmentOf({
      discountTiers: [tier('1000000', '0.1'), tier('250000', '0.05'), tier('5000000', '0.15')],
    })
    expect(tierText(c.tiers)).toEqual([
      ['250000', '0.05'],
      ['1000000', '0.1'],
      ['5000000', '0.15'],
    ])
  })

  it('accepts a whole-dollar minimum written with cents of zero', () => {
    expect(
      tierText(commitmentOf({ discountTiers: [tier('200', '0.02'), tier('100.00', '0.01')] }).tiers),
    ).toEqual([
      ['100', '0.01'],
      ['200', '0.02'],
    ])
  })

  it('rejects a tier at 0% off: "no commitment" already earns 0 (§3.5: each discount above the one below)', () => {
    expect(issues({ discountTiers: [tier('200', '0.01'), tier('100', '0')] })).toEqual([
      {
        pointer: '/commitment/discountTiers/1/discountRate',
        code: ISSUE_CODES.TIER_DISCOUNT_NOT_INCREASING,
        message: expect.stringContaining('this tier earns 0%, no more than committing nothing'),
      },
    ])
  })

  it.each<[string, string]>([
    ['0', MESSAGES.TIER_MINIMUM_NOT_POSITIVE],
    ['-5', MESSAGES.TIER_MINIMUM_NOT_POSITIVE],
    ['100000.5', MESSAGES.TIER_MINIMUM_NOT_WHOLE_DOLLARS],
    ['0.01', MESSAGES.TIER_MINIMUM_NOT_WHOLE_DOLLARS],
  ])('rejects a tier minimum of %s', (minCommit, sentence) => {
    expect(issues({ discountTiers: [tier('500', '0.05'), tier(minCommit, '0.1')] })).toEqual([
      {
        pointer: '/commitment/discountTiers/1/minCommit',
        code: ISSUE_CODES.INVALID_TIER_MINIMUM,
        message: `${sentence}: got "${minCommit}"`,
      },
    ])
  })

  it('rejects two equal minimums at the later tier in the request, by its index as given, naming the other', () => {
    const commitment: Commitment = {
      discountTiers: [tier('500000', '0.1'), tier('100000', '0.05'), tier('500000.00', '0.12')],
    }
    expect(issues(commitment)).toEqual([
      {
        pointer: '/commitment/discountTiers/2/minCommit',
        code: ISSUE_CODES.DUPLICATE_TIER_MINIMUM,
        message:
          `${MESSAGES.DUPLICATE_TIER_MINIMUM}: discountTiers/0 has this minimum too (minCommit "500000", ` +
          'discountRate "0.1"); keep one tier per minimum, with the discount the vendor offers at it, or correct ' +
          'one of the minimums: got "500000"',
      },
    ])
  })

  it('rejects a discount not above the tier below it in minCommit order, pointing at it by its index as given', () => {
    // Sorted: discountTiers/1 (100,000 at 5%), then discountTiers/0 (500,000 at 4%).
    expect(issues({ discountTiers: [tier('500000', '0.04'), tier('100000', '0.05')] })).toEqual([
      {
        pointer: '/commitment/discountTiers/0/discountRate',
        code: ISSUE_CODES.TIER_DISCOUNT_NOT_INCREASING,
        message:
          `${MESSAGES.TIER_DISCOUNT_NOT_INCREASING}: this tier asks a commitment of at least "500000", more than ` +
          'discountTiers/1 (minCommit "100000"), yet earns no more than its discountRate "0.05"; raise this ' +
          'tier\'s discountRate above 0.05, or correct the minimums or discounts of the two tiers: got "0.04"',
      },
    ])
  })

  it('rejects an equal discount, and compares each discount with the highest one below it', () => {
    const commitment: Commitment = {
      discountTiers: [tier('300000', '0.07'), tier('100000', '0.1'), tier('200000', '0.1')],
    }
    expect(
      issues(commitment).map((i) => [i.pointer, i.code, i.message.match(/discountTiers\/\d/)?.[0]]),
    ).toEqual([
      ['/commitment/discountTiers/2/discountRate', 'TIER_DISCOUNT_NOT_INCREASING', 'discountTiers/1'],
      ['/commitment/discountTiers/0/discountRate', 'TIER_DISCOUNT_NOT_INCREASING', 'discountTiers/1'],
    ])
  })

  it('leaves a tier with a problem of its own out of the comparisons', () => {
    expect(
      issues({ discountTiers: [tier('100', '1.5'), tier('200', '0.05'), tier('300.5', '0.01')] }),
    ).toEqual([
      expect.objectContaining({
        pointer: '/commitment/discountTiers/0/discountRate',
        code: 'DISCOUNT_OUT_OF_RANGE',
      }),
      expect.objectContaining({
        pointer: '/commitment/discountTiers/2/minCommit',
        code: 'INVALID_TIER_MINIMUM',
      }),
    ])
  })
})
