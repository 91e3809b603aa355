import type { PrismaClient } from '../../db/client.js'
import type { Prisma, Scenario as ScenarioRow } from '../../db/generated/client.js'
import { type Db, dateOf, isoDate } from '../../db/prisma-helpers.js'
import { afterCursor, type Cursor, PAGE_ORDER } from '../../lib/pagination.js'
import { CommitmentSchema, LeverSequenceSchema } from './scenarios.schemas.js'

export interface StoredLever {
  lever: 'routing' | 'caching' | 'batch'
  startMonth: number
  rampMonths: number
}

/**
 * A stored scenario. The commitment settings are kept as a client sends them (decimals as strings, absent
 * fields left out), so that they go back into the engine through the same schema as a preview's.
 */
export interface StoredScenario {
  id: string
  organizationId: string
  portfolioId: string
  name: string
  basedOnId: string | null
  term: { start: string; months: number }
  levers: StoredLever[]
  commitment: Record<string, unknown>
  priceBookId: string | null
  version: number
  createdAt: Date
  updatedAt: Date
}

export interface ScenarioInput {
  name: string
  basedOnId: string | null
  term: { start: string; months: number }
  levers: StoredLever[]
  commitment: Record<string, unknown>
  priceBookId: string | null
}

/**
 * The commitment settings of a row, checked against the schema they were written through (a row that no
 * longer parses fails loudly here, not deep in a plan), and kept in their stored, plain form.
 */
function storedCommitment(json: Prisma.JsonValue): Record<string, unknown> {
  const value = (json ?? {}) as Record<string, unknown>
  CommitmentSchema.parse(value)
  return value
}

function toScenario(row: ScenarioRow): StoredScenario {
  return {
    id: row.id,
    organizationId: row.organizationId,
    portfolioId: row.portfolioId,
    name: row.name,
    basedOnId: row.basedOnId,
    term: { start: isoDate(row.termStart), months: row.termMonths },
    levers: LeverSequenceSchema.parse(row.levers),
    commitment: storedCommitment(row.commitment),
    priceBookId: row.priceBookId,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

function columns(input: Partial<ScenarioInput>) {
  const data: Prisma.ScenarioUncheckedUpdateManyInput = {}
  if (input.name !== undefined) data.name = input.name
  if (input.term !== undefined) {
    data.termStart = dateOf(input.term.start)
    data.termMonths = input.term.months
  }
  if (input.levers !== undefined) data.levers = input.levers as unknown as Prisma.InputJsonValue
  if (input.commitment !== undefined) data.commitment = input.commitment as Prisma.InputJsonValue
  if (input.priceBookId !== undefined) data.priceBookId = input.priceBookId
  if (input.basedOnId !== undefined) data.basedOnId = input.basedOnId
  return data
}

/** Prisma queries for scenarios, every one scoped to the organization and portfolio that own them. */
export function createScenarioRepository(db: PrismaClient) {
  return {
    async findOwned(organizationId: string, portfolioId: string, id: string, tx: Db = db) {
      const row = await tx.scenario.findFirst({ where: { id, portfolioId, organizationId } })
      return row ? toScenario(row) : null
    },

    async list(
      organizationId: string,
      portfolioId: string,
      limit: number,
      after: Cursor | undefined,
      tx: Db = db,
    ) {
      const rows = await tx.scenario.findMany({
        where: { AND: [{ organizationId, portfolioId }, afterCursor(after)] },
        orderBy: PAGE_ORDER,
        take: limit + 1,
      })
      return rows.map(toScenario)
    },

    /** Scenarios of a portfolio by id (those that exist), or its first `limit` when `ids` is null. */
    async some(
      organizationId: string,
      portfolioId: string,
      ids: readonly string[] | null,
      limit: number,
      tx: Db = db,
    ) {
      const rows = await tx.scenario.findMany({
        where: { organizationId, portfolioId, ...(ids ? { id: { in: [...ids] } } : {}) },
        orderBy: PAGE_ORDER,
        take: limit,
      })
      return rows.map(toScenario)
    },

    async nameTaken(portfolioId: string, name: string, exceptId: string | null, tx: Db) {
      const found = await tx.scenario.findFirst({
        where: { portfolioId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
        select: { id: true },
      })
      return found !== null
    },

    async create(organizationId: string, portfolioId: string, input: ScenarioInput, tx: Db) {
      const row = await tx.scenario.create({
        data: { ...(columns(input) as Prisma.ScenarioUncheckedCreateInput), organizationId, portfolioId },
      })
      return toScenario(row)
    },

    async update(
      organizationId: string,
      portfolioId: string,
      id: string,
      expectedVersion: number,
      changes: Partial<ScenarioInput>,
      tx: Db,
    ): Promise<StoredScenario | null> {
      const { count } = await tx.scenario.updateMany({
        where: { id, portfolioId, organizationId, version: expectedVersion },
        data: { ...columns(changes), version: { increment: 1 } },
      })
      if (count === 0) return null
      return toScenario(await tx.scenario.findUniqueOrThrow({ where: { id } }))
    },

    async remove(organizationId: string, portfolioId: string, id: string, expectedVersion: number, tx: Db) {
      const { count } = await tx.scenario.deleteMany({
        where: { id, portfolioId, organizationId, version: expectedVersion },
      })
      return count > 0
    },
  }
}

export type ScenarioRepository = ReturnType<typeof createScenarioRepository>
