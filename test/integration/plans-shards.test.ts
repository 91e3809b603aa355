import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticPlan } from '../../bench/engine.bench.js'
import { createPlanService } from '../../src/modules/plans/plans.service.js'
import { createPriceBookRepository } from '../../src/modules/price-books/price-books.repository.js'
import { bearer, buildTestApp, call, createTenant, type Tenant } from '../helpers/app.js'

/**
 * A large preview is computed in shards, one per worker of the pool, and merged (plans.service.ts): its answer —
 * a plan, or every issue of an invalid request — must be the very bytes of the same request computed in one
 * task. A pool of one worker never shards, so it is the reference; pools of two and three workers shard into two
 * and three parts.
 */

// 3,000 workloads: above the sharding threshold (2,000 workloads, 256 KiB), quicker than the 10,000 of the bench.
const PLAN = syntheticPlan(3_000, 20270103)
const wire = (value: unknown) => JSON.parse(JSON.stringify(value))

interface Instance {
  app: FastifyInstance
  tenant: Tenant
  bookId: string
}

async function instance(workers: number): Promise<Instance> {
  const app = await buildTestApp({ PLAN_WORKERS: String(workers), PLAN_QUEUE_SIZE: '4' })
  const tenant = await createTenant(app, `shards-${workers}`)
  const book = await createPriceBookRepository(app.db.prisma).findVisible(
    tenant.organizationId,
    'anthropic-list',
  )
  return { app, tenant, bookId: book!.id }
}

async function preview(at: Instance, body: unknown, include?: string) {
  const response = await call(at.app, {
    method: 'POST',
    url: `/v1/plans/preview${include === undefined ? '' : `?include=${include}`}`,
    headers: { ...bearer(at.tenant.keys.read), 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  })
  // Each app has its own database, so its own price book id, and every request its own id: the differences allowed.
  const text = response.body.replaceAll(at.bookId, 'BOOK').replace(/"requestId":"[^"]*"/, '"requestId":"…"')
  return { status: response.statusCode, body: text }
}

describe('a large preview computed in shards', () => {
  let whole: Instance
  let sharded: Instance[]
  beforeAll(async () => {
    ;[whole, ...sharded] = await Promise.all([instance(1), instance(2), instance(3)])
  }, 60_000)
  afterAll(async () => {
    await Promise.all([whole, ...sharded].map((i) => i?.app.close()))
  })

  /** The answer of every instance; the sharded ones must equal the one-task answer. */
  async function expectSameAnswer(body: unknown, include?: string) {
    const reference = await preview(whole, body, include)
    for (const at of sharded) {
      const answer = await preview(at, body, include)
      expect(answer.status).toBe(reference.status)
      expect(answer.body).toBe(reference.body)
    }
    return reference
  }

  it('answers the very bytes of the one-task plan, for every include', async () => {
    // The tasks each pool runs: one for the reference, a shard per worker and a merge for the others.
    const kinds = new Map<Instance, string[]>()
    for (const at of [whole, ...sharded]) {
      const compute = at.app.compute
      const job = compute.job.bind(compute)
      kinds.set(at, [])
      compute.job = (options, work) =>
        job(options, (j) =>
          work({
            run: (task, o) => {
              kinds.get(at)!.push((task as { kind?: string }).kind ?? 'whole')
              return j.run(task, o)
            },
          }),
        )
    }
    const body = wire(PLAN)
    const first = await expectSameAnswer(body)
    expect(kinds.get(whole)).toEqual(['whole'])
    expect(kinds.get(sharded[0]!)).toEqual(['shard', 'shard', 'merge'])
    expect(kinds.get(sharded[1]!)).toEqual(['shard', 'shard', 'shard', 'merge'])
    expect(first.status).toBe(200)
    expect(JSON.parse(first.body).workloads).toHaveLength(3_000)
    for (const include of ['workloadMonths', 'workloads', 'months,years', ''])
      await expectSameAnswer(body, include)
  }, 120_000)

  it('400: every zod issue in one answer, those of the second shard with their pointers into the whole request', async () => {
    const body = wire(PLAN)
    body.levers = 'all of them'
    body.workloads[10].bogus = true
    body.workloads[2_400].requestsPerMonth = '-5'
    body.workloads[2_999].userWaiting = 'maybe'
    body.unexpected = 1
    const answer = await expectSameAnswer(body)
    expect(answer.status).toBe(400)
    const pointers = JSON.parse(answer.body).errors.map((e: { pointer: string }) => e.pointer)
    expect(pointers).toEqual([
      '/levers',
      '/levers',
      '/workloads/10/bogus',
      '/workloads/2400/requestsPerMonth',
      '/workloads/2999/userWaiting',
      '/unexpected',
    ])
  }, 60_000)

  it('422: every engine issue in one answer (an unknown model in the second shard, a name repeated across shards)', async () => {
    const body = wire(PLAN)
    body.workloads[2_500].model = 'claude-nonexistent-9'
    body.workloads[1_800].name = body.workloads[5].name
    body.commitment.proposedCommitByYear = ['1', '2']
    const answer = await expectSameAnswer(body)
    expect(answer.status).toBe(422)
    const pointers = JSON.parse(answer.body).errors.map((e: { pointer: string }) => e.pointer)
    expect(pointers).toEqual([
      '/workloads/1800/name',
      '/workloads/2500/model',
      '/commitment/proposedCommitByYear',
      '/commitment/proposedCommit',
    ])
  }, 60_000)

  it('answers the request-wide refusals as one task does: limits, price book, malformed JSON', async () => {
    const tooLarge = wire(PLAN)
    tooLarge.commitment.simulations = 20_000
    expect((await expectSameAnswer(tooLarge)).status).toBe(422)
    const unknownBook = { ...wire(PLAN), priceBook: 'no-such-book' }
    expect((await expectSameAnswer(unknownBook)).status).toBe(422)
    const text = JSON.stringify(PLAN)
    expect((await expectSameAnswer(`${text.slice(0, -1)},}`)).status).toBe(400)
    // A large body with few workloads is computed whole by the first shard.
    const padded = { ...wire(syntheticPlan(50, 1)), levers: [] as unknown[] }
    const spaced = JSON.stringify(padded, null, 2).replace('"levers": [', `"levers": [${' '.repeat(300_000)}`)
    expect((await expectSameAnswer(spaced)).status).toBe(200)
  }, 60_000)

  it('computes a stored plan’s parts in shards as in one task', async () => {
    const parts = async (at: Instance) => {
      const service = createPlanService({
        priceBooks: createPriceBookRepository(at.app.db.prisma),
        compute: at.app.compute,
      })
      const auth = {
        organizationId: at.tenant.organizationId,
        apiKeyId: 'parts',
        apiKeyName: 'parts',
        scopes: [],
      }
      const result = await service.computeParts(auth, wire(PLAN))
      return JSON.stringify(result).replaceAll(at.bookId, 'BOOK')
    }
    const reference = await parts(whole)
    for (const at of sharded) expect(await parts(at)).toBe(reference)
  }, 120_000)
})
