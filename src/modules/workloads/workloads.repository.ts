import { randomUUID } from 'node:crypto'
import type { PrismaClient } from '../../db/client.js'
import type { Prisma, Workload as WorkloadRow } from '../../db/generated/client.js'
import { type Db, decimalText } from '../../db/prisma-helpers.js'
import type { Decimal } from '../../domain/index.js'
import { afterCursor, type Cursor, PAGE_ORDER } from '../../lib/pagination.js'
import type { CreateWorkloadBody, UpdateWorkloadBody } from './workloads.schemas.js'

/**
 * A stored workload. Decimals are exact decimal strings (`"0.9"`, never `"9e-1"`): they go out on the wire
 * as they are and back into the engine through the same schema a preview's workload goes through.
 */
export interface StoredWorkload {
  id: string
  organizationId: string
  portfolioId: string
  name: string
  kind: string | null
  model: string
  routeToModel: string | null
  requestsPerMonth: string
  inputTokensPerRequest: string
  outputTokensPerRequest: string
  cacheablePrefixTokens: string
  currentCacheHitRate: string
  targetCacheHitRate: string | null
  cacheTtl: '5m' | '1h'
  userWaiting: boolean
  currentBatchShare: string
  targetBatchShare: string | null
  routableShare: string | null
  monthlyGrowthRate: string
  inferenceGeo: 'global' | 'us'
  observedMonthlySpend: string | null
  team: string | null
  tags: string[]
  version: number
  createdAt: Date
  updatedAt: Date
}

const orNull = (value: Prisma.Decimal | null) => (value === null ? null : decimalText(value))

