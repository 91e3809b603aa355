import type { PrismaClient } from '../../db/client.js'
import { Prisma } from '../../db/generated/client.js'
import type { Db } from '../../db/prisma-helpers.js'
import type { PlanPart, PlanParts } from '../plans/plan-body.js'

export type SnapshotStatus = 'computing' | 'ready' | 'failed'

/** The per-workload parts of a stored plan, which a stream reads line by line (`splitLines`, `lines`). */
export type SlicedPart = 'workloads' | 'workloadYears' | 'workloadMonths'

/** Their columns (a fixed list: never built from input). */
const SLICED_COLUMNS: Record<SlicedPart, string> = {
  workloads: '"workloads"',
  workloadYears: '"workloadYears"',
  workloadMonths: '"workloadMonths"',
}

/** A workload as a stored plan lists it: its id, and what tables show beside its figures. */
export interface PlanWorkloadRef {
  id: string
  name: string
  team: string | null
  inferenceGeo: string
  /** Decimal text, as stored. */
  requestsPerMonth: string
  /** Decimal text, as stored. */
  monthlyGrowthRate: string
}

export interface SnapshotState {
  inputKey: string
  status: SnapshotStatus
  claimedAt: Date
}

/**
 * Prisma queries for stored plans (PlanSnapshot): one row per scenario, for the input revision it was
 * computed from. Claiming is one atomic upsert, so that of several instances reading a scenario's new
 * plan for the first time exactly one computes it.
 */
