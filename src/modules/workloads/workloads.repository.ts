import { randomUUID } from 'node:crypto'
import type { PrismaClient } from '../../db/client.js'
import { Prisma, type Workload as WorkloadRow } from '../../db/generated/client.js'
import { type Db, decimalText } from '../../db/prisma-helpers.js'
import type { Decimal } from '../../domain/index.js'
import type { AuthContext } from '../../lib/auth-context.js'
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

/** The fields a workload's body sets (everything but what the service assigns). */
export type WorkloadFields = Pick<StoredWorkload, keyof CreateWorkloadBody>

export const FIELD_KEYS = [
  'name',
  'kind',
  'model',
  'routeToModel',
  'requestsPerMonth',
  'inputTokensPerRequest',
  'outputTokensPerRequest',
  'cacheablePrefixTokens',
  'currentCacheHitRate',
  'targetCacheHitRate',
  'cacheTtl',
  'userWaiting',
  'currentBatchShare',
  'targetBatchShare',
  'routableShare',
  'monthlyGrowthRate',
  'inferenceGeo',
  'observedMonthlySpend',
  'team',
  'tags',
] as const satisfies readonly (keyof WorkloadFields)[]

const orDefault = (value: Decimal | null | undefined, fallback: string) => value?.toFixed() ?? fallback
const orNullText = (value: Decimal | null | undefined) => value?.toFixed() ?? null

/**
 * The fields a create of `input` stores, as a stored workload holds them: defaults filled in, absent
 * optional fields null, decimals as plain text. Comparing it with a stored workload tells whether
 * replacing that workload by `input` would change anything. (Field by field, not a loop over keys: a bulk
 * create calls it 10,000 times.)
 */
export function storedFields(input: CreateWorkloadBody): WorkloadFields {
  return {
    name: input.name,
    kind: input.kind ?? null,
    model: input.model,
    routeToModel: input.routeToModel ?? null,
    requestsPerMonth: input.requestsPerMonth.toFixed(),
    inputTokensPerRequest: input.inputTokensPerRequest.toFixed(),
    outputTokensPerRequest: input.outputTokensPerRequest.toFixed(),
    cacheablePrefixTokens: orDefault(input.cacheablePrefixTokens, DEFAULTS.cacheablePrefixTokens),
    currentCacheHitRate: orDefault(input.currentCacheHitRate, DEFAULTS.currentCacheHitRate),
    targetCacheHitRate: orNullText(input.targetCacheHitRate),
    cacheTtl: input.cacheTtl ?? DEFAULTS.cacheTtl,
    userWaiting: input.userWaiting,
    currentBatchShare: orDefault(input.currentBatchShare, DEFAULTS.currentBatchShare),
    targetBatchShare: orNullText(input.targetBatchShare),
    routableShare: orNullText(input.routableShare),
    monthlyGrowthRate: orDefault(input.monthlyGrowthRate, DEFAULTS.monthlyGrowthRate),
    inferenceGeo: input.inferenceGeo ?? DEFAULTS.inferenceGeo,
    observedMonthlySpend: orNullText(input.observedMonthlySpend),
    team: input.team ?? null,
    tags: input.tags ?? [],
  }
}

/** True when the workload holds exactly `fields`. */
export function holds(workload: StoredWorkload, fields: WorkloadFields): boolean {
  return FIELD_KEYS.every((key) => JSON.stringify(workload[key]) === JSON.stringify(fields[key]))
}

/**
 * Every column of the Workload table: a stored workload's fields, by name (the `satisfies` fails to compile
 * when a field is missing from the list, or the list names one the type does not have).
 */
