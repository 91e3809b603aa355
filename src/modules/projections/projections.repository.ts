import type { PrismaClient } from '../../db/client.js'
import type { Db } from '../../db/prisma-helpers.js'
import type { PlanPart, PlanParts } from '../plans/plan-body.js'

export type SnapshotStatus = 'computing' | 'ready' | 'failed'

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

    /** Stores the plan computed under this caller's claim; false when the claim was lost meanwhile. */
    async store(scenarioId: string, inputKey: string, parts: PlanParts, tx: Db = db): Promise<boolean> {
      const { count } = await tx.planSnapshot.updateMany({
        where: { scenarioId, inputKey, status: 'computing' },
        data: { ...parts, status: 'ready', computedAt: new Date() },
      })
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