export function createProjectionRepository(db: PrismaClient) {
  return {
    async state(scenarioId: string, tx: Db = db): Promise<SnapshotState | null> {
      const row = await tx.planSnapshot.findUnique({
        where: { scenarioId },
        select: { inputKey: true, status: true, claimedAt: true },
      })
      return row ? { ...row, status: row.status as SnapshotStatus } : null
    },

    /**
     * Claims the computation of `inputKey`'s plan: true when this caller is to compute it — there was no
     * plan, one of other inputs, or a claim older than `staleBefore` (its computer died) — false when
     * another holds a live claim or the plan is already there.
     */
    async claim(
      organizationId: string,
      scenarioId: string,
      inputKey: string,
      staleBefore: Date,
      tx: Db = db,
    ) {
      const claimed = await tx.$executeRaw`
        INSERT INTO "PlanSnapshot" ("scenarioId", "organizationId", "inputKey", "status", "claimedAt")
        VALUES (${scenarioId}::uuid, ${organizationId}::uuid, ${inputKey}, 'computing', CURRENT_TIMESTAMP)
        ON CONFLICT ("scenarioId") DO UPDATE SET
          "inputKey" = EXCLUDED."inputKey", "status" = 'computing', "claimedAt" = CURRENT_TIMESTAMP,
          "computedAt" = NULL, "head" = NULL, "months" = NULL, "years" = NULL, "workloads" = NULL,
          "workloadYears" = NULL, "workloadMonths" = NULL, "options" = NULL
        WHERE "PlanSnapshot"."inputKey" <> EXCLUDED."inputKey"
           OR ("PlanSnapshot"."status" = 'computing' AND "PlanSnapshot"."claimedAt" < ${staleBefore})`
      return claimed > 0
    },

    /**
     * Stores the plan computed under this caller's claim; false when the claim was lost meanwhile. The lines
     * an earlier plan of the scenario was split into are dropped with it.
     */
    async store(scenarioId: string, inputKey: string, parts: PlanParts, tx: Db = db): Promise<boolean> {
      const { count } = await tx.planSnapshot.updateMany({
        where: { scenarioId, inputKey, status: 'computing' },
        data: { ...parts, status: 'ready', computedAt: new Date() },
      })
      if (count > 0) await tx.planPartLine.deleteMany({ where: { scenarioId, NOT: { inputKey } } })
      return count > 0
    },

    /** Stores why the plan of these inputs cannot be computed (a 4xx problem, as JSON in `head`). */
    async fail(scenarioId: string, inputKey: string, problem: unknown, tx: Db = db): Promise<void> {
      await tx.planSnapshot.updateMany({
        where: { scenarioId, inputKey, status: 'computing' },
        data: { status: 'failed', head: JSON.stringify(problem), computedAt: new Date() },
      })
    },

    /** Gives a claim up (the computation failed for a passing reason: the next read tries again). */
    async release(scenarioId: string, inputKey: string, tx: Db = db): Promise<void> {
      await tx.planSnapshot.deleteMany({ where: { scenarioId, inputKey, status: 'computing' } })
    },

    /** The stored problem of a failed plan. */
    async failure(scenarioId: string, inputKey: string, tx: Db = db): Promise<string | null> {
      const row = await tx.planSnapshot.findFirst({
        where: { scenarioId, inputKey, status: 'failed' },
        select: { head: true },
      })
      return row?.head ?? null
    },

    /** The parts of a ready plan that an answer needs (head and options always); null when not ready. */
    async parts(scenarioId: string, inputKey: string, include: ReadonlySet<PlanPart>, tx: Db = db) {
      const withMonths = include.has('workloadMonths')
      const withWorkloads = withMonths || include.has('workloads')
      const row = await tx.planSnapshot.findFirst({
        where: { scenarioId, inputKey, status: 'ready' },
        select: {
          head: true,
          options: true,
          months: include.has('months'),
          years: include.has('years'),
          workloads: withWorkloads,
          workloadYears: withWorkloads && include.has('years'),
          workloadMonths: withMonths,
        },
      })
      if (!row?.head || row.options === null) return null
      return {
        head: row.head,
        options: row.options,
        ...(row.months != null ? { months: row.months } : {}),
        ...(row.years != null ? { years: row.years } : {}),
        ...(row.workloads != null ? { workloads: row.workloads } : {}),
        ...(row.workloadYears != null ? { workloadYears: row.workloadYears } : {}),
        ...(row.workloadMonths != null ? { workloadMonths: row.workloadMonths } : {}),
      }
    },

    /** Whether the lines of a plan's per-workload part are split out already (see {@link splitLines}). */
    async hasLines(scenarioId: string, inputKey: string, part: SlicedPart, tx: Db = db): Promise<boolean> {
      const rows = await tx.$queryRaw<{ found: boolean }[]>`
        SELECT EXISTS (
          SELECT 1 FROM "PlanPartLine"
          WHERE "scenarioId" = ${scenarioId}::uuid AND "inputKey" = ${inputKey} AND "part" = ${part} AND "line" = 1
        ) AS "found"`
      return rows[0]?.found === true
    },

    /**
     * Splits a ready plan's per-workload part into its lines (1, 2, …), once per plan revision, in one statement
     * that also drops the lines of the scenario's other revisions; a concurrent split of the same part waits for
     * this one and adds nothing. Nothing is split when the plan of `inputKey` is no longer there.
     */
    async splitLines(scenarioId: string, inputKey: string, part: SlicedPart, tx: Db = db): Promise<void> {
      const column = Prisma.raw(SLICED_COLUMNS[part])
      await tx.$executeRaw`
        WITH "stale" AS (
          DELETE FROM "PlanPartLine" WHERE "scenarioId" = ${scenarioId}::uuid AND "inputKey" <> ${inputKey}
        )
        INSERT INTO "PlanPartLine" ("scenarioId", "inputKey", "part", "line", "text")
        SELECT p."scenarioId", p."inputKey", ${part}, s."line", s."text"
        FROM "PlanSnapshot" p, string_to_table(p.${column}, E'\\n') WITH ORDINALITY AS s("text", "line")
        WHERE p."scenarioId" = ${scenarioId}::uuid AND p."inputKey" = ${inputKey} AND p."status" = 'ready'
          AND p.${column} <> ''
        ON CONFLICT DO NOTHING`
    },

    /** Up to `limit` lines of a split part after line `after`, in order. */
    async lines(
      scenarioId: string,
      inputKey: string,
      part: SlicedPart,
      after: number,
      limit: number,
      tx: Db = db,
    ): Promise<string[]> {
      const rows = await tx.$queryRaw<{ text: string }[]>`
        SELECT "text" FROM "PlanPartLine"
        WHERE "scenarioId" = ${scenarioId}::uuid AND "inputKey" = ${inputKey} AND "part" = ${part}
          AND "line" > ${after}::int
        ORDER BY "line" LIMIT ${limit}::int`
      return rows.map((row) => row.text)
    },

    /**
     * The workloads of a plan computed at `workloadsRevision`, in plan order (the order `allOf` gives the
     * engine), with the fields a table shows beside the plan's figures. One statement checks the revision and
     * reads the rows, so they are the plan's workloads; null when the portfolio has moved on (or is gone).
     */
    async workloadRefs(
      organizationId: string,
      portfolioId: string,
      workloadsRevision: number,
      tx: Db = db,
    ): Promise<PlanWorkloadRef[] | null> {
      const rows = await tx.$queryRaw<(Omit<PlanWorkloadRef, 'id'> & { id: string | null })[]>`
        SELECT w."id"::text AS "id", w."name", w."team", w."inferenceGeo",
               w."requestsPerMonth"::text AS "requestsPerMonth", w."monthlyGrowthRate"::text AS "monthlyGrowthRate"
        FROM "Portfolio" p
        LEFT JOIN "Workload" w ON w."portfolioId" = p."id"
        WHERE p."id" = ${portfolioId}::uuid AND p."organizationId" = ${organizationId}::uuid
          AND p."workloadsRevision" = ${workloadsRevision}
        ORDER BY w."createdAt" ASC, w."id" ASC`
      if (rows.length === 0) return null
      return rows.filter((row): row is PlanWorkloadRef => row.id !== null)
    },

    /** A price book's version (a plan input), if the organization can see it. */
    async bookVersion(organizationId: string, id: string, tx: Db = db): Promise<number | null> {
      const row = await tx.priceBook.findFirst({
        where: { id, OR: [{ organizationId: null }, { organizationId }] },
        select: { version: true },
      })
      return row?.version ?? null
    },
  }
}

export type ProjectionRepository = ReturnType<typeof createProjectionRepository>
