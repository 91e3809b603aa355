import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PREVIEW_EXAMPLE_REQUEST } from '../../src/modules/plans/plans.examples.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * The commitment block's input rules over HTTP (DESIGN §3.5, §3.7): `structure`, `proposedCommitByYear` and
 * the tier rules, on the stateless preview and on stored scenarios (written, read back, and projected). A
 * value of the wrong form is a 400 `VALIDATION_FAILED`; valid values that contradict each other are a 422
 * `UNPROCESSABLE_PLAN` whose `errors[]` point at the field, by the index the request gave.
 */
let app: FastifyInstance
let tenant: Tenant

beforeAll(async () => {
  app = await buildTestApp({ MAX_EVENT_LOOP_DELAY_MS: '0' })
  tenant = await createTenant(app, 'commitment-inputs')
})
afterAll(async () => app?.close())

type Json = Record<string, unknown>
type Method = 'GET' | 'POST' | 'PATCH'
const send = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  call(app, {
    method,
    url,
    headers: { ...bearer(tenant.keys.write), ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })

const { priceBook: _book, workloads: exampleWorkloads, ...exampleScenario } = PREVIEW_EXAMPLE_REQUEST
const TIERS = [
  { minCommit: '100000', discountRate: '0.05' },
  { minCommit: '500000', discountRate: '0.1' },
]
/** The example's commitment with `change` applied, few runs (validation is what is tested). */
const commitmentWith = (change: Json): Json => ({
  ...PREVIEW_EXAMPLE_REQUEST.commitment,
  simulations: 20,
  ...change,
})
const previewWith = (change: Json, months = 12) => ({
  ...PREVIEW_EXAMPLE_REQUEST,
  term: { start: '2027-01-01', months },
  commitment: commitmentWith(change),
})
const preview = (body: unknown) => send('POST', '/v1/plans/preview', body)

let counter = 0
const unique = (name: string) => `${name} ${process.pid}-${++counter}`

async function newPortfolio(): Promise<string> {
  const portfolio = await send('POST', '/v1/portfolios', { name: unique('commitment') })
  expect(portfolio.statusCode).toBe(201)
  const workloads = await send('POST', `/v1/portfolios/${portfolio.json().id}/workloads`, {
    workloads: exampleWorkloads,
  })
  expect(workloads.statusCode).toBe(201)
  return portfolio.json().id
}

const createScenario = (portfolioId: string, commitment: Json, months = 12) =>
  send('POST', `/v1/portfolios/${portfolioId}/scenarios`, {
    ...exampleScenario,
    name: unique('scenario'),
    term: { start: '2027-01-01', months },
    commitment,
  })

/** Pointers and codes of a problem's `errors[]`, and each detail. */
const issuesOf = (problem: { errors?: { pointer: string; code: string; detail: string }[] }) =>
  (problem.errors ?? []).map((e) => ({ pointer: e.pointer, code: e.code, detail: e.detail }))

// Wrong forms: a 400 on the preview and on a scenario's create alike.
const BAD_FORMS: [string, Json, string, string][] = [
  [
    'a tier minimum with cents',
    { discountTiers: [TIERS[0], { minCommit: '500000.50', discountRate: '0.1' }] },
    '/commitment/discountTiers/1/minCommit',
    'must be a whole-dollar amount such as "250000", without cents',
  ],
  [
    'a tier minimum of 0',
    { discountTiers: [{ minCommit: '0', discountRate: '0.01' }, TIERS[1]] },
    '/commitment/discountTiers/0/minCommit',
    'must be greater than 0',
  ],
  [
    'a tier minimum as a JSON number',
    { discountTiers: [TIERS[0], { minCommit: 500000, discountRate: '0.1' }] },
    '/commitment/discountTiers/1/minCommit',
    'must be a decimal string such as "1234.56", not a JSON number',
  ],
  [
    'an amount by year as a JSON number',
    { structure: 'annual', proposedCommitByYear: [250000] },
    '/commitment/proposedCommitByYear/0',
    'must be a decimal string such as "1234.56", not a JSON number',
  ],
  [
    'a negative amount by year',
    { structure: 'annual', proposedCommitByYear: ['-1'] },
    '/commitment/proposedCommitByYear/0',
    'must be at least 0',
  ],
  ['an unknown structure', { structure: 'monthly' }, '/commitment/structure', "must be 'term' or 'annual'"],
]

// Valid values that contradict each other: a 422 pointing at the offending field.
const CONFLICTS: [string, Json, string, string, string][] = [
  [
    'two tiers with the same minimum',
    { discountTiers: [...TIERS, { minCommit: '100000', discountRate: '0.07' }] },
    '/commitment/discountTiers/2/minCommit',
    'DUPLICATE_TIER_MINIMUM',
    'discountTiers/0 has this minimum too',
  ],
  [
    'a discount that falls as the minimum rises (tiers out of order)',
    {
      discountTiers: [
        { minCommit: '500000', discountRate: '0.04' },
        { minCommit: '100000', discountRate: '0.05' },
      ],
    },
    '/commitment/discountTiers/0/discountRate',
    'TIER_DISCOUNT_NOT_INCREASING',
    "raise this tier's discountRate above 0.05",
  ],
  [
    'amounts by year without structure annual',
    { proposedCommitByYear: ['250000'], proposedCommit: null },
    '/commitment/proposedCommitByYear',
    'COMMIT_BY_YEAR_NEEDS_ANNUAL',
    "needs structure 'annual'",
  ],
  [
    'the wrong number of amounts by year',
    { structure: 'annual', proposedCommitByYear: ['100000', '150000'], proposedCommit: null },
    '/commitment/proposedCommitByYear',
    'COMMIT_BY_YEAR_COUNT_MISMATCH',
    'this 12-month term has 1 contract year (of 12 months), so send 1 amount: got "2 amounts"',
  ],
  [
    'a proposedCommit that is not the sum of the years',
    { structure: 'annual', proposedCommitByYear: ['240000.10'], proposedCommit: '250000' },
    '/commitment/proposedCommit',
    'PROPOSED_COMMIT_NOT_SUM',
    'which is 240000.1: send proposedCommit "240000.1"',
  ],
]

describe('POST /v1/plans/preview: the commitment block', () => {
  it.each(BAD_FORMS)('400 for %s', async (_label, change, pointer, detail) => {
    const problem = expectProblem(await preview(previewWith(change)), 400, 'VALIDATION_FAILED')
    expect(problem.errors?.map((e) => [e.pointer, e.detail])).toEqual([[pointer, detail]])
  })

  it.each(CONFLICTS)('422 for %s', async (_label, change, pointer, code, detail) => {
    const problem = expectProblem(await preview(previewWith(change)), 422, 'UNPROCESSABLE_PLAN')
    expect(issuesOf(problem)).toEqual([{ pointer, code, detail: expect.stringContaining(detail) }])
  })

  it('counts the contract years of the term: a 30-month term takes three amounts', async () => {
    const two = { structure: 'annual', proposedCommitByYear: ['1', '2'], proposedCommit: null }
    const problem = expectProblem(await preview(previewWith(two, 30)), 422, 'UNPROCESSABLE_PLAN')
    expect(problem.errors?.[0]?.detail).toContain(
      'this 30-month term has 3 contract years (2 of 12 months, then one of 6 months), so send 3 amounts',
    )
  })
})

describe('stored scenarios: the commitment block', () => {
  let portfolioId: string
  beforeAll(async () => {
    portfolioId = await newPortfolio()
  })

  it.each(BAD_FORMS)('a create with %s is a 400', async (_label, change, pointer, detail) => {
    const problem = expectProblem(
      await createScenario(portfolioId, commitmentWith(change)),
      400,
      'VALIDATION_FAILED',
    )
    expect(problem.errors?.map((e) => [e.pointer, e.detail])).toEqual([[pointer, detail]])
  })

  it.each(CONFLICTS)(
    'a create with %s is a 422 at the body’s field',
    async (_label, change, pointer, code, detail) => {
      const problem = expectProblem(
        await createScenario(portfolioId, commitmentWith(change)),
        422,
        'UNPROCESSABLE_PLAN',
      )
      expect(issuesOf(problem)).toEqual([{ pointer, code, detail: expect.stringContaining(detail) }])
    },
  )

  it('keeps structure and proposedCommitByYear as given, on create and on PATCH', async () => {
    const commitment = {
      structure: 'annual',
      proposedCommitByYear: ['50000', '100000.50', '150000'],
      discountTiers: [TIERS[1], TIERS[0]],
      simulations: 20,
    }
    const created = await createScenario(portfolioId, commitment, 30)
    expect(created.statusCode).toBe(201)
    // Decimals are kept in their canonical spelling, as every stored decimal is; tiers in the order given.
    const stored = { ...commitment, proposedCommitByYear: ['50000', '100000.5', '150000'] }
    expect(created.json().commitment).toEqual(stored)
    const url = `/v1/portfolios/${portfolioId}/scenarios/${created.json().id}`
    const read = await send('GET', url)
    expect(read.json().commitment).toEqual(stored)

    const changed = { ...commitment, proposedCommitByYear: ['1', '2', '3'], proposedCommit: '6' }
    const patched = await send(
      'PATCH',
      url,
      { commitment: changed },
      { 'if-match': String(read.headers.etag) },
    )
    expect(patched.statusCode).toBe(200)
    expect((await send('GET', url)).json().commitment).toEqual(changed)

    // Back to one commitment for the term: the list goes with it (the commitment is replaced whole).
    const again = await send('GET', url)
    const term = { structure: 'term', proposedCommit: '6' }
    const back = await send('PATCH', url, { commitment: term }, { 'if-match': String(again.headers.etag) })
    expect(back.statusCode).toBe(200)
    expect((await send('GET', url)).json().commitment).toEqual(term)
  })

  it('a PATCH of the term is checked against the stored amounts by year', async () => {
    const commitment = { structure: 'annual', proposedCommitByYear: ['1', '2', '3'], simulations: 20 }
    const created = await createScenario(portfolioId, commitment, 36)
    expect(created.statusCode).toBe(201)
    const url = `/v1/portfolios/${portfolioId}/scenarios/${created.json().id}`
    const shorter = await send(
      'PATCH',
      url,
      { term: { start: '2027-01-01', months: 24 } },
      { 'if-match': String(created.headers.etag) },
    )
    const problem = expectProblem(shorter, 422, 'UNPROCESSABLE_PLAN')
    expect(issuesOf(problem)).toEqual([
      {
        pointer: '/commitment/proposedCommitByYear',
        code: 'COMMIT_BY_YEAR_COUNT_MISMATCH',
        detail: expect.stringContaining(
          'this 24-month term has 2 contract years of 12 months, so send 2 amounts',
        ),
      },
    ])
  })

  it('an annual scenario with tiers out of order projects exactly as the same preview', async () => {
    const commitment = {
      structure: 'annual',
      proposedCommitByYear: ['100000', '120000', '60000'],
      discountTiers: [TIERS[1], TIERS[0]],
      simulations: 20,
    }
    const created = await createScenario(portfolioId, commitment, 30)
    expect(created.statusCode).toBe(201)
    const url = `/v1/portfolios/${portfolioId}/scenarios/${created.json().id}/projection`
    const projection = await send('GET', url)
    expect(projection.statusCode).toBe(200)
    const same = await preview({
      ...PREVIEW_EXAMPLE_REQUEST,
      term: { start: '2027-01-01', months: 30 },
      commitment,
    })
    expect(same.statusCode).toBe(200)
    expect(projection.body).toBe(same.body)
    // The proposed commitment is the sum of the years.
    const proposed = projection
      .json()
      .options.find((o: { kind: string; kinds?: string[] }) => (o.kinds ?? [o.kind]).includes('proposed'))
    expect(proposed?.commit).toBe('280000')
  })

  it('the projection passes structure and proposedCommitByYear to the engine, which checks them as a preview’s', async () => {
    const commitment = { structure: 'annual', proposedCommitByYear: ['1', '2', '3'], simulations: 20 }
    const created = await createScenario(portfolioId, commitment, 36)
    expect(created.statusCode).toBe(201)
    // A row the API would not write (its term no longer has three contract years): only the plan finds out.
    await app.db.prisma.scenario.update({ where: { id: created.json().id }, data: { termMonths: 24 } })
    const url = `/v1/portfolios/${portfolioId}/scenarios/${created.json().id}/projection`
    const problem = expectProblem(await send('GET', url), 422, 'UNPROCESSABLE_PLAN')
    // Had `structure` been dropped, the list would be out of place (COMMIT_BY_YEAR_NEEDS_ANNUAL) instead.
    expect(issuesOf(problem)).toEqual([
      {
        pointer: '/commitment/proposedCommitByYear',
        code: 'COMMIT_BY_YEAR_COUNT_MISMATCH',
        detail: expect.stringContaining(
          'this 24-month term has 2 contract years of 12 months, so send 2 amounts',
        ),
      },
    ])
  })
})