const WORKLOAD_COLUMNS = Object.keys({
  id: true,
  organizationId: true,
  portfolioId: true,
  name: true,
  kind: true,
  model: true,
  routeToModel: true,
  requestsPerMonth: true,
  inputTokensPerRequest: true,
  outputTokensPerRequest: true,
  cacheablePrefixTokens: true,
  currentCacheHitRate: true,
  targetCacheHitRate: true,
  cacheTtl: true,
  userWaiting: true,
  currentBatchShare: true,
  targetBatchShare: true,
  routableShare: true,
  monthlyGrowthRate: true,
  inferenceGeo: true,
  observedMonthlySpend: true,
  team: true,
  tags: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Record<keyof StoredWorkload, true>)

/** The column list of a create (a fixed list: never built from input). */
const INSERTED_COLUMNS = Prisma.raw(WORKLOAD_COLUMNS.map((column) => `"${column}"`).join(', '))
/** The same columns of the record `r` a create reads from its JSON. */
const ROW_COLUMNS = Prisma.raw(WORKLOAD_COLUMNS.map((column) => `r."${column}"`).join(', '))

/** Who made a change, as its history entry names them. */
export type Author = Pick<AuthContext, 'organizationId' | 'apiKeyId' | 'apiKeyName'>

/**
 * The workloads a create of `inputs` makes, in the order given and exactly as they will be stored, without
 * writing them ({@link WorkloadRepository.insertMany} does). Ids are random UUIDs made here, as Prisma's
 * `@default(uuid())` makes them for its own creates; one timestamp per row, a millisecond apart, so that
 * list order (createdAt, id) is the given order. What is stored is what this returns, with nothing read
 * back (10,000 rows through Prisma took a second): the schemas bound every decimal within its column's
 * scale and digits, so NUMERIC keeps each as given, and both sides write decimals as plain text without
 * trailing zeros.
 */
export function newWorkloads(
  organizationId: string,
  portfolioId: string,
  inputs: readonly CreateWorkloadBody[],
): StoredWorkload[] {
  const start = Date.now()
  return inputs.map(
    (input, i): StoredWorkload =>
      // Object.assign, not a spread: spreading the 20 fields into a new literal costs ~10 µs a row in V8.
      Object.assign(storedFields(input), {
        id: randomUUID(),
        organizationId,
        portfolioId,
        version: 1,
        createdAt: new Date(start + i),
        updatedAt: new Date(start + i),
      }),
  )
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

    /**
     * Every workload of a portfolio in list order, a page at a time as the caller reads (an export streams
     * them without holding the portfolio in memory).
     */
    async *pages(
      organizationId: string,
      portfolioId: string,
      pageSize: number,
    ): AsyncGenerator<StoredWorkload[]> {
      let after: Cursor | undefined
      for (;;) {
        const rows = await db.workload.findMany({
          where: { AND: [{ organizationId, portfolioId }, afterCursor(after)] },
          orderBy: PAGE_ORDER,
          take: pageSize,
        })
        if (rows.length > 0) yield rows.map(toWorkload)
        if (rows.length < pageSize) return
        const last = rows.at(-1)!
        after = { createdAt: last.createdAt, id: last.id }
      }
    },

    /** The names of every workload of a portfolio. */
    async namesOf(portfolioId: string, tx: Db = db): Promise<string[]> {
      const rows = await tx.workload.findMany({ where: { portfolioId }, select: { name: true } })
      return rows.map((row) => row.name)
    },

    /** The portfolio's workloads of these names. */
    async byNames(portfolioId: string, names: readonly string[], tx: Db = db): Promise<StoredWorkload[]> {
      if (names.length === 0) return []
      const rows = await tx.workload.findMany({ where: { portfolioId, name: { in: [...names] } } })
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
     * Inserts new workloads (made by {@link newWorkloads}) and the history entry of each one's creation —
     * `created` by `author`, no `before`, `after` the workload as the API presents it — in one SQL
     * statement whatever the count: the rows travel once, as one JSON parameter, which PostgreSQL parses
     * once and reads both tables' rows from (where Prisma's createMany compiled every row on the event loop,
     * seconds for the 10,000 a portfolio may hold, and a second statement for the entries sent and parsed
     * the same fields again). The entries are written in the same statement, so in the caller's transaction.
     */
    async insertMany(workloads: readonly StoredWorkload[], author: Author, tx: Db): Promise<void> {
      if (workloads.length === 0) return
      // The rows go as they are: a stored workload's fields are the table's columns by name (dates as ISO
      // text, decimals as exact decimal text that numeric_in reads without rounding, tags as a JSON array
      // for text[]), so jsonb_populate_record reads each into the table's own types. The same JSON less
      // the organization is the workload as presentWorkload answers it (every other field, the dates as
      // ISO text), which is what a workload's history entry records. A data-modifying CTE always runs to
      // completion, whether or not the outer statement reads it.
      await tx.$executeRaw`
        WITH input AS (SELECT value AS w FROM jsonb_array_elements(${JSON.stringify(workloads)}::jsonb)),
        inserted AS (
          INSERT INTO "Workload" (${INSERTED_COLUMNS})
          SELECT ${ROW_COLUMNS} FROM input, jsonb_populate_record(NULL::"Workload", input.w) AS r
        )
        INSERT INTO "HistoryEntry" ("id", "organizationId", "portfolioId", "apiKeyId", "apiKeyName",
          "resourceType", "resourceId", "action", "before", "after")
        SELECT gen_random_uuid(), ${author.organizationId}::uuid, (w->>'portfolioId')::uuid,
          ${author.apiKeyId}::uuid, ${author.apiKeyName}, 'workload', (w->>'id')::uuid, 'created', NULL,
          w - 'organizationId'
        FROM input`
    },

    /**
     * Replaces every field of each workload (found by id, at the version read) by those of its body, in one
     * statement whatever the count; a workload whose version moved meanwhile is left as it is and missing
     * from the answer, which lists the replaced workloads in the order given.
     */
    async replaceMany(
      organizationId: string,
      portfolioId: string,
      changes: readonly { id: string; version: number; input: CreateWorkloadBody }[],
      tx: Db,
    ): Promise<StoredWorkload[]> {
      if (changes.length === 0) return []
      const rows = changes.map((change) =>
        Object.assign(storedFields(change.input), { id: change.id, version: change.version }),
      )
      await tx.$executeRaw`
        UPDATE "Workload" AS w SET
          "name" = x."name", "kind" = x."kind", "model" = x."model", "routeToModel" = x."routeToModel",
          "requestsPerMonth" = x."requestsPerMonth"::numeric,
          "inputTokensPerRequest" = x."inputTokensPerRequest"::numeric,
          "outputTokensPerRequest" = x."outputTokensPerRequest"::numeric,
          "cacheablePrefixTokens" = x."cacheablePrefixTokens"::numeric,
          "currentCacheHitRate" = x."currentCacheHitRate"::numeric,
          "targetCacheHitRate" = x."targetCacheHitRate"::numeric, "cacheTtl" = x."cacheTtl",
          "userWaiting" = x."userWaiting", "currentBatchShare" = x."currentBatchShare"::numeric,
          "targetBatchShare" = x."targetBatchShare"::numeric, "routableShare" = x."routableShare"::numeric,
          "monthlyGrowthRate" = x."monthlyGrowthRate"::numeric, "inferenceGeo" = x."inferenceGeo",
          "observedMonthlySpend" = x."observedMonthlySpend"::numeric, "team" = x."team",
          "tags" = ARRAY(SELECT jsonb_array_elements_text(COALESCE(x."tags", '[]'::jsonb))),
          "version" = w."version" + 1, "updatedAt" = now()
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
          "id" text, "version" integer, "name" text, "kind" text, "model" text, "routeToModel" text,
          "requestsPerMonth" text, "inputTokensPerRequest" text, "outputTokensPerRequest" text,
          "cacheablePrefixTokens" text, "currentCacheHitRate" text, "targetCacheHitRate" text, "cacheTtl" text,
          "userWaiting" boolean, "currentBatchShare" text, "targetBatchShare" text, "routableShare" text,
          "monthlyGrowthRate" text, "inferenceGeo" text, "observedMonthlySpend" text, "team" text,
          "tags" jsonb)
        WHERE w."id" = x."id"::uuid AND w."version" = x."version"
          AND w."portfolioId" = ${portfolioId}::uuid AND w."organizationId" = ${organizationId}::uuid`
      const replaced = await tx.workload.findMany({ where: { id: { in: rows.map((row) => row.id) } } })
      const byId = new Map(replaced.map((row) => [row.id, row]))
      return changes.flatMap((change) => {
        const row = byId.get(change.id)
        return row && row.version === change.version + 1 ? [toWorkload(row)] : []
      })
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
