import { randomUUID } from 'node:crypto'
import type { PrismaClient } from '../../db/client.js'
import type { Db } from '../../db/prisma-helpers.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { afterCursor, type Cursor, PAGE_ORDER } from '../../lib/pagination.js'

export type HistoryResource = 'portfolio' | 'workload' | 'scenario'
export type HistoryAction = 'created' | 'updated' | 'deleted' | 'archived'

/** One change to record: what, and its fields before and after (null for a create or a delete). */
export interface HistoryChange {
  portfolioId: string
  resourceType: HistoryResource
  resourceId: string
  action: HistoryAction
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

export interface HistoryEntry extends HistoryChange {
  id: string
  apiKeyId: string | null
  apiKeyName: string
  createdAt: Date
}

/** Prisma queries for the history of a portfolio: append only (a trigger refuses updates). */
export function createHistoryRepository(db: PrismaClient) {
  return {
    /**
     * Records changes made by `auth`'s key; call it in the transaction of the change itself. One SQL
     * statement whatever the count (a bulk create records 10,000 entries; Prisma's createMany would
     * compile each on the event loop).
     */
    async record(tx: Db, auth: AuthContext, changes: readonly HistoryChange[]): Promise<void> {
      if (changes.length === 0) return
      const rows = changes.map((change) => ({
        id: randomUUID(),
        portfolioId: change.portfolioId,
        resourceType: change.resourceType,
        resourceId: change.resourceId,
        action: change.action,
        before: change.before,
        after: change.after,
      }))
      await tx.$executeRaw`
        INSERT INTO "HistoryEntry" ("id", "organizationId", "portfolioId", "apiKeyId", "apiKeyName",
          "resourceType", "resourceId", "action", "before", "after")
        SELECT x."id"::uuid, ${auth.organizationId}::uuid, x."portfolioId"::uuid, ${auth.apiKeyId}::uuid,
          ${auth.apiKeyName}, x."resourceType", x."resourceId"::uuid, x."action",
          NULLIF(x."before", 'null'::jsonb), NULLIF(x."after", 'null'::jsonb)
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
          "id" text, "portfolioId" text, "resourceType" text, "resourceId" text, "action" text,
          "before" jsonb, "after" jsonb)`
    },

    async list(
      organizationId: string,
      portfolioId: string,
      limit: number,
      after: Cursor | undefined,
      tx: Db = db,
    ): Promise<HistoryEntry[]> {
      const rows = await tx.historyEntry.findMany({
        where: { AND: [{ organizationId, portfolioId }, afterCursor(after)] },
        orderBy: PAGE_ORDER,
        take: limit + 1,
      })
      return rows.map((row) => ({
        id: row.id,
        portfolioId: row.portfolioId,
        apiKeyId: row.apiKeyId,
        apiKeyName: row.apiKeyName,
        resourceType: row.resourceType as HistoryResource,
        resourceId: row.resourceId,
        action: row.action as HistoryAction,
        before: (row.before ?? null) as Record<string, unknown> | null,
        after: (row.after ?? null) as Record<string, unknown> | null,
        createdAt: row.createdAt,
      }))
    },
  }
}

export type HistoryRepository = ReturnType<typeof createHistoryRepository>

/**
 * The fields that differ between two presentations of a resource, before and after; the bookkeeping
 * fields (version, timestamps) are left out. Null when nothing the user sees changed.
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const ignored = new Set(['version', 'updatedAt', 'createdAt'])
  const was: Record<string, unknown> = {}
  const now: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignored.has(key)) continue
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      was[key] = before[key] ?? null
      now[key] = after[key] ?? null
    }
  }
  return Object.keys(now).length === 0 ? null : { before: was, after: now }
}