function toWorkload(row: WorkloadRow): StoredWorkload {
  return {
    id: row.id,
    organizationId: row.organizationId,
    portfolioId: row.portfolioId,
    name: row.name,
    kind: row.kind,
    model: row.model,
    routeToModel: row.routeToModel,
    requestsPerMonth: decimalText(row.requestsPerMonth),
    inputTokensPerRequest: decimalText(row.inputTokensPerRequest),
    outputTokensPerRequest: decimalText(row.outputTokensPerRequest),
    cacheablePrefixTokens: decimalText(row.cacheablePrefixTokens),
    currentCacheHitRate: decimalText(row.currentCacheHitRate),
    targetCacheHitRate: orNull(row.targetCacheHitRate),
    cacheTtl: row.cacheTtl as '5m' | '1h',
    userWaiting: row.userWaiting,
    currentBatchShare: decimalText(row.currentBatchShare),
    targetBatchShare: orNull(row.targetBatchShare),
    routableShare: orNull(row.routableShare),
    monthlyGrowthRate: decimalText(row.monthlyGrowthRate),
    inferenceGeo: row.inferenceGeo as 'global' | 'us',
    observedMonthlySpend: orNull(row.observedMonthlySpend),
    team: row.team,
    tags: row.tags,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

const text = (value: Decimal) => value.toFixed()

/** Fields whose absence means the column's default (zero, `5m`, `global`), never null. */
const DEFAULTS = {
  cacheablePrefixTokens: '0',
  currentCacheHitRate: '0',
  cacheTtl: '5m',
  currentBatchShare: '0',
  monthlyGrowthRate: '0',
  inferenceGeo: 'global',
} as const

/**
 * The columns for the fields given: `undefined` leaves a column as it is (an update) or to its default (a
 * create); `null` clears it — to null, or to the default where the column has one.
 */
function columns(input: UpdateWorkloadBody): Prisma.WorkloadUncheckedUpdateManyInput {
  const data: Record<string, unknown> = {}
  const set = (key: string, value: unknown) => {
    if (value === undefined) return
    if (value === null) data[key] = key in DEFAULTS ? DEFAULTS[key as keyof typeof DEFAULTS] : null
    else data[key] = typeof value === 'object' && !Array.isArray(value) ? text(value as Decimal) : value
  }
  for (const [key, value] of Object.entries(input)) set(key, key === 'tags' && value === null ? [] : value)
  return data as Prisma.WorkloadUncheckedUpdateManyInput
}

/** Prisma queries for workloads, every one scoped to the organization and portfolio that own them. */
export function createWorkloadRepository(db: PrismaClient) {
  return {
    async findOwned(organizationId: string, portfolioId: string, id: string, tx: Db = db) {
      const row = await tx.workload.findFirst({ where: { id, portfolioId, organizationId } })
      return row ? toWorkload(row) : null
    },

    async list(
      organizationId: string,
      portfolioId: string,
      limit: number,
      after: Cursor | undefined,
      tx: Db = db,
    ) {
      const rows = await tx.workload.findMany({
        where: { AND: [{ organizationId, portfolioId }, afterCursor(after)] },
        orderBy: PAGE_ORDER,
        take: limit + 1,
      })
      return rows.map(toWorkload)
    },

    /** Every workload of a portfolio in list order: the order a plan lists them in. */
    async allOf(organizationId: string, portfolioId: string, tx: Db = db): Promise<StoredWorkload[]> {
      const rows = await tx.workload.findMany({ where: { organizationId, portfolioId }, orderBy: PAGE_ORDER })
      return rows.map(toWorkload)
    },

    async count(portfolioId: string, tx: Db = db): Promise<number> {
      return tx.workload.count({ where: { portfolioId } })
    },

    /** Which of `names` the portfolio already has. */
    async namesTaken(portfolioId: string, names: readonly string[], exceptId: string | null, tx: Db) {
      const rows = await tx.workload.findMany({
        where: { portfolioId, name: { in: [...names] }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
        select: { name: true },
      })
      return rows.map((row) => row.name)
    },

    /**
     * Creates the workloads in the order given; their creation times keep that order in lists. One SQL
     * statement whatever the count (the rows travel as one JSON parameter): Prisma's createMany compiles
     * every row on the event loop, seconds for the 10,000 a portfolio may hold.
     */
    async createMany(
      organizationId: string,
      portfolioId: string,
      inputs: readonly CreateWorkloadBody[],
      tx: Db,
    ): Promise<StoredWorkload[]> {
      // One timestamp per row, a millisecond apart, so that list order (createdAt, id) is the given order.
      const start = Date.now()
      const rows = inputs.map((input, i) => ({
        ...DEFAULTS,
        ...(columns(input) as Record<string, unknown>),
        id: randomUUID(),
        at: new Date(start + i).toISOString(),
      }))
      await tx.$executeRaw`
        INSERT INTO "Workload" (
          "id", "organizationId", "portfolioId", "name", "kind", "model", "routeToModel", "requestsPerMonth",
          "inputTokensPerRequest", "outputTokensPerRequest", "cacheablePrefixTokens", "currentCacheHitRate",
          "targetCacheHitRate", "cacheTtl", "userWaiting", "currentBatchShare", "targetBatchShare",
          "routableShare", "monthlyGrowthRate", "inferenceGeo", "observedMonthlySpend", "team", "tags",
          "createdAt", "updatedAt")
        SELECT
          x."id"::uuid, ${organizationId}::uuid, ${portfolioId}::uuid, x."name", x."kind", x."model",
          x."routeToModel", x."requestsPerMonth"::numeric, x."inputTokensPerRequest"::numeric,
          x."outputTokensPerRequest"::numeric, x."cacheablePrefixTokens"::numeric,
          x."currentCacheHitRate"::numeric, x."targetCacheHitRate"::numeric, x."cacheTtl", x."userWaiting",
          x."currentBatchShare"::numeric, x."targetBatchShare"::numeric, x."routableShare"::numeric,
          x."monthlyGrowthRate"::numeric, x."inferenceGeo", x."observedMonthlySpend"::numeric, x."team",
          ARRAY(SELECT jsonb_array_elements_text(COALESCE(x."tags", '[]'::jsonb))), x."at"::timestamptz,
          x."at"::timestamptz
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
          "id" text, "name" text, "kind" text, "model" text, "routeToModel" text, "requestsPerMonth" text,
          "inputTokensPerRequest" text, "outputTokensPerRequest" text, "cacheablePrefixTokens" text,
          "currentCacheHitRate" text, "targetCacheHitRate" text, "cacheTtl" text, "userWaiting" boolean,
          "currentBatchShare" text, "targetBatchShare" text, "routableShare" text, "monthlyGrowthRate" text,
          "inferenceGeo" text, "observedMonthlySpend" text, "team" text, "tags" jsonb, "at" text)`
      const created = await tx.workload.findMany({
        where: { portfolioId, createdAt: { gte: new Date(start) } },
        orderBy: PAGE_ORDER,
      })
      const ids = new Set<string>(rows.map((row) => row.id))
      return created.filter((row) => ids.has(row.id)).map(toWorkload)
    },

    async update(
      organizationId: string,
      portfolioId: string,
      id: string,
      expectedVersion: number,
      changes: UpdateWorkloadBody,
      tx: Db,
    ): Promise<StoredWorkload | null> {
      const { count } = await tx.workload.updateMany({
        where: { id, portfolioId, organizationId, version: expectedVersion },
        data: { ...columns(changes), version: { increment: 1 } },
      })
      if (count === 0) return null
      return toWorkload(await tx.workload.findUniqueOrThrow({ where: { id } }))
    },

    async remove(organizationId: string, portfolioId: string, id: string, expectedVersion: number, tx: Db) {
      const { count } = await tx.workload.deleteMany({
        where: { id, portfolioId, organizationId, version: expectedVersion },
      })
      return count > 0
    },
  }
}

export type WorkloadRepository = ReturnType<typeof createWorkloadRepository>
